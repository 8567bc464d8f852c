package dev.homelab.model;

/** Which boot loader a host installs. */
public enum BootLoader implements Named {
  SYSTEMD_BOOT("systemd-boot"),
  GRUB("grub");

  private final String wire;

  BootLoader(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }
}
