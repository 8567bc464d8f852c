package dev.homelab.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;

/**
 * One NixOS machine: platform, the release it was installed with, the ZFS host id, its age
 * recipient, boot loader, hardware, network, storage pools and services; extra NixOS options
 * ({@code nixos}) and hand-written module files the host imports ({@code imports}, relative to
 * the flake's root); Syncoid {@code replication} of its datasets to another host, and an
 * ephemeral root ({@code impermanence}); its {@code role} (what its defaults are), the desktop
 * environment of a workstation ({@code desktop}), nixpkgs packages installed system-wide
 * ({@code packages}), the spec's flake inputs whose module and overlay it takes ({@code use}),
 * and what it means despite its role ({@code force}).
 */
public record Host(
    @Pattern(regexp = "(x86_64|aarch64|i686|armv7l|riscv64)-linux", message = "not a Linux system such as `x86_64-linux`") String system,
    Role role,
    @NotBlank(message = "every host needs `stateVersion`, the NixOS release it was installed with")
        @Pattern(regexp = "\\d\\d\\.\\d\\d", message = "a state version is a release such as `25.05`")
        String stateVersion,
    String hostId,
    @Pattern(regexp = "age1[02-9ac-hj-np-z]{58}", message = "not an age recipient (`age1` and 58 more characters)") String age,
    @Valid Boot boot,
    @Valid Hardware hardware,
    @Valid Network network,
    Map<String, @Valid Pool> storage,
    Map<String, @Valid Service> services,
    Map<String, Object> nixos,
    List<@Pattern(regexp = "[A-Za-z0-9_][A-Za-z0-9._+-]*(/[A-Za-z0-9_][A-Za-z0-9._+-]*)*",
        message = "an import is a path relative to the flake's root, such as `modules/backup-disk.nix` (no `..`)") String> imports,
    @Valid Replication replication,
    @Valid Impermanence impermanence,
    @Valid Desktop desktop,
    List<String> packages,
    List<String> use,
    List<Forced> force) {

  public Host {
    system = system == null ? "x86_64-linux" : system;
    role = role == null ? Role.SERVER : role;
    boot = boot == null ? new Boot(null, null) : boot;
    hardware = hardware == null ? new Hardware(null, null) : hardware;
    network = network == null ? new Network(null, null, null, null, null, null) : network;
    storage = Maps.copy(storage);
    services = Maps.copy(services);
    nixos = Maps.copy(nixos);
    imports = Maps.copy(imports);
    desktop = desktop == null && role.isWorkstation() ? new Desktop(null, null) : desktop;
    packages = Maps.copy(packages);
    use = Maps.copy(use);
    force = Maps.copy(force);
  }

  /** True when the spec's {@code force:} lists this. */
  public boolean forces(Forced what) {
    return force.contains(what);
  }

  /** True when the host has a ZFS pool (then it needs a host id). */
  public boolean usesZfs() {
    return !storage.isEmpty();
  }
}
