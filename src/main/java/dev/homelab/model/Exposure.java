package dev.homelab.model;

/** Who reaches a service: the LAN, the tailnet, or the public internet. */
public enum Exposure implements Named {
  LAN("lan"),
  TAILSCALE("tailscale"),
  PUBLIC("public");

  private final String wire;

  Exposure(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }
}
