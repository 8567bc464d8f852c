package dev.homelab.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;

/**
 * One machine, NixOS or (a {@code *-darwin} system) a Mac run by nix-darwin: platform, the
 * release it was installed with, the ZFS host id, its age recipient, boot loader, hardware,
 * network, storage pools and services; extra NixOS options
 * ({@code nixos}) and hand-written module files the host imports ({@code imports}, relative to
 * the flake's root); Syncoid {@code replication} of its datasets to another host, and an
 * ephemeral root ({@code impermanence}); its {@code role} (what its defaults are), the desktop
 * environment of a workstation ({@code desktop}), nixpkgs packages installed system-wide
 * ({@code packages}), the spec's flake inputs whose module and overlay it takes ({@code use}),
 * what it means despite its role ({@code force}); on a Mac, what Homebrew installs
 * ({@code homebrew}) and extra nix-darwin options ({@code darwin}).
 */
public record Host(
    @Pattern(regexp = "(x86_64|aarch64|i686|armv7l|riscv64)-linux|(x86_64|aarch64)-darwin",
        message = "not a system such as `x86_64-linux` or `aarch64-darwin`") String system,
    Role role,
    @NotBlank(message = "every host needs `stateVersion`, the NixOS release it was installed with")
        @Pattern(regexp = "\\d\\d\\.\\d\\d|[1-9][0-9]?",
            message = "a state version is a release such as `25.05` (on a Mac, nix-darwin's number such as `6`)")
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
    List<Forced> force,
    @Valid Homebrew homebrew,
    Map<String, Object> darwin) {

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
    darwin = Maps.copy(darwin);
  }

  /** True when the spec's {@code force:} lists this. */
  public boolean forces(Forced what) {
    return force.contains(what);
  }

  /** True for a Mac: its {@code system} ends in {@code -darwin} (a nix-darwin configuration, not NixOS). */
  public boolean isDarwin() {
    return system.endsWith("-darwin");
  }

  /**
   * True for a machine someone sits at: role {@code desktop}, {@code laptop} or {@code vm}, or
   * a Mac. A person's home profile applies on these unless {@code home.hosts} says otherwise.
   */
  public boolean isSeated() {
    return isDarwin() || role == Role.DESKTOP || role == Role.LAPTOP || role == Role.VM || role == Role.DARWIN;
  }

  /** True when the host has a ZFS pool (then it needs a host id). */
  public boolean usesZfs() {
    return !storage.isEmpty();
  }
}
