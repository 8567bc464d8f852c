package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.Exposure;
import dev.homelab.model.TlsMode;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;

/**
 * HL0330: a service exposed {@code public} needs a TLS-terminating path: a Cloudflare
 * Tunnel, or the proxy on 443 with ACME certificates.
 */
public final class PublicNeedsTls implements Rule {

  @Override
  public String id() {
    return "HL0330";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      boolean tunnel = host.network().tunnel() != null;
      boolean acme = host.network().proxy().tls() == TlsMode.ACME;
      for (EffectiveService s : ctx.services(hostName, host)) {
        if (!s.wanted().contains(Exposure.PUBLIC) || tunnel || acme) {
          continue;
        }
        String path = s.spec().expose() != null ? SourceMap.child(s.path(), "expose") : s.path();
        ctx.error(path, "`" + s.name() + "` is exposed `public` but host `" + hostName + "` has no TLS-terminating path",
            "add `network.tunnel` (Cloudflare Tunnel) or set `network.proxy.tls: acme` on a host with a public address");
      }
    });
  }
}
