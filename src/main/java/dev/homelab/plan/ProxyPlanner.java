package dev.homelab.plan;

import dev.homelab.model.TlsMode;

/**
 * Plans the host's reverse proxy: the sites every proxy serves ({@link ProxySites}), written
 * by the proxy the host names (Caddy by default, Traefik or Nginx).
 */
final class ProxyPlanner {

  private ProxyPlanner() {}

  /** True when `public` services are served on 443 directly (no tunnel, ACME). */
  static boolean servesPublicDirectly(HostContext ctx) {
    return ctx.host.network().tunnel() == null && ctx.host.network().proxy().tls() == TlsMode.ACME
        && ProxySites.of(ctx).anyDirect();
  }

  /** The proxy's module, for a host with proxied services. */
  static PlannedFile plan(HostContext ctx) {
    ProxySites sites = ProxySites.of(ctx);
    return switch (sites.proxy().kind()) {
      case "traefik" -> TraefikProxy.plan(ctx, sites);
      case "nginx" -> NginxProxy.plan(ctx, sites);
      default -> CaddyProxy.plan(ctx, sites);
    };
  }
}
