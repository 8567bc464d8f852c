package dev.homelab.model;

import dev.homelab.model.constraints.AbsolutePath;

/** The boot loader: systemd-boot on EFI (default) or GRUB on a BIOS disk. */
public record Boot(BootLoader loader, @AbsolutePath(or = "nodev", example = "/dev/sda") String device) {

  public Boot {
    loader = loader == null ? BootLoader.SYSTEMD_BOOT : loader;
  }
}
