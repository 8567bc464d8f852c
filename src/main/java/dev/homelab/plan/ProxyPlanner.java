package dev.homelab.plan;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.Exposure;
import dev.homelab.model.TlsMode;
import dev.homelab.nix.NixValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans {@code caddy.nix}: one virtual host on 443 per proxied service, admitting only the
 * source ranges of its exposure (the LAN ranges, the tailnet), and for services exposed
 * {@code public} through the tunnel a plain-HTTP site on the loopback tunnel listener.
 */
final class ProxyPlanner {

  static final List<String> TAILNET = List.of("100.64.0.0/10", "fd7a:115c:a1e0::/48");

  private ProxyPlanner() {}

  /** True when `public` services are served on 443 directly (no tunnel, ACME). */
  static boolean servesPublicDirectly(HostContext ctx) {
    return ctx.host.network().tunnel() == null && ctx.host.network().proxy().tls() == TlsMode.ACME
        && ctx.services.stream().anyMatch(s -> s.descriptor().isHttp() && s.expose().contains(Exposure.PUBLIC));
  }

  static PlannedFile plan(HostContext ctx) {
    var proxy = ctx.host.network().proxy();
    boolean tunnel = ctx.host.network().tunnel() != null;
    Bindings hosts = new Bindings();
    for (EffectiveService s : ctx.services) {
      if (!s.descriptor().isHttp() || s.expose().isEmpty()) {
        continue;
      }
      String upstream = "127.0.0.1:" + s.port();
      boolean direct = s.expose().contains(Exposure.PUBLIC) && !tunnel;
      List<String> sources = new ArrayList<>();
      List<String> why = new ArrayList<>();
      if (s.expose().contains(Exposure.LAN) && !ctx.host.network().lan().ranges().isEmpty()) {
        sources.addAll(ctx.host.network().lan().ranges());
        why.add("the LAN ranges (hosts." + ctx.name + ".network.lan)");
      }
      if (s.expose().contains(Exposure.TAILSCALE) && ctx.host.network().tailscale().enable()) {
        sources.addAll(TAILNET);
        why.add("the tailnet");
      }
      if (direct || !sources.isEmpty()) {
        List<String> lines = new ArrayList<>();
        if (proxy.tls() == TlsMode.INTERNAL) {
          lines.add("tls internal");
        }
        if (direct) {
          lines.add("reverse_proxy " + upstream);
        } else {
          lines.add("@allowed remote_ip " + String.join(" ", sources));
          lines.add("handle @allowed {");
          lines.add("  reverse_proxy " + upstream);
          lines.add("}");
          lines.add("respond 403");
        }
        String reason = direct
            ? s.descriptor().title() + " on 443 for exposure public: every source."
            : s.descriptor().title() + " on 443 for exposure " + words(s) + ": " + String.join(" and ", why) + ".";
        if (proxy.tls() == TlsMode.INTERNAL) {
          reason += " No ACME on this host: certificates from Caddy's internal CA.";
        }
        hosts.comment(reason).set(List.of(s.fqdn(), "extraConfig"), new NixValue.Text(lines));
      }
      if (s.expose().contains(Exposure.PUBLIC) && tunnel) {
        hosts.comment(s.descriptor().title() + " for exposure public: the tunnel's own plain-HTTP listener on loopback.")
            .set(List.of("http://" + s.fqdn() + ":" + proxy.tunnelPort(), "extraConfig"),
                new NixValue.Text(List.of("bind 127.0.0.1", "reverse_proxy " + upstream)));
      }
    }
    Bindings caddy = new Bindings();
    caddy.bool("enable", true);
    if (proxy.acmeEmail() != null && proxy.tls() == TlsMode.ACME) {
      caddy.str("email", proxy.acmeEmail());
    }
    caddy.set("virtualHosts", hosts.attrs());
    Bindings b = new Bindings().set("services.caddy", caddy.attrs());
    return ctx.module("caddy.nix", "hosts/module.nix.ftl",
        Headers.wrap("The reverse proxy: every web service is reached through it; each site admits only the sources its exposure names."),
        b.build());
  }

  private static String words(EffectiveService s) {
    List<String> w = new ArrayList<>();
    for (Exposure e : s.expose()) {
      if (e != Exposure.PUBLIC) {
        w.add(e.wire());
      }
    }
    return String.join(" + ", w);
  }
}
