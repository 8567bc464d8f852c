# Created once by homelab; yours to edit. Replace it with the output of
<#if diskoRoot>
# `nixos-generate-config --no-filesystems`: disko.nix declares this host's file systems,
# swap and LUKS device.
<#elseif pools?has_content>
# `nixos-generate-config`, minus any entries for ${pools?join(", ")}'s datasets (those mount by
# their ZFS mountpoint).
<#else>
# `nixos-generate-config`.
</#if>
{ modulesPath, ... }:
{
  imports = [ (modulesPath + "/installer/scan/not-detected.nix") ];

  boot.initrd.availableKernelModules = [
    "xhci_pci"
    "ahci"
    "nvme"
    "usb_storage"
  ];
<#if !diskoRoot>

  fileSystems."/" = {
    device = "/dev/disk/by-label/nixos";
    fsType = "ext4";
  };

  fileSystems."/boot" = {
    device = "/dev/disk/by-label/boot";
    fsType = "vfat";
  };
</#if>
}
