package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;

/**
 * HL0423: a host's fields agree with its platform: {@code role: darwin}, {@code homebrew} and
 * {@code darwin:} only on a {@code *-darwin} system; {@code stateVersion} is a NixOS release
 * ({@code 25.05}) on Linux and nix-darwin's own number ({@code 6}) on a Mac; a Mac with
 * {@code homebrew} has a person on it (Homebrew runs as the first, {@code system.primaryUser}).
 */
public final class DarwinFields implements Rule {

  @Override
  public String id() {
    return "HL0423";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((name, host) -> {
      String path = SourceMap.path("hosts", name);
      String role = String.valueOf(host.role()).toLowerCase(java.util.Locale.ROOT);
      if (!host.isDarwin()) {
        if (role.equals("darwin")) {
          ctx.error(SourceMap.child(path, "role"), "role `darwin` on `" + name + "`, a NixOS host (" + host.system() + ")",
              "a Mac is `system: aarch64-darwin` (Apple silicon) or `x86_64-darwin` (Intel)");
        }
        for (String key : new String[] {"homebrew", "darwin"}) {
          String at = SourceMap.child(path, key);
          if (ctx.sources().has(at)) {
            ctx.errorAtKey(at, "`" + key + "` on `" + name + "`, a NixOS host (" + host.system() + ")",
                "`" + key + "` is for a Mac (`system: aarch64-darwin`); on NixOS write options under `nixos:`");
          }
        }
        if (host.stateVersion() != null && host.stateVersion().matches("\\d+")) {
          ctx.error(SourceMap.child(path, "stateVersion"), "`" + host.stateVersion() + "` is nix-darwin's kind of state"
              + " version, but `" + name + "` is NixOS", "a NixOS state version is the release it was installed with, such"
              + " as `25.05`");
        }
      } else {
        if (ctx.sources().has(SourceMap.child(path, "role")) && !role.equals("darwin")) {
          ctx.error(SourceMap.child(path, "role"), "role `" + role + "` on the Mac `" + name + "`",
              "a " + host.system() + " host is a nix-darwin configuration: `role: darwin`, or leave `role` out");
        }
        boolean anyone = java.util.stream.Stream.concat(ctx.spec().admins().values().stream(),
            ctx.spec().users().values().stream()).anyMatch(p -> p.isOn(name));
        if (host.homebrew() != null && !anyone) {
          ctx.errorAtKey(SourceMap.child(path, "homebrew"), "`homebrew` on the Mac `" + name + "`, which no person is on",
              "nix-darwin runs Homebrew as `system.primaryUser`, the first person on the Mac: add `" + name
                  + "` to a person's `hosts`");
        }
        if (host.stateVersion() != null && !host.stateVersion().matches("\\d+")) {
          ctx.error(SourceMap.child(path, "stateVersion"), "`" + host.stateVersion() + "` is a NixOS release, but `"
              + name + "` is a Mac", "nix-darwin's state version is its own number, the highest its release knew when"
              + " the Mac was set up (`6` with nix-darwin 25.05, `7` with 26.05): `stateVersion: \"6\"`");
        }
      }
    });
  }
}
