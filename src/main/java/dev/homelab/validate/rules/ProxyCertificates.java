package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.Exposure;
import dev.homelab.model.Proxy;
import dev.homelab.model.TlsMode;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.List;

/**
 * HL0345: the proxy must be able to get its certificates. Only Caddy has an internal CA
 * ({@code tls: internal}); ACME HTTP-01 needs port 80 reachable from the internet, which the
 * firewall opens only for a service exposed {@code public} without a tunnel; a DNS token is
 * unused without ACME.
 */
public final class ProxyCertificates implements Rule {

  @Override
  public String id() {
    return "HL0345";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      List<EffectiveService> services = ctx.services(hostName, host);
      if (services.stream().noneMatch(s -> s.isProxied() && s.deployed())) {
        return;
      }
      Proxy proxy = host.network().proxy();
      String at = SourceMap.child(SourceMap.child("hosts", hostName), "network.proxy");
      String tls = SourceMap.child(at, "tls");
      String name = proxy.kind().equals("nginx") ? "Nginx" : proxy.kind().equals("traefik") ? "Traefik" : "Caddy";
      if (proxy.tls() == TlsMode.INTERNAL && !proxy.kind().equals("caddy")) {
        String where = ctx.sources().has(tls) ? tls : SourceMap.child(at, "kind");
        ctx.error(where, name + " has no internal CA to issue certificates (`tls: internal` is Caddy's)",
            "set `tls: acme` with `dnsToken: { secret: NAME }` (DNS-01 needs no open port), or use `kind: caddy`");
      }
      boolean direct = host.network().tunnel() == null
          && services.stream().anyMatch(s -> s.deployed() && s.isProxied() && s.expose().contains(Exposure.PUBLIC));
      if (proxy.tls() == TlsMode.ACME && !proxy.dns01() && !direct) {
        ctx.error(tls, "ACME HTTP-01 needs port 80 reachable from the internet, and host `" + hostName
                + "` serves no site to the internet directly",
            "add `dnsToken: { secret: NAME }` (DNS-01: an env file for lego, e.g. CF_DNS_API_TOKEN=...), or use `tls: internal` with Caddy");
      }
      if (proxy.dnsToken() != null && proxy.tls() != TlsMode.ACME) {
        ctx.warningAtKey(SourceMap.child(at, "dnsToken"), "`dnsToken` is unused: certificates do not come by ACME",
            "set `tls: acme` to get a wildcard certificate by DNS-01, or remove `dnsToken`");
      }
    });
  }
}
