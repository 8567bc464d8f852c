package dev.homelab.model;

/** The boot loader: systemd-boot on EFI (default) or GRUB on a BIOS disk. */
public record Boot(BootLoader loader, String device) {

  public Boot {
    loader = loader == null ? BootLoader.SYSTEMD_BOOT : loader;
  }
}
