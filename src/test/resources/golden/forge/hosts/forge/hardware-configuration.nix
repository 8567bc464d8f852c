# Created once by homelab; yours to edit. Replace it with the output of
# `nixos-generate-config --no-filesystems`: disko.nix declares the file systems of this
# host's ZFS root pool and its ESP.
{ modulesPath, ... }:
{
  imports = [ (modulesPath + "/installer/scan/not-detected.nix") ];

  boot.initrd.availableKernelModules = [
    "xhci_pci"
    "ahci"
    "nvme"
    "usb_storage"
  ];
}
