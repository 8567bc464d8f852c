package dev.homelab.model;

/** Where the proxy's certificates come from. */
public enum TlsMode implements Named {
  INTERNAL("internal"),
  ACME("acme");

  private final String wire;

  TlsMode(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }
}
