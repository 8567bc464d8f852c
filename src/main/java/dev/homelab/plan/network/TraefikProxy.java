package dev.homelab.plan.network;

import dev.homelab.model.TlsMode;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.PlannedFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the sites as {@code traefik.nix}: entry points on 80 (redirecting to 443), 443 and,
 * with a tunnel, the tunnel's loopback listener; per site a router on 443 with an
 * {@code ipAllowList} middleware holding its exposure's source ranges, forward auth for
 * single sign-on, the {@code mtls} TLS options for client certificates, and a router on the
 * tunnel listener for sites exposed {@code public} through it. Certificates: Traefik's own
 * ACME resolver (HTTP-01) or NixOS's wildcard certificate by DNS-01.
 */
final class TraefikProxy {

  private TraefikProxy() {}

  static final String RESOLVER = "letsencrypt";

  /**
   * The source range of an admin router that admits nobody: the limited broadcast address,
   * which is never the source of a connection (Traefik refuses an empty allow list).
   */
  static final String NOBODY = "255.255.255.255/32";

  /** The rule of a site's admin router: its host and its admin paths, with everything below them. */
  static String adminRule(ProxySites.Site s) {
    List<String> paths = new ArrayList<>();
    for (String p : s.adminPaths()) {
      paths.add("Path(`" + p + "`)");
      paths.add("PathPrefix(`" + p + "/`)");
    }
    return "Host(`" + s.fqdn() + "`) && (" + String.join(" || ", paths) + ")";
  }

  static PlannedFile plan(HostContext ctx, ProxySites sites) {
    var proxy = sites.proxy();
    boolean http01 = proxy.tls() == TlsMode.ACME && !proxy.dns01();
    boolean anyTunnel = sites.sites().stream().anyMatch(ProxySites.Site::tunnel);

    Bindings entryPoints = new Bindings();
    entryPoints.comment("Plain HTTP only redirects to HTTPS (and answers ACME HTTP-01 challenges).")
        .set("web", new Bindings().str("address", ":80")
            .set("http.redirections.entryPoint", new Bindings().str("to", "websecure").str("scheme", "https").attrs()).attrs());
    entryPoints.set("websecure", new Bindings().str("address", ":443").attrs());
    if (anyTunnel) {
      entryPoints.comment("The tunnel's own plain-HTTP listener on loopback: only cloudflared reaches it, so its"
              + " X-Forwarded-For (the visitor last) is kept. Traefik does not read Cf-Connecting-Ip: a service that"
              + " reads X-Real-IP sees loopback for tunnel visitors.")
          .set("tunnel", new Bindings().str("address", "127.0.0.1:" + proxy.tunnelPort())
              .set("forwardedHeaders.trustedIPs", NixValue.strings(ProxySites.LOOPBACK)).attrs());
    }
    Bindings staticConfig = new Bindings().set("entryPoints", entryPoints.attrs());
    if (http01) {
      Bindings acme = new Bindings();
      if (proxy.acmeEmail() != null) {
        acme.str("email", proxy.acmeEmail());
      }
      acme.str("storage", "/var/lib/traefik/acme.json");
      acme.str("httpChallenge.entryPoint", "web");
      staticConfig.set(List.of("certificatesResolvers", RESOLVER, "acme"), acme.attrs());
    }

    Bindings routers = new Bindings();
    Bindings middlewares = new Bindings();
    Bindings services = new Bindings();
    java.util.TreeMap<String, List<String>> ssoChecks = new java.util.TreeMap<>();
    for (ProxySites.Site s : sites.sites()) {
      List<String> auth = new ArrayList<>();
      if (s.sso() && sites.sso().isPresent()) {
        // Groups go into the check itself only when the provider takes them as a query.
        List<String> groups = sites.sso().get().auth().groupsQuery() == null ? List.of() : s.groups();
        String name = groups.isEmpty() ? "sso" : "sso-" + String.join("-", groups);
        ssoChecks.put(name, groups);
        auth.add(name);
      }
      if (s.on443()) {
        List<String> chain = new ArrayList<>();
        if (!s.direct()) {
          String allow = s.key() + "-sources";
          middlewares.set(List.of(allow, "ipAllowList", "sourceRange"), NixValue.strings(s.sources()));
          chain.add(allow);
        }
        chain.addAll(auth);
        Bindings tls = new Bindings();
        if (http01) {
          tls.str("certResolver", RESOLVER);
        }
        if (s.mtls()) {
          tls.str("options", "mtls");
        }
        Bindings router = new Bindings()
            .str("rule", "Host(`" + s.fqdn() + "`)")
            .set("entryPoints", NixValue.strings(List.of("websecure")))
            .str("service", s.key());
        if (!chain.isEmpty()) {
          router.set("middlewares", NixValue.strings(chain));
        }
        router.set("tls", tls.attrs());
        routers.comment(sites.reason(s, "Traefik")).set(List.of(s.key()), router.attrs());
        if (s.direct() && s.refusesAdmin()) {
          // The longer rule wins over the site's own router (Traefik's default priority is the rule's length).
          List<String> adminChain = new ArrayList<>(List.of(adminAllowList(s, middlewares)));
          adminChain.addAll(auth);
          routers.comment("Its admin paths: 403 to every source but its LAN and tailnet ranges.")
              .set(List.of(s.key() + "-admin"), new Bindings()
                  .str("rule", adminRule(s))
                  .set("entryPoints", NixValue.strings(List.of("websecure")))
                  .str("service", s.key())
                  .set("middlewares", NixValue.strings(adminChain))
                  .set("tls", tls.attrs()).attrs());
        }
      }
      if (s.tunnel()) {
        Bindings router = new Bindings()
            .str("rule", "Host(`" + s.fqdn() + "`)")
            .set("entryPoints", NixValue.strings(List.of("tunnel")))
            .str("service", s.key());
        if (!auth.isEmpty()) {
          router.set("middlewares", NixValue.strings(auth));
        }
        routers.comment(ProxySites.tunnelReason(s, "on the tunnel's listener")).set(List.of(s.key() + "-tunnel"), router.attrs());
        if (s.refusesAdmin()) {
          // Every request on the tunnel's listener comes from cloudflared on loopback, which no allow list here admits.
          routers.set(List.of(s.key() + "-tunnel-admin"), new Bindings()
              .str("rule", adminRule(s))
              .set("entryPoints", NixValue.strings(List.of("tunnel")))
              .str("service", s.key())
              .set("middlewares", NixValue.strings(List.of(adminAllowList(s, middlewares)))).attrs());
        }
      }
      services.set(List.of(s.key(), "loadBalancer", "servers"),
          NixValue.list(List.of(new Bindings().str("url", "http://" + s.upstream()).attrs())));
      if (s.upstreamHost()) {
        // The Host header becomes the server's address (127.0.0.1:port), not the visitor's name.
        services.set(List.of(s.key(), "loadBalancer", "passHostHeader"), NixValue.bool(false));
      }
    }
    ssoChecks.forEach((name, groups) -> middlewares.set(List.of(name, "forwardAuth"), forwardAuth(sites.sso().get(), groups)));
    Bindings http = new Bindings().set("routers", routers.attrs());
    if (!middlewares.isEmpty()) {
      http.set("middlewares", middlewares.attrs());
    }
    http.set("services", services.attrs());
    Bindings dynamic = new Bindings().set("http", http.attrs());
    if (sites.anyMtls()) {
      dynamic.comment("Sites marked mtls admit only clients with a certificate from the spec's client CA.")
          .set(List.of("tls", "options", "mtls", "clientAuth"), new Bindings()
              .set("caFiles", NixValue.strings(List.of(ProxySites.CLIENT_CA_PATH)))
              .str("clientAuthType", "RequireAndVerifyClientCert").attrs());
    }
    if (proxy.dns01()) {
      String dir = AcmeCerts.directory(ctx);
      dynamic.comment("The wildcard certificate NixOS's ACME client renews (DNS-01).")
          .set(List.of("tls", "certificates"), NixValue.list(List.of(new Bindings()
              .str("certFile", dir + "/fullchain.pem").str("keyFile", dir + "/key.pem").attrs())));
    }
    Bindings traefik = new Bindings();
    traefik.bool("enable", true);
    traefik.set("staticConfigOptions", staticConfig.attrs());
    traefik.set("dynamicConfigOptions", dynamic.attrs());
    Bindings b = new Bindings().set("services.traefik", traefik.attrs());
    if (proxy.dns01()) {
      b.addAll(AcmeCerts.bindings(ctx, "traefik", List.of("traefik")).build());
    }
    sites.clientCa(ctx, "traefik", "Traefik", b);
    return ctx.module("traefik.nix", "hosts/module.nix.ftl",
        Headers.wrap("The reverse proxy: every web service is reached through it; each router admits only the sources its exposure names."),
        b.build());
  }

  /**
   * The middleware admitting a site's admin paths from its LAN and tailnet ranges only
   * ({@link #NOBODY} when it has none); its name. A site is served either directly or
   * through the tunnel, never both, so this is set once per site.
   */
  private static String adminAllowList(ProxySites.Site s, Bindings middlewares) {
    String name = s.key() + "-admin-sources";
    middlewares.set(List.of(name, "ipAllowList", "sourceRange"),
        NixValue.strings(s.privateSources().isEmpty() ? List.of(NOBODY) : s.privateSources()));
    return name;
  }

  private static NixValue forwardAuth(ProxySites.Provider p, List<String> groups) {
    Bindings b = new Bindings().str("address", "http://" + p.service().upstream() + p.verify(groups));
    b.bool("trustForwardHeader", true);
    if (!p.auth().headers().isEmpty()) {
      b.set("authResponseHeaders", NixValue.strings(p.auth().headers()));
    }
    return b.attrs();
  }
}
