package dev.homelab.plan.host;

import dev.homelab.nix.Binding;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.PlannedFile;
import java.util.List;

/**
 * Plans {@code hosts/<host>/packages.nix}: the nixpkgs packages the spec installs system-wide
 * ({@code hosts.<host>.packages}), each written as a reference {@code pkgs.<path>} once
 * validation has checked it is an attribute path (HL0405), so no spec text becomes code.
 */
public final class PackagesPlanner {

  private PackagesPlanner() {}

  /** The file, or null when the host lists no packages. */
  public static PlannedFile plan(HostContext ctx) {
    if (ctx.host.packages().isEmpty()) {
      return null;
    }
    List<NixValue> refs = ctx.host.packages().stream().distinct().<NixValue>map(p -> new NixValue.Ref("pkgs." + p)).toList();
    Binding b = new Binding(List.of("environment", "systemPackages"), new NixValue.ListOf(refs),
        List.of("From the spec (hosts." + ctx.name + ".packages): nixpkgs attribute paths, in the system profile."));
    return ctx.module("packages.nix", "hosts/module.nix.ftl",
        List.of("# Packages installed system-wide on this host, for every user."), List.of(b));
  }
}
