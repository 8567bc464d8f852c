package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.Exposure;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;

/**
 * HL0343: a service that requires client certificates (mTLS) needs the host's client CA
 * ({@code network.proxy.clientCa}), a proxied web front, and no exposure through the tunnel
 * (the tunnel reaches the proxy over plain HTTP, where no client certificate can be asked).
 */
public final class MtlsNeedsCa implements Rule {

  @Override
  public String id() {
    return "HL0343";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      for (EffectiveService s : ctx.services(hostName, host)) {
        if (!s.spec().mtls()) {
          continue;
        }
        String at = SourceMap.child(s.path(), "mtls");
        if (!s.isProxied()) {
          ctx.errorAtKey(at, "`" + s.name() + "` requires client certificates but is not reached through the proxy",
              "mTLS is asked by the proxy: expose the service, or remove `mtls`");
        } else if (host.network().proxy().clientCa() == null) {
          ctx.errorAtKey(at, "`" + s.name() + "` requires client certificates but host `" + hostName + "` names no client CA",
              "set `network.proxy.clientCa: { secret: NAME }`, the CA certificate clients' certificates chain to");
        } else if (s.wanted().contains(Exposure.PUBLIC) && host.network().tunnel() != null) {
          ctx.errorAtKey(at, "`" + s.name() + "` requires client certificates but is exposed through the tunnel",
              "the tunnel reaches the proxy over plain HTTP: expose it on the LAN and the tailnet only");
        }
      }
    });
  }
}
