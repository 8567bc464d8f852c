package dev.homelab.plan.network;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.PlannedFile;
import java.util.List;

/**
 * Plans {@code vpn.nix}: the host's WireGuard network namespace (VPN-Confinement) for
 * services confined with {@code vpn: { via: namespace }}. Their units join the namespace in
 * their own files; the proxy reaches them on the namespace's address.
 */
public final class VpnPlanner {

  /** The namespace's name (the module allows at most 7 characters). */
  public static final String NAMESPACE = "vpn";

  private VpnPlanner() {}

  /** Null when no deployed service of the host is confined in the namespace. */
  public static PlannedFile plan(HostContext ctx) {
    List<EffectiveService> confined = ctx.services.stream().filter(EffectiveService::isInNamespace).toList();
    if (confined.isEmpty()) {
      return null;
    }
    String secret = confined.get(0).spec().vpn().config().name();
    ctx.useSecret(secret, null, null, "VPN network namespace " + NAMESPACE, "a wg-quick configuration file for the VPN");
    Bindings ns = new Bindings()
        .bool("enable", true)
        .set("wireguardConfigFile", new NixValue.SecretPath(secret));
    if (!ctx.host.network().lan().ranges().isEmpty()) {
      ns.comment("The LAN may reach the confined services' ports; the host reaches them on "
              + EffectiveService.NAMESPACE_ADDRESS + ".")
          .set("accessibleFrom", NixValue.strings(ctx.host.network().lan().ranges()));
    }
    Bindings b = new Bindings()
        .set(List.of("vpnNamespaces", NAMESPACE), ns.attrs())
        .addAll(List.of(ctx.sopsBinding(secret)));
    List<String> names = confined.stream().map(EffectiveService::name).toList();
    return ctx.module("vpn.nix", "hosts/module.nix.ftl",
        Headers.wrap("A WireGuard network namespace for " + String.join(", ", names)
            + ": they send and receive everything through the VPN, nothing else (kill switch)."),
        b.build());
  }
}
