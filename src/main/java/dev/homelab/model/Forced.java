package dev.homelab.model;

/**
 * What a host's {@code force:} says the owner means despite its role: a desktop environment on
 * a headless role, a reverse proxy or public exposure on a laptop.
 */
public enum Forced implements Named {
  DESKTOP("desktop"),
  PROXY("proxy"),
  PUBLIC("public");

  private final String wire;

  Forced(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }
}
