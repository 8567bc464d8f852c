package dev.homelab.plan.network;

import dev.homelab.plan.HostContext;
import dev.homelab.plan.PlannedFile;
/**
 * Plans the host's reverse proxy: the sites every proxy serves ({@link ProxySites}), written
 * by the proxy the host names (Caddy by default, Traefik or Nginx).
 */
public final class ProxyPlanner {

  private ProxyPlanner() {}

  /** The proxy's module, for a host with proxied services. */
  public static PlannedFile plan(HostContext ctx, ProxySites sites) {
    return switch (sites.proxy().kind()) {
      case "traefik" -> TraefikProxy.plan(ctx, sites);
      case "nginx" -> NginxProxy.plan(ctx, sites);
      default -> CaddyProxy.plan(ctx, sites);
    };
  }
}
