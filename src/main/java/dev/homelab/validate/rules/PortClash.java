package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HL0301: two services of one host claim the same port, whether the spec wrote it or it is
 * the catalog's default; also a claim on the proxy's tunnel listener, SSH, or a service's
 * fixed extra port (the catalog's {@code extraPorts}).
 */
public final class PortClash implements Rule {

  private record Claim(String who, dev.homelab.diag.Span at, String path, boolean written) {}

  @Override
  public String id() {
    return "HL0301";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      Map<Integer, Claim> claims = new LinkedHashMap<>();
      String hostPath = SourceMap.child("hosts", hostName);
      String ssh = SourceMap.child(hostPath, "network.ssh.port");
      claims.put(host.network().ssh().port(), new Claim("SSH", ctx.sources().value(ssh), ssh, false));
      if (host.network().tunnel() != null) {
        String tp = SourceMap.child(hostPath, "network.proxy.tunnelPort");
        claims.put(host.network().proxy().tunnelPort(), new Claim("the proxy's tunnel listener", ctx.sources().value(tp), tp, false));
      }
      if (!host.services().isEmpty()) {
        String proxy = SourceMap.child(hostPath, "network.proxy");
        // Every proxy listens on 80 (redirects to HTTPS) and 443; Caddy also on 2019 (its admin API, loopback).
        claims.putIfAbsent(443, new Claim("the reverse proxy (443)", ctx.sources().key(proxy), proxy, false));
        claims.putIfAbsent(80, new Claim("the reverse proxy (80)", ctx.sources().key(proxy), proxy, false));
        if (host.network().proxy().kind().equals("caddy")) {
          claims.putIfAbsent(2019, new Claim("the reverse proxy's admin API (2019)", ctx.sources().key(proxy), proxy, false));
        }
      }
      for (EffectiveService s : ctx.services(hostName, host)) {
        boolean written = s.spec().port() != null;
        String path = written ? SourceMap.child(s.path(), "port") : s.path();
        dev.homelab.diag.Span at = written ? ctx.sources().value(path) : ctx.sources().key(path);
        claim(ctx, claims, s.port(), new Claim("`" + s.name() + "`", at, path, written), s);
        s.descriptor().extraPorts().forEach((what, port) ->
            claim(ctx, claims, port, new Claim("`" + s.name() + "` (" + what + ")", ctx.sources().key(s.path()), s.path(), false), s));
      }
    });
  }

  private static void claim(RuleContext ctx, Map<Integer, Claim> claims, int port, Claim claim, EffectiveService s) {
    Claim first = claims.get(port);
    if (first == null) {
      claims.put(port, claim);
      return;
    }
    String firstAt = first.at.toString();
    String origin = claim.written ? "" : " (the catalog's default for `" + s.kind() + "`)";
    String message = "port " + port + " is claimed by " + first.who + " (at " + firstAt + ") and by " + claim.who + origin;
    String hint = "give one of them another port with `port:`";
    if (claim.written) {
      ctx.error(claim.path, message, hint);
    } else {
      ctx.errorAtKey(claim.path, message, hint);
    }
  }
}
