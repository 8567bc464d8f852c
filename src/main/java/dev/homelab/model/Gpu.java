package dev.homelab.model;

/** A host's GPU vendor, for hardware video acceleration. */
public enum Gpu implements Named {
  NONE("none"),
  INTEL("intel"),
  AMD("amd"),
  NVIDIA("nvidia");

  private final String wire;

  Gpu(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }
}
