package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.Exposure;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;

/**
 * HL0331 (warning): an exposure that leads nowhere on its host: `lan` on a host with no LAN
 * interfaces (or, for a web service, no LAN ranges the proxy could admit), `tailscale` on a
 * host without Tailscale, and SSH exposed `public` (SSH is only ever opened per interface).
 */
public final class ExposureReachable implements Rule {

  @Override
  public String id() {
    return "HL0331";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      var net = host.network();
      String hostPath = SourceMap.child("hosts", hostName);
      for (EffectiveService s : ctx.services(hostName, host)) {
        String at = s.spec().expose() != null ? SourceMap.child(s.path(), "expose") : s.path();
        if (s.wanted().contains(Exposure.LAN)) {
          if (net.lan().interfaces().isEmpty()) {
            warn(ctx, s, at, "`lan`, but host `" + hostName + "` has no LAN interfaces",
                "list them under hosts." + hostName + ".network.lan.interfaces");
          } else if (s.descriptor().isHttp() && net.lan().ranges().isEmpty()) {
            warn(ctx, s, at, "`lan`, but host `" + hostName + "` has no LAN ranges for the proxy to admit",
                "list them under hosts." + hostName + ".network.lan.ranges, e.g. `[192.168.1.0/24]`");
          }
        }
        if (s.wanted().contains(Exposure.TAILSCALE) && !net.tailscale().enable()) {
          warn(ctx, s, at, "`tailscale`, but host `" + hostName + "` is not on the tailnet",
              "set hosts." + hostName + ".network.tailscale: true");
        }
      }
      if (net.ssh().expose().contains(Exposure.PUBLIC)) {
        ctx.warning(SourceMap.child(hostPath, "network.ssh.expose"), "SSH is never opened to the public internet",
            "reach SSH over `lan` or `tailscale`");
      }
    });
  }

  private static void warn(RuleContext ctx, EffectiveService s, String at, String what, String hint) {
    if (s.spec().expose() != null) {
      ctx.warning(at, "`" + s.name() + "` is exposed " + what, hint);
    } else {
      ctx.warningAtKey(at, "`" + s.name() + "` is exposed (by its catalog default) " + what, hint);
    }
  }
}
