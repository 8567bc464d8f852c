package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.Exposure;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;

/**
 * HL0380: a VPN-confined service reaches the network only through its VPN; its web UI is
 * for the LAN and the tailnet, never public.
 */
public final class VpnNotPublic implements Rule {

  @Override
  public String id() {
    return "HL0380";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      for (EffectiveService s : ctx.services(hostName, host)) {
        if (s.spec().vpn() != null && s.wanted().contains(Exposure.PUBLIC)) {
          ctx.error(SourceMap.child(s.path(), "expose"), "`" + s.name() + "` is confined to a VPN and cannot be exposed `public`",
              "expose it to `lan` and `tailscale` only");
        }
        if (s.spec().vpn() == null && s.descriptor().requiresVpn()) {
          ctx.errorAtKey(s.path(), "`" + s.name() + "` runs only inside a VPN", "add `vpn: { provider: ..., privateKey: { secret: ... } }`");
        }
        var vpn = s.spec().vpn();
        if (vpn == null) {
          continue;
        }
        String at = SourceMap.child(s.path(), "vpn");
        if (vpn.via().equals("gluetun")) {
          if (!s.descriptor().requiresVpn()) {
            ctx.errorAtKey(at, "`" + s.name() + "` cannot run in a Gluetun container",
                "use `vpn: { via: namespace, config: { secret: NAME } }` for a NixOS service");
          } else if (vpn.provider() == null || vpn.privateKey() == null) {
            ctx.errorAtKey(at, "a Gluetun VPN needs `provider` and `privateKey`",
                "name the provider as Gluetun knows it (`surfshark`, `mullvad`, ...) and the key's secret");
          }
        } else if (vpn.via().equals("namespace")) {
          if (s.descriptor().isContainer() || s.descriptor().units().isEmpty()) {
            ctx.errorAtKey(at, "`" + s.name() + "` has no NixOS service to confine in a network namespace",
                s.descriptor().requiresVpn() ? "use `via: gluetun`" : "only services run by a NixOS module can be confined this way");
          } else if (vpn.config() == null) {
            ctx.errorAtKey(at, "a namespace VPN needs `config: { secret: NAME }`", "the secret holds a wg-quick configuration file");
          }
        } else {
          ctx.error(SourceMap.child(at, "via"), "`" + vpn.via() + "` is not a way to confine a service",
              "use `gluetun` (a VPN container) or `namespace` (a WireGuard network namespace)");
        }
      }
    });
  }
}
