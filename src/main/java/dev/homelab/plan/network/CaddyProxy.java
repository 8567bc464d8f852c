package dev.homelab.plan.network;

import dev.homelab.model.TlsMode;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.quote.Caddyfile;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the sites as {@code caddy.nix}: one virtual host on 443 per site, admitting only the
 * source ranges of its exposure, and for sites exposed through the tunnel a plain-HTTP site
 * on the loopback tunnel listener. Certificates: Caddy's internal CA, its own ACME (HTTP-01),
 * or NixOS's wildcard certificate by DNS-01.
 */
final class CaddyProxy {

  private CaddyProxy() {}

  /** Caddy's forward-auth block for a site behind single sign-on. */
  static List<String> forwardAuth(ProxySites.Provider p, List<String> groups) {
    List<String> lines = new ArrayList<>();
    lines.add("forward_auth " + Caddyfile.token(p.service().upstream()) + " {");
    lines.add("  uri " + Caddyfile.token(p.verify(groups)));
    if (!p.auth().headers().isEmpty()) {
      lines.add("  copy_headers " + String.join(" ", p.auth().headers().stream().map(Caddyfile::token).toList()));
    }
    if (!p.auth().redirects()) {
      lines.add("  @unauthorized status 401");
      lines.add("  handle_response @unauthorized {");
      lines.add("    redir * " + Caddyfile.token(p.url() + p.auth().signIn(), "https://{host}{uri}"));
      lines.add("  }");
    }
    lines.add("}");
    return lines;
  }

  /**
   * The proxy to a service: the visitor's address, as Caddy determined it, replaces whatever
   * the request carried in X-Forwarded-For and X-Real-IP, so a service reads one address it
   * can trust whichever of the two it reads and however it parses a list.
   */
  static List<String> reverseProxy(String upstream) {
    return reverseProxy(upstream, false);
  }

  /** As {@link #reverseProxy(String)}; {@code upstreamHost}: the Host header is the upstream's address. */
  static List<String> reverseProxy(String upstream, boolean upstreamHost) {
    List<String> lines = new ArrayList<>();
    lines.add("reverse_proxy " + Caddyfile.token(upstream) + " {");
    if (upstreamHost) {
      lines.add("  header_up Host {upstream_hostport}");
    }
    lines.add("  header_up X-Forwarded-For {client_ip}");
    lines.add("  header_up X-Real-IP {client_ip}");
    lines.add("}");
    return lines;
  }

  /** The TLS lines of a site: the certificate source, and client certificates for mTLS. */
  static List<String> tls(HostContext ctx, boolean mtls) {
    var proxy = ctx.host.network().proxy();
    String head = proxy.tls() == TlsMode.INTERNAL ? "tls internal"
        : proxy.dns01() ? "tls " + Caddyfile.token(AcmeCerts.directory(ctx) + "/cert.pem") + " "
            + Caddyfile.token(AcmeCerts.directory(ctx) + "/key.pem")
        : null;
    if (!mtls) {
      return head == null ? List.of() : List.of(head);
    }
    List<String> lines = new ArrayList<>();
    lines.add((head == null ? "tls" : head) + " {");
    lines.add("  client_auth {");
    lines.add("    mode require_and_verify");
    lines.add("    trust_pool file " + Caddyfile.token(ProxySites.CLIENT_CA_PATH));
    lines.add("  }");
    lines.add("}");
    return lines;
  }

  /**
   * The lines that answer 403 to a site's admin paths, except for {@code allowed} sources
   * (none: every source is refused); placed before the proxying lines, which {@code respond}
   * precedes in Caddy's directive order anyway.
   */
  static List<String> refuseAdmin(ProxySites.Site s, List<String> allowed) {
    List<String> lines = new ArrayList<>();
    if (allowed.isEmpty()) {
      lines.add("@admin path " + String.join(" ", s.adminPatterns()));
    } else {
      lines.add("@admin {");
      lines.add("  path " + String.join(" ", s.adminPatterns()));
      lines.add("  not remote_ip " + String.join(" ", allowed));
      lines.add("}");
    }
    lines.add("respond @admin 403");
    return lines;
  }

  static PlannedFile plan(HostContext ctx, ProxySites sites) {
    var proxy = sites.proxy();
    Bindings hosts = new Bindings();
    for (ProxySites.Site s : sites.sites()) {
      List<String> pass = new ArrayList<>();
      if (s.sso()) {
        sites.sso().ifPresent(p -> pass.addAll(forwardAuth(p, s.groups())));
      }
      pass.addAll(reverseProxy(s.upstream(), s.upstreamHost()));
      if (s.on443()) {
        List<String> lines = new ArrayList<>(tls(ctx, s.mtls()));
        if (s.direct()) {
          if (s.refusesAdmin()) {
            lines.addAll(refuseAdmin(s, s.privateSources()));
          }
          lines.addAll(pass);
        } else {
          lines.add("@allowed remote_ip " + String.join(" ", s.sources().stream().map(Caddyfile::token).toList()));
          lines.add("handle @allowed {");
          pass.forEach(l -> lines.add("  " + l));
          lines.add("}");
          lines.add("respond 403");
        }
        hosts.comment(sites.reason(s, "Caddy")).set(List.of(s.fqdn(), "extraConfig"), new NixValue.Text(lines));
      }
      if (s.tunnel()) {
        List<String> lines = new ArrayList<>(List.of("bind 127.0.0.1"));
        if (s.refusesAdmin()) {
          lines.addAll(refuseAdmin(s, List.of()));
        }
        lines.addAll(pass);
        // A plain name: the module names the access log after hostName, which holds the URL.
        String name = "tunnel-" + s.fqdn();
        hosts.comment(ProxySites.tunnelReason(s, "the tunnel's own plain-HTTP listener on loopback; its access log is access-"
                + name + ".log"))
            .set(List.of(name), new Bindings()
                .str("hostName", "http://" + s.fqdn() + ":" + proxy.tunnelPort())
                .set("logFormat", new NixValue.Interpolated(List.of(NixValue.str("output file "),
                    new NixValue.Ref("config.services.caddy.logDir"), NixValue.str("/access-" + name + ".log"))))
                .set("extraConfig", new NixValue.Text(lines))
                .attrs());
      }
    }
    Bindings caddy = new Bindings();
    caddy.bool("enable", true);
    if (proxy.acmeEmail() != null && proxy.tls() == TlsMode.ACME && !proxy.dns01()) {
      caddy.str("email", proxy.acmeEmail());
    }
    if (sites.sites().stream().anyMatch(ProxySites.Site::tunnel)) {
      caddy.comment("On the tunnel's listener the peer is cloudflared: trust it for the visitor's address"
              + " (Cf-Connecting-Ip), which {client_ip} then holds; on 443 the peer is the visitor.")
          .set("globalConfig", new NixValue.Text(List.of(
              "servers 127.0.0.1:" + proxy.tunnelPort() + " {",
              "  trusted_proxies static " + String.join(" ", ProxySites.LOOPBACK),
              "  client_ip_headers Cf-Connecting-Ip X-Forwarded-For",
              "}")));
    }
    caddy.set("virtualHosts", hosts.attrs());
    Bindings b = new Bindings().set("services.caddy", caddy.attrs());
    if (proxy.dns01()) {
      String unit = "acme-" + AcmeCerts.name(ctx) + ".service";
      b.comment("Caddy reads the wildcard certificate NixOS's ACME client renews.")
          .set("systemd.services.caddy", new Bindings()
              .set("wants", NixValue.strings(List.of(unit))).set("after", NixValue.strings(List.of(unit))).attrs());
      b.addAll(AcmeCerts.bindings(ctx, "caddy", List.of("caddy")).build());
    }
    sites.clientCa(ctx, "caddy", "Caddy", b);
    return ctx.module("caddy.nix", "hosts/module.nix.ftl",
        Headers.wrap("The reverse proxy: every web service is reached through it; each site admits only the sources its exposure names."),
        b.build());
  }
}
