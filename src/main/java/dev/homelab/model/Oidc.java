package dev.homelab.model;

/**
 * Sign-in through the host's OIDC provider (Pocket ID or Authelia), where the service
 * supports it natively. {@code clientId} defaults to the service's name, {@code clientSecret}
 * to the secret {@code <service>/oidc-client-secret}, {@code provider} to the one provider
 * service on the host. {@code oidc: true} is short for {@code { enable: true }}.
 */
public record Oidc(Boolean enable, String clientId, SecretRef clientSecret, String provider) {

  public Oidc {
    enable = enable == null ? Boolean.TRUE : enable;
  }
}
