package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.Exposure;
import dev.homelab.model.Forced;
import dev.homelab.model.Role;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;

/**
 * HL0402: a laptop travels, joins networks nobody vetted and sleeps with its lid closed: it
 * serves nothing from a reverse proxy ({@code network.proxy}) or to the internet (a
 * {@code public} service, a tunnel) unless its {@code force:} lists {@code proxy} or
 * {@code public}.
 */
public final class LaptopExposure implements Rule {

  @Override
  public String id() {
    return "HL0402";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((name, host) -> {
      if (host.role() != Role.LAPTOP) {
        return;
      }
      String net = SourceMap.path("hosts", name, "network");
      String proxy = SourceMap.child(net, "proxy");
      if (ctx.sources().has(proxy) && !host.forces(Forced.PROXY)) {
        ctx.errorAtKey(proxy, "`" + name + "` is a laptop: it runs no reverse proxy",
            "serve the sites from a server; if the laptop really is one, add `force: [proxy]` to the host");
      }
      if (host.forces(Forced.PUBLIC)) {
        return;
      }
      String tunnel = SourceMap.child(net, "tunnel");
      if (host.network().tunnel() != null) {
        ctx.errorAtKey(tunnel, "`" + name + "` is a laptop: it serves nothing to the internet through a tunnel",
            "move the tunnel to a server; if you mean it, add `force: [public]` to the host");
      }
      for (EffectiveService s : ctx.services(name, host)) {
        if (s.wanted().contains(Exposure.PUBLIC)) {
          String expose = SourceMap.child(s.path(), "expose");
          ctx.error(ctx.sources().has(expose) ? expose : s.path(), "`" + s.name() + "` on laptop `" + name + "` is exposed `public`",
              "expose it to `lan` or `tailscale`, or run it on a server; if you mean it, add `force: [public]` to the host");
        }
      }
    });
  }
}
