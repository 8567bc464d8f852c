package dev.homelab.plan;

import java.util.Optional;

/**
 * A module flake the generated flake imports on some hosts: its flake input, its repository
 * (as the option catalog names the flake that declares an option), the NixOS module a host
 * imports from it, and when a host does.
 */
public enum ModuleFlake {
  SOPS_NIX("sops-nix", "Mic92/sops-nix", "sops-nix.nixosModules.sops",
      "every host imports it once any host reads a secret (`{ secret: ... }`)"),
  QUADLET_NIX("quadlet-nix", "SEIAROTg/quadlet-nix", "quadlet-nix.nixosModules.quadlet",
      "a host imports it when it runs a container with `runtime: quadlet`"),
  VPN_CONFINEMENT("vpn-confinement", "Maroka-chan/VPN-Confinement", "vpn-confinement.nixosModules.default",
      "a host imports it when a service runs in a VPN namespace (`vpn: { via: namespace }`)"),
  DISKO("disko", "nix-community/disko", "disko.nixosModules.disko",
      "a host imports it when it has a pool to lay out (`existing: false`) or a BTRFS root"),
  IMPERMANENCE("impermanence", "nix-community/impermanence", "impermanence.nixosModules.impermanence",
      "a host imports it when it has `impermanence:`");

  public final String input;
  public final String repo;
  public final String module;
  public final String importedWhen;

  ModuleFlake(String input, String repo, String module, String importedWhen) {
    this.input = input;
    this.repo = repo;
    this.module = module;
    this.importedWhen = importedWhen;
  }

  /** The module flake of a repository, when the flake can import it at all. */
  public static Optional<ModuleFlake> ofRepo(String repo) {
    for (ModuleFlake f : values()) {
      if (f.repo.equals(repo)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
