package dev.homelab.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The reverse proxy in front of the HTTP services: its kind, TLS mode, the loopback port of
 * its plain-HTTP listener for the tunnel, ACME facts, and the CA certificate that client
 * certificates of mTLS services must chain to ({@code clientCa}).
 */
public record Proxy(
    @jakarta.validation.constraints.Pattern(regexp = "caddy", message = "only the `caddy` proxy is generated so far") String kind,
    TlsMode tls,
    @Min(value = 1024, message = "the tunnel listener needs an unprivileged port, 1024 to 65535")
        @Max(value = 65535, message = "the tunnel listener needs an unprivileged port, 1024 to 65535")
        Integer tunnelPort,
    String acmeEmail,
    SecretRef dnsToken,
    SecretRef clientCa) {

  public Proxy {
    kind = kind == null ? "caddy" : kind;
    tls = tls == null ? TlsMode.INTERNAL : tls;
    tunnelPort = tunnelPort == null ? 8081 : tunnelPort;
  }
}
