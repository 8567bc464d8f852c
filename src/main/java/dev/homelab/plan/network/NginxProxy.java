package dev.homelab.plan.network;

import dev.homelab.model.TlsMode;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.quote.Nginx;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the sites as {@code nginx.nix}: one server per site on 443 with {@code allow} lines
 * for its exposure's source ranges and {@code deny all}, {@code auth_request} for single
 * sign-on, {@code ssl_verify_client} for mTLS, and a plain-HTTP server on the tunnel's
 * loopback listener for sites exposed {@code public} through it; a default server turns away
 * requests for any other name. Certificates by NixOS's ACME client: per site (HTTP-01) or one
 * wildcard certificate (DNS-01).
 */
final class NginxProxy {

  private NginxProxy() {}

  /** The internal location that asks the single sign-on provider. */
  static final String AUTH_LOCATION = "/internal/authz";

  static PlannedFile plan(HostContext ctx, ProxySites sites) {
    var proxy = sites.proxy();
    boolean http01 = proxy.tls() == TlsMode.ACME && !proxy.dns01();
    Bindings hosts = new Bindings();
    hosts.comment("Requests for a name no site serves are turned away without an answer.")
        .set(List.of("_"), new Bindings().bool("default", true).bool("rejectSSL", true)
            .set(List.of("locations", "/", "return"), NixValue.str("444")).attrs());
    for (ProxySites.Site s : sites.sites()) {
      if (s.on443()) {
        Bindings site = new Bindings();
        // HTTP-01 needs the plain-HTTP server (it redirects everything else); otherwise HTTPS only.
        site.bool(http01 ? "forceSSL" : "onlySSL", true);
        if (http01) {
          site.bool("enableACME", true);
        } else if (proxy.dns01()) {
          site.str("useACMEHost", AcmeCerts.name(ctx));
        }
        List<String> server = new ArrayList<>();
        if (!s.direct()) {
          s.sources().forEach(r -> server.add("allow " + Nginx.string(r) + ";"));
          server.add("deny all;");
        }
        if (s.mtls()) {
          server.add("ssl_client_certificate " + Nginx.string(ProxySites.CLIENT_CA_PATH) + ";");
          server.add("ssl_verify_client on;");
        }
        if (!server.isEmpty()) {
          site.set("extraConfig", new NixValue.Text(server));
        }
        Bindings locations = locations(s, sites);
        if (s.direct() && s.refusesAdmin()) {
          adminLocations(s, sites, locations);
        }
        site.set("locations", locations.attrs());
        hosts.comment(sites.reason(s, "Nginx")).set(List.of(s.fqdn()), site.attrs());
      }
      if (s.tunnel()) {
        Bindings site = new Bindings();
        site.str("serverName", s.fqdn());
        site.set("listen", NixValue.list(List.of(
            new Bindings().str("addr", "127.0.0.1").set("port", NixValue.integer(proxy.tunnelPort())).attrs())));
        List<String> realIp = new ArrayList<>();
        ProxySites.LOOPBACK.forEach(r -> realIp.add("set_real_ip_from " + r + ";"));
        realIp.add("real_ip_header CF-Connecting-IP;");
        site.set("extraConfig", new NixValue.Text(realIp));
        Bindings locations = locations(s, sites);
        if (s.refusesAdmin()) {
          for (String p : s.adminPaths()) {
            locations.set(List.of("= " + p), new Bindings().str("return", "403").attrs());
            locations.set(List.of(p + "/"), new Bindings().str("return", "403").attrs());
          }
        }
        site.set("locations", locations.attrs());
        hosts.comment(ProxySites.tunnelReason(s, "the tunnel's own plain-HTTP listener on loopback; the peer is"
                + " cloudflared, so the visitor's address ($remote_addr, sent as X-Real-IP) is its CF-Connecting-IP"))
            .set(List.of("tunnel-" + s.fqdn()), site.attrs());
      }
    }
    Bindings nginx = new Bindings();
    nginx.bool("enable", true);
    nginx.bool("recommendedProxySettings", true);
    nginx.bool("recommendedTlsSettings", true);
    nginx.bool("recommendedOptimisation", true);
    nginx.bool("recommendedGzipSettings", true);
    nginx.set("virtualHosts", hosts.attrs());
    Bindings b = new Bindings().set("services.nginx", nginx.attrs());
    if (proxy.tls() == TlsMode.ACME) {
      b.addAll(AcmeCerts.bindings(ctx, "nginx", List.of()).build());
    }
    sites.clientCa(ctx, "nginx", "Nginx", b);
    return ctx.module("nginx.nix", "hosts/module.nix.ftl",
        Headers.wrap("The reverse proxy: every web service is reached through it; each server admits only the sources its exposure names."),
        b.build());
  }

  /**
   * A site served to everyone on 443: its admin paths ({@code = /admin} and {@code /admin/})
   * proxied like {@code /}, but only for its LAN and tailnet ranges ({@code deny all}
   * otherwise, 403).
   */
  private static void adminLocations(ProxySites.Site s, ProxySites sites, Bindings locations) {
    List<String> access = new ArrayList<>();
    s.privateSources().forEach(r -> access.add("allow " + r + ";"));
    access.add("deny all;");
    for (String p : s.adminPaths()) {
      for (String location : List.of("= " + p, p + "/")) {
        locations.set(List.of(location), proxied(s, sites, access).attrs());
      }
    }
  }

  /** The lines of a location that asks the single sign-on provider first. */
  private static List<String> authLines(ProxySites.Provider p) {
    List<String> lines = new ArrayList<>();
    lines.add("auth_request " + AUTH_LOCATION + ";");
    for (String h : p.auth().headers()) {
      String name = h.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
      String var = Nginx.variable("auth_" + name);
      lines.add("auth_request_set " + var + " " + Nginx.variable("upstream_http_" + name) + ";");
      lines.add("proxy_set_header " + Nginx.string(h) + " " + var + ";");
    }
    // Browsers reach every site over HTTPS (on 443, or at the tunnel's edge): the way back is https.
    lines.add("error_page 401 =302 " + Nginx.string(p.url() + p.auth().signIn(), "https://$http_host$request_uri") + ";");
    return lines;
  }

  /**
   * A location that passes requests to the site's upstream: {@code first} lines (access rules),
   * the upstream's Host where it wants it, and the single sign-on check when the site has one.
   */
  private static Bindings proxied(ProxySites.Site s, ProxySites sites, List<String> first) {
    // The module writes proxyPass into `proxy_pass ...;` as it is.
    Bindings l = new Bindings().str("proxyPass", Nginx.string("http://" + s.upstream())).bool("proxyWebsockets", true);
    List<String> lines = new ArrayList<>(first);
    upstreamHost(s, l, lines);
    if (s.sso() && sites.sso().isPresent()) {
      lines.addAll(authLines(sites.sso().get()));
    }
    if (!lines.isEmpty()) {
      l.set("extraConfig", new NixValue.Text(lines));
    }
    return l;
  }

  private static Bindings locations(ProxySites.Site s, ProxySites sites) {
    Bindings locations = new Bindings();
    locations.set(List.of("/"), proxied(s, sites, List.of()).attrs());
    if (s.sso() && sites.sso().isPresent()) {
      ProxySites.Provider p = sites.sso().get();
      locations.set(List.of(AUTH_LOCATION), new Bindings()
          .str("proxyPass", Nginx.string("http://" + p.service().upstream() + p.authRequest(s.groups())))
          .set("extraConfig", new NixValue.Text(List.of(
              "internal;",
              "proxy_pass_request_body off;",
              "proxy_set_header Content-Length \"\";",
              "proxy_set_header X-Original-Method $request_method;",
              "proxy_set_header X-Original-URL https://$http_host$request_uri;",
              "proxy_set_header X-Forwarded-For $remote_addr;")))
          .attrs());
    }
    return locations;
  }

  /**
   * For a site whose upstream takes the Host header from the proxy ({@code hostHeader: upstream}):
   * the location leaves out the module's recommended proxy headers, which send the visitor's
   * Host, and sets the same headers itself with the upstream's address ({@code $proxy_host}) as
   * Host; nginx would send a second Host header rather than replace the first.
   */
  private static void upstreamHost(ProxySites.Site s, Bindings location, List<String> lines) {
    if (!s.upstreamHost()) {
      return;
    }
    location.bool("recommendedProxySettings", false);
    lines.add("proxy_set_header Host $proxy_host;");
    lines.add("proxy_set_header X-Real-IP $remote_addr;");
    lines.add("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
    lines.add("proxy_set_header X-Forwarded-Proto $scheme;");
    lines.add("proxy_set_header X-Forwarded-Host $host;");
    lines.add("proxy_set_header X-Forwarded-Server $host;");
  }
}
