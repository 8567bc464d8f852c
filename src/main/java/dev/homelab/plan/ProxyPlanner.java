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

  /**
   * Caddy's forward-auth block asking the host's Authelia, for services behind single
   * sign-on; empty when the host runs no Authelia.
   */
  static List<String> forwardAuth(HostContext ctx) {
    return ctx.services.stream().filter(s -> s.kind().equals("authelia")).findFirst()
        .map(a -> List.of(
            "forward_auth 127.0.0.1:" + a.port() + " {",
            "  uri /api/authz/forward-auth",
            "  copy_headers Remote-User Remote-Groups Remote-Email Remote-Name",
            "}"))
        .orElse(List.of());
  }

  /** Where sops-nix puts the client CA certificate, a fixed path the Caddyfile can name. */
  static final String CLIENT_CA_PATH = "/run/secrets/homelab-client-ca.pem";

  /** The TLS lines of a site: the certificate source, and client certificates for mTLS. */
  static List<String> tls(boolean internal, boolean mtls) {
    if (!mtls) {
      return internal ? List.of("tls internal") : List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add(internal ? "tls internal {" : "tls {");
    lines.add("  client_auth {");
    lines.add("    mode require_and_verify");
    lines.add("    trust_pool file " + CLIENT_CA_PATH);
    lines.add("  }");
    lines.add("}");
    return lines;
  }

  static PlannedFile plan(HostContext ctx) {
    var proxy = ctx.host.network().proxy();
    boolean tunnel = ctx.host.network().tunnel() != null;
    List<String> sso = forwardAuth(ctx);
    boolean anyMtls = false;
    Bindings hosts = new Bindings();
    for (EffectiveService s : ctx.services) {
      if (!s.descriptor().isHttp() || s.expose().isEmpty()) {
        continue;
      }
      String upstream = s.upstream();
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
        List<String> lines = new ArrayList<>(tls(proxy.tls() == TlsMode.INTERNAL, s.spec().mtls()));
        anyMtls |= s.spec().mtls();
        List<String> pass = new ArrayList<>();
        if (s.hasSso()) {
          pass.addAll(sso);
        }
        pass.add("reverse_proxy " + upstream);
        if (direct) {
          lines.addAll(pass);
        } else {
          lines.add("@allowed remote_ip " + String.join(" ", sources));
          lines.add("handle @allowed {");
          pass.forEach(l -> lines.add("  " + l));
          lines.add("}");
          lines.add("respond 403");
        }
        String reason = direct
            ? s.descriptor().title() + " on 443 for exposure public: every source."
            : s.descriptor().title() + " on 443 for exposure " + words(s) + ": " + String.join(" and ", why) + ".";
        if (s.hasSso()) {
          reason += " Signed in through Authelia first.";
        }
        if (s.spec().mtls()) {
          reason += " Only clients with a certificate from the spec's client CA (mTLS).";
        }
        if (proxy.tls() == TlsMode.INTERNAL) {
          reason += " No ACME on this host: certificates from Caddy's internal CA.";
        }
        hosts.comment(reason).set(List.of(s.fqdn(), "extraConfig"), new NixValue.Text(lines));
      }
      if (s.expose().contains(Exposure.PUBLIC) && tunnel) {
        hosts.comment(s.descriptor().title() + " for exposure public: the tunnel's own plain-HTTP listener on loopback.")
            .set(List.of("http://" + s.fqdn() + ":" + proxy.tunnelPort(), "extraConfig"),
                new NixValue.Text(tunnelSite(s.hasSso() ? sso : List.of(), upstream)));
      }
    }
    Bindings caddy = new Bindings();
    caddy.bool("enable", true);
    if (proxy.acmeEmail() != null && proxy.tls() == TlsMode.ACME) {
      caddy.str("email", proxy.acmeEmail());
    }
    caddy.set("virtualHosts", hosts.attrs());
    Bindings b = new Bindings().set("services.caddy", caddy.attrs());
    if (anyMtls && proxy.clientCa() != null) {
      String secret = proxy.clientCa().name();
      ctx.useSecret(secret, "caddy", "caddy", "Caddy (mTLS client CA)", "the CA certificate (PEM) that client certificates must chain to");
      b.comment("At a fixed path, which the sites' client_auth names.")
          .set(List.of("sops", "secrets", secret), new Bindings().str("owner", "caddy").str("path", CLIENT_CA_PATH).attrs());
    }
    return ctx.module("caddy.nix", "hosts/module.nix.ftl",
        Headers.wrap("The reverse proxy: every web service is reached through it; each site admits only the sources its exposure names."),
        b.build());
  }

  private static List<String> tunnelSite(List<String> sso, String upstream) {
    List<String> lines = new ArrayList<>(List.of("bind 127.0.0.1"));
    lines.addAll(sso);
    lines.add("reverse_proxy " + upstream);
    return lines;
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
