package dev.homelab.plan.network;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.Exposure;
import dev.homelab.model.Tunnel;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.PlannedFile;
import java.util.List;

/**
 * Plans {@code tunnel.nix}: the Cloudflare Tunnel's ingress, one entry per service exposed
 * {@code public}, each pointing at the proxy's loopback tunnel listener (never at the
 * service itself, so the proxy's checks still apply).
 */
public final class TunnelPlanner {

  private TunnelPlanner() {}

  public static PlannedFile plan(HostContext ctx) {
    Tunnel t = ctx.host.network().tunnel();
    int port = ctx.host.network().proxy().tunnelPort();
    Bindings ingress = new Bindings();
    for (EffectiveService s : ctx.services) {
      if (s.expose().contains(Exposure.PUBLIC) && s.descriptor().isHttp()) {
        ingress.set(List.of(s.fqdn()), NixValue.str("http://127.0.0.1:" + port));
      }
    }
    Bindings tunnel = new Bindings();
    String secret = t.credentials() == null ? "cloudflared/credentials" : t.credentials().name();
    ctx.useSecret(secret, null, null, "cloudflared tunnel " + t.id(), "the tunnel's credentials JSON from `cloudflared tunnel create`");
    tunnel.set("credentialsFile", new NixValue.SecretPath(secret));
    tunnel.str("default", "http_status:404");
    tunnel.set("ingress", ingress.attrs());
    Bindings cf = new Bindings();
    cf.bool("enable", true);
    cf.set(List.of("tunnels", t.id()), tunnel.attrs());
    Bindings b = new Bindings();
    b.set("services.cloudflared", cf.attrs());
    b.addAll(List.of(ctx.sopsBinding(secret)));
    return ctx.module("tunnel.nix", "hosts/module.nix.ftl",
        Headers.wrap("Cloudflare Tunnel for the services exposed public; it reaches only the proxy's tunnel listener."),
        b.build());
  }
}
