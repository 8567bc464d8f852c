package dev.homelab.plan;

import dev.homelab.plan.quote.Caddyfile;
import dev.homelab.model.TlsMode;
import dev.homelab.nix.NixValue;
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

  static PlannedFile plan(HostContext ctx, ProxySites sites) {
    var proxy = sites.proxy();
    Bindings hosts = new Bindings();
    for (ProxySites.Site s : sites.sites()) {
      List<String> pass = new ArrayList<>();
      if (s.sso()) {
        sites.sso().ifPresent(p -> pass.addAll(forwardAuth(p, s.groups())));
      }
      pass.add("reverse_proxy " + Caddyfile.token(s.upstream()));
      if (s.on443()) {
        List<String> lines = new ArrayList<>(tls(ctx, s.mtls()));
        if (s.direct()) {
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
        lines.addAll(pass);
        hosts.comment(s.title() + " for exposure public: the tunnel's own plain-HTTP listener on loopback.")
            .set(List.of("http://" + s.fqdn() + ":" + proxy.tunnelPort(), "extraConfig"), new NixValue.Text(lines));
      }
    }
    Bindings caddy = new Bindings();
    caddy.bool("enable", true);
    if (proxy.acmeEmail() != null && proxy.tls() == TlsMode.ACME && !proxy.dns01()) {
      caddy.str("email", proxy.acmeEmail());
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
