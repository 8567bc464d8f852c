package dev.homelab.plan.network;

import dev.homelab.model.Proxy;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.HostContext;
import java.util.List;

/**
 * NixOS's own ACME client (security.acme, lego) for the proxies that use it: one wildcard
 * certificate for the lab's domain by DNS-01 (any proxy), or Nginx's per-site HTTP-01
 * certificates. Caddy and Traefik do HTTP-01 themselves.
 */
final class AcmeCerts {

  private AcmeCerts() {}

  /** Where the wildcard certificate's files are. */
  static String directory(HostContext ctx) {
    return "/var/lib/acme/" + ctx.spec.homelab().domain();
  }

  /** The certificate's name in security.acme.certs: the lab's domain. */
  static String name(HostContext ctx) {
    return ctx.spec.homelab().domain();
  }

  /**
   * The security.acme bindings; {@code group} is the proxy's group (it reads the key),
   * {@code reload} the units to reload when the certificate is renewed (none when the proxy's
   * own module does that).
   */
  static Bindings bindings(HostContext ctx, String group, List<String> reload) {
    Proxy proxy = ctx.host.network().proxy();
    Bindings acme = new Bindings();
    acme.comment("Setting `tls: acme` accepts the ACME CA's terms (Let's Encrypt).").bool("acceptTerms", true);
    if (proxy.acmeEmail() != null) {
      acme.str("defaults.email", proxy.acmeEmail());
    }
    if (proxy.dns01()) {
      String domain = ctx.spec.homelab().domain();
      String secret = proxy.dnsToken().name();
      ctx.useSecret(secret, null, null, "ACME DNS-01 (lego, provider " + proxy.dnsProvider() + ")",
          "an env file with the DNS provider's credentials for lego, e.g. CF_DNS_API_TOKEN=... for cloudflare");
      Bindings cert = new Bindings();
      cert.str("domain", "*." + domain);
      cert.set("extraDomainNames", NixValue.strings(List.of(domain)));
      cert.str("dnsProvider", proxy.dnsProvider());
      cert.set("environmentFile", new NixValue.SecretPath(secret));
      cert.str("group", group);
      if (!reload.isEmpty()) {
        cert.set("reloadServices", NixValue.strings(reload));
      }
      acme.comment("One wildcard certificate for every site, by DNS-01: no port needs to be reachable from the internet.")
          .set(List.of("certs", domain), cert.attrs());
    }
    Bindings b = new Bindings().set("security.acme", acme.attrs());
    if (proxy.dns01()) {
      b.addAll(List.of(ctx.sopsBinding(proxy.dnsToken().name())));
    }
    return b;
  }
}
