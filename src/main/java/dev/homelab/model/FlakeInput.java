package dev.homelab.model;

import java.util.List;

/**
 * An extra flake input: where it comes from ({@code url}), which of the flake's own inputs it
 * follows ({@code follows: [nixpkgs]} becomes {@code inputs.<name>.inputs.nixpkgs.follows}),
 * the NixOS module a host that {@code use}s it imports ({@code modules.nixos}), the overlay such
 * a host adds to {@code nixpkgs.overlays}, and the option prefixes its module declares
 * ({@code options}), which the option catalog does not hold.
 */
public record FlakeInput(String url, List<String> follows, InputModules modules, String overlay, List<String> options) {

  public FlakeInput {
    follows = Maps.copy(follows);
    modules = modules == null ? new InputModules(null) : modules;
    options = Maps.copy(options);
  }
}
