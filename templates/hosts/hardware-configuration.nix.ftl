# Created once by homelab; yours to edit. Replace it with the output of
<#if zfsRoot?has_content>
<#if zfsRoot == "disko.nix">
# `nixos-generate-config --no-filesystems`: disko.nix declares the file systems of this
# host's ZFS root pool and its ESP.
<#else>
# `nixos-generate-config`, minus the entries for the datasets of this host's ZFS root pool
# (impermanence.nix declares them); keep the ESP's.
</#if>
<#elseif diskoRoot>
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
<#if !diskoRoot && !zfsRoot?has_content>

  fileSystems."/" = {
    device = "/dev/disk/by-label/nixos";
    fsType = "ext4";
  };
</#if>
<#if !diskoRoot && zfsRoot != "disko.nix">

  fileSystems."/boot" = {
    device = "/dev/disk/by-label/boot";
    fsType = "vfat";
  };
</#if>
}
