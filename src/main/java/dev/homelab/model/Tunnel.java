package dev.homelab.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** A Cloudflare Tunnel: its id and the secret holding its credentials JSON. */
public record Tunnel(
    @Pattern(regexp = "cloudflare", message = "only Cloudflare tunnels are generated so far") String provider,
    @NotBlank(message = "a tunnel needs its `id` (the UUID `cloudflared tunnel create` prints)")
        @Pattern(regexp = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", message = "a tunnel id is a lowercase UUID")
        String id,
    SecretRef credentials) {

  public Tunnel {
    provider = provider == null ? "cloudflare" : provider;
  }
}
