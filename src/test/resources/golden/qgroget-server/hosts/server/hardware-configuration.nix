# Created once by homelab; yours to edit. Replace it with the output of
# `nixos-generate-config`, minus the entries for the datasets of this host's ZFS root pool
# (impermanence.nix declares them); keep the ESP's.
{ modulesPath, ... }:
{
  imports = [ (modulesPath + "/installer/scan/not-detected.nix") ];

  boot.initrd.availableKernelModules = [
    "xhci_pci"
    "ahci"
    "nvme"
    "usb_storage"
  ];

  fileSystems."/boot" = {
    device = "/dev/disk/by-label/boot";
    fsType = "vfat";
  };
}
