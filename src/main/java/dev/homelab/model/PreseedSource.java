package dev.homelab.model;

/** Where a preseed restores from. */
public enum PreseedSource implements Named {
  RESTIC("restic"),
  SYNCOID("syncoid"),
  LOCAL("local");

  private final String wire;

  PreseedSource(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }
}
