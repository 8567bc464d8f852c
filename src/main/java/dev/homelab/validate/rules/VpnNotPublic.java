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
        if (s.spec().vpn() != null && s.expose().contains(Exposure.PUBLIC)) {
          ctx.error(SourceMap.child(s.path(), "expose"), "`" + s.name() + "` is confined to a VPN and cannot be exposed `public`",
              "expose it to `lan` and `tailscale` only");
        }
        if (s.spec().vpn() == null && s.descriptor().requiresVpn()) {
          ctx.errorAtKey(s.path(), "`" + s.name() + "` runs only inside a VPN", "add `vpn: { provider: ..., privateKey: { secret: ... } }`");
        }
      }
    });
  }
}
