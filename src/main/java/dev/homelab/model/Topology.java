package dev.homelab.model;

/** How a new pool's devices are combined (the vdev of {@code zpool create}). */
public enum Topology implements Named {
  /** One device, no redundancy. */
  SINGLE("single", "", 1),
  /** Every device holds a copy. */
  MIRROR("mirror", "mirror", 2),
  /** Striped with one device of parity. */
  RAIDZ1("raidz1", "raidz1", 3),
  /** Striped with two devices of parity. */
  RAIDZ2("raidz2", "raidz2", 4);

  private final String wire;
  private final String zfsMode;
  private final int minDevices;

  Topology(String wire, String zfsMode, int minDevices) {
    this.wire = wire;
    this.zfsMode = zfsMode;
    this.minDevices = minDevices;
  }

  @Override
  public String wire() {
    return wire;
  }

  /** The word {@code zpool create} (and disko's {@code mode}) takes; empty for a single device. */
  public String zfsMode() {
    return zfsMode;
  }

  /** The fewest devices this topology takes ({@code single}: exactly one). */
  public int minDevices() {
    return minDevices;
  }
}
