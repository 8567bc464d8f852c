package dev.homelab.plan.network;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.catalog.ForwardAuth;
import dev.homelab.model.Exposure;
import dev.homelab.model.Proxy;
import dev.homelab.model.TlsMode;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.Notice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every proxy of a host serves, whichever proxy it is: one site per proxied service,
 * the sources its exposure admits, whether it is served on 443 to everyone (exposure
 * {@code public} without a tunnel), on the tunnel's loopback listener, behind single
 * sign-on, with client certificates. Caddy, Traefik and Nginx each write these sites in
 * their own terms.
 */
public record ProxySites(Proxy proxy, List<Site> sites, Optional<Provider> sso) {

  /** The tailnet's address ranges (IPv4 CGNAT range and Tailscale's IPv6 prefix). */
  static final List<String> TAILNET = List.of("100.64.0.0/10", "fd7a:115c:a1e0::/48");

  /**
   * The addresses the proxy reaches services from, and cloudflared reaches the proxy's tunnel
   * listener from: the only peers a service (or the tunnel listener) trusts for a visitor's address.
   */
  static final List<String> LOOPBACK = List.of("127.0.0.1/32", "::1/128");

  /** Where sops-nix puts the client CA certificate, a fixed path the proxies' configs can name. */
  static final String CLIENT_CA_PATH = "/run/secrets/homelab-client-ca.pem";

  /** The host's forward-auth provider: its service and how it is asked. */
  record Provider(EffectiveService service, ForwardAuth auth) {

    /** The provider's own URL. */
    String url() {
      return "https://" + service.fqdn();
    }

    /** The verify path for a site admitting these groups (empty: every signed-in user). */
    String verify(List<String> groups) {
      return withGroups(auth.verify(), groups);
    }

    /** Nginx's auth_request path for a site admitting these groups. */
    String authRequest(List<String> groups) {
      return withGroups(auth.authRequest(), groups);
    }

    private String withGroups(String path, List<String> groups) {
      if (auth.groupsQuery() == null || groups.isEmpty()) {
        return path;
      }
      return path + (path.contains("?") ? "&" : "?") + auth.groupsQuery() + "=" + String.join(",", groups);
    }
  }

  /**
   * One proxied service. {@code sources} are the ranges admitted on 443 (empty with
   * {@code direct}: every source); {@code tunnel}: also served plain on the tunnel listener.
   * {@code privateSources} are the LAN and tailnet ranges its exposure names, whether or not
   * it is also public; {@code adminPaths} the kind's admin paths that public sources are
   * refused (403), empty when the kind has none or the spec serves them publicly
   * ({@code publicAdmin}).
   */
  record Site(EffectiveService service, List<String> sources, List<String> why, boolean direct, boolean tunnel,
      List<String> privateSources, List<String> adminPaths) {

    String fqdn() {
      return service.fqdn();
    }

    String upstream() {
      return service.upstream();
    }

    String title() {
      return service.descriptor().title();
    }

    /** True when the proxy sends the upstream's address ({@code 127.0.0.1:port}) as the Host header. */
    boolean upstreamHost() {
      return service.descriptor().sendsUpstreamHost();
    }

    /** True when the site is served on 443 at all. */
    boolean on443() {
      return direct || !sources.isEmpty();
    }

    boolean sso() {
      return service.hasSso();
    }

    List<String> groups() {
      return service.spec().sso() == null ? List.of() : service.spec().sso().groups();
    }

    boolean mtls() {
      return service.spec().mtls();
    }

    /** True when the site is served to the internet (on 443 or through the tunnel) and refuses its admin paths there. */
    boolean refusesAdmin() {
      return !adminPaths.isEmpty() && (direct || tunnel);
    }

    /** The admin paths and everything below them, as path patterns ending in {@code /*}. */
    List<String> adminPatterns() {
      List<String> out = new ArrayList<>();
      for (String p : adminPaths) {
        out.add(p);
        out.add(p + "/*");
      }
      return out;
    }

    /** A name fit for Traefik routers and middlewares: the service's name. */
    String key() {
      return service.name();
    }
  }

  public static ProxySites of(HostContext ctx) {
    var net = ctx.host.network();
    boolean tunnel = net.tunnel() != null;
    List<Site> sites = new ArrayList<>();
    for (EffectiveService s : ctx.services) {
      if (!s.isProxied()) {
        continue;
      }
      boolean direct = s.expose().contains(Exposure.PUBLIC) && !tunnel;
      List<String> privateSources = new ArrayList<>();
      List<String> why = new ArrayList<>();
      if (s.expose().contains(Exposure.LAN) && !net.lan().ranges().isEmpty()) {
        privateSources.addAll(net.lan().ranges());
        why.add("the LAN ranges (hosts." + ctx.name + ".network.lan)");
      }
      if (s.expose().contains(Exposure.TAILSCALE) && net.tailscale().enable()) {
        privateSources.addAll(TAILNET);
        why.add("the tailnet");
      }
      List<String> admin = s.spec().publicAdmin() ? List.of() : s.descriptor().adminPaths();
      sites.add(new Site(s, direct ? List.of() : List.copyOf(privateSources), direct ? List.of() : List.copyOf(why), direct,
          s.expose().contains(Exposure.PUBLIC) && tunnel, List.copyOf(privateSources), admin));
    }
    Optional<Provider> sso = ctx.services.stream().filter(s -> s.descriptor().forwardAuth() != null).findFirst()
        .map(s -> new Provider(s, s.descriptor().forwardAuth()));
    return new ProxySites(net.proxy(), List.copyOf(sites), sso);
  }

  /**
   * True when `public` sites are served on 443 to every source (no tunnel, ACME), so the
   * firewall opens 80 and 443 everywhere.
   */
  public boolean servesPublicDirectly() {
    return proxy.tls() == TlsMode.ACME && sites.stream().anyMatch(Site::direct);
  }

  /**
   * HL0336: `public` services served straight from the internet without the spec saying so
   * ({@code network.proxy.directPublic: true}): removing a tunnel must not open a host silently.
   */
  public List<Notice> directExposure(HostContext ctx) {
    if (!servesPublicDirectly() || proxy.directPublic()) {
      return List.of();
    }
    List<String> names = sites.stream().filter(Site::direct).map(s -> s.service().name()).toList();
    String ports = proxy.dns01() ? "443" : "80 and 443";
    return List.of(new Notice("HL0336", "hosts." + ctx.name + ".network.proxy",
        "host `" + ctx.name + "` serves " + String.join(", ", names) + " to the internet directly (no tunnel): " + ports
            + " open on every interface, to every source",
        "if that is meant, say so with `network.proxy.directPublic: true`; to serve them through a Cloudflare Tunnel"
            + " instead, give the host `network.tunnel`"));
  }

  /**
   * Who reaches what on this host, one line per way in: the internet through the tunnel, the
   * internet directly (443 open everywhere), the LAN, the tailnet; and the services held back
   * until their first account is claimed.
   */
  public List<String> summary(HostContext ctx) {
    java.util.Map<String, List<String>> ways = new java.util.LinkedHashMap<>();
    String lan = "LAN " + String.join(", ", ctx.host.network().lan().ranges());
    for (String way : List.of("internet, through the tunnel", "internet, directly (443 on every interface)", lan, "tailnet")) {
      ways.put(way, new ArrayList<>());
    }
    for (Site s : sites) {
      String name = s.service().name();
      var expose = s.service().expose();
      if (s.tunnel()) {
        ways.computeIfAbsent("internet, through the tunnel", k -> new ArrayList<>()).add(name);
      }
      if (s.direct()) {
        ways.computeIfAbsent("internet, directly (443 on every interface)", k -> new ArrayList<>()).add(name);
      }
      if (expose.contains(dev.homelab.model.Exposure.LAN)) {
        ways.get(lan).add(name);
      }
      if (expose.contains(dev.homelab.model.Exposure.TAILSCALE)) {
        ways.computeIfAbsent("tailnet", k -> new ArrayList<>()).add(name);
      }
    }
    List<String> out = new ArrayList<>();
    ways.forEach((way, names) -> {
      if (!names.isEmpty()) {
        out.add(way + ": " + String.join(", ", names));
      }
    });
    List<String> held = ctx.services.stream().filter(s -> !s.heldBack().isEmpty()).map(EffectiveService::name).toList();
    if (!held.isEmpty()) {
      out.add("held back until claimed: " + String.join(", ", held));
    }
    return out;
  }

  boolean anyMtls() {
    return sites.stream().anyMatch(s -> s.mtls() && s.on443());
  }

/** The client CA at the fixed path the sites name, readable by the proxy's user, when a site asks for mTLS. */
  void clientCa(HostContext ctx, String user, String title, Bindings b) {
    if (!anyMtls() || proxy.clientCa() == null) {
      return;
    }
    String secret = proxy.clientCa().name();
    ctx.useSecret(secret, user, user, title + " (mTLS client CA)", "the CA certificate (PEM) that client certificates must chain to");
    b.comment("At a fixed path, which the sites' client certificate checks name.")
        .set(List.of("sops", "secrets", secret), new Bindings().str("owner", user).str("path", CLIENT_CA_PATH).attrs());
  }

  /** The comment above a site's plain-HTTP listener for the tunnel. */
  static String tunnelReason(Site s, String where) {
    String reason = s.title() + " for exposure public: " + where + ".";
    if (!s.adminPaths().isEmpty()) {
      reason += " Its admin paths (" + String.join(", ", s.adminPaths()) + ") answer 403 here.";
    }
    return reason;
  }

  /** The comment above a site: what it admits and why. */
  String reason(Site s, String proxyName) {
    String reason = s.direct()
        ? s.title() + " on 443 for exposure public: every source."
        : s.title() + " on 443 for exposure " + words(s.service()) + ": " + String.join(" and ", s.why()) + ".";
    if (s.sso() && sso.isPresent()) {
      reason += " Signed in through " + sso.get().service().descriptor().title() + " first"
          + (s.groups().isEmpty() ? "." : " (groups " + String.join(", ", s.groups()) + ").");
    }
    if (s.mtls()) {
      reason += " Only clients with a certificate from the spec's client CA (mTLS).";
    }
    if (s.direct() && !s.adminPaths().isEmpty()) {
      reason += " Its admin paths (" + String.join(", ", s.adminPaths()) + ") answer 403 to every source"
          + (s.privateSources().isEmpty() ? "." : " but its LAN and tailnet ranges.");
    }
    if (proxy.tls() == TlsMode.INTERNAL) {
      reason += " No ACME on this host: certificates from " + proxyName + "'s internal CA.";
    }
    return reason;
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
