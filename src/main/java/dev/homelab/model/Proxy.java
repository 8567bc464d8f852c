package dev.homelab.model;

import dev.homelab.model.constraints.EmailAddress;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The reverse proxy in front of the HTTP services: its kind (Caddy, Traefik or Nginx), TLS
 * mode, the loopback port of its plain-HTTP listener for the tunnel, ACME facts, and the CA
 * certificate that client certificates of mTLS services must chain to ({@code clientCa}).
 * With {@code dnsToken} (an env file for lego's {@code dnsProvider}, Cloudflare by default)
 * certificates come by ACME DNS-01 as one wildcard certificate for the domain; without it
 * by HTTP-01, which needs the proxy reachable from the internet on port 80. {@code
 * directPublic: true} says the owner means `public` services to be served straight from the
 * internet (no tunnel): 443, and 80 for HTTP-01, open on every interface; without it that is
 * a warning (HL0336), so dropping a tunnel never opens the host silently.
 */
public record Proxy(
    @jakarta.validation.constraints.Pattern(regexp = "caddy|traefik|nginx", message = "the proxy is `caddy`, `traefik` or `nginx`") String kind,
    TlsMode tls,
    @Min(value = 1024, message = "the tunnel listener needs an unprivileged port, 1024 to 65535")
        @Max(value = 65535, message = "the tunnel listener needs an unprivileged port, 1024 to 65535")
        Integer tunnelPort,
    @EmailAddress String acmeEmail,
    @jakarta.validation.constraints.Pattern(regexp = "[a-z0-9][a-z0-9.-]*", message = "a DNS provider is a lego provider name such as `cloudflare`") String dnsProvider,
    SecretRef dnsToken,
    SecretRef clientCa,
    Boolean directPublic) {

  public Proxy {
    kind = kind == null ? "caddy" : kind;
    tls = tls == null ? TlsMode.INTERNAL : tls;
    tunnelPort = tunnelPort == null ? 8081 : tunnelPort;
    directPublic = directPublic == null ? Boolean.FALSE : directPublic;
    dnsProvider = dnsProvider == null && dnsToken != null ? "cloudflare" : dnsProvider;
  }

  /** True when certificates come by ACME DNS-01. */
  public boolean dns01() {
    return tls == TlsMode.ACME && dnsToken != null;
  }
}
