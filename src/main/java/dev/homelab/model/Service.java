package dev.homelab.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Map;
import java.util.Set;

/**
 * A service on a host: its catalog kind (default: its name), port (default: the catalog's),
 * exposure, subdomain, tier, data dataset, VPN confinement, kind-specific settings, and extra
 * NixOS options ({@code nixos:}) checked against the option catalog and merged into its file;
 * for {@code kind: container}, the container to run; {@code sso}, single sign-on in front of it;
 * {@code mtls}, client certificates required by the proxy; {@code oidc}, sign-in through the
 * host's OIDC provider; {@code preseed}, restoring its data from a backup before its first start;
 * {@code claimed}, its first account exists (a kind whose first visitor takes the admin
 * account is served beyond the tailnet only then); {@code publicAdmin}, its admin paths are
 * served to public sources too.
 */
public record Service(
    String kind,
    Boolean enable,
    String tier,
    @Min(value = 1, message = "a port is 1 to 65535") @Max(value = 65535, message = "a port is 1 to 65535") Integer port,
    Set<Exposure> expose,
    String subdomain,
    String dataset,
    @Valid Vpn vpn,
    Map<String, Object> settings,
    Map<String, Object> nixos,
    @Valid Container container,
    @Valid Sso sso,
    Boolean mtls,
    Oidc oidc,
    @Valid Preseed preseed,
    Boolean claimed,
    Boolean publicAdmin) {

  public Service {
    enable = enable == null ? Boolean.TRUE : enable;
    mtls = mtls == null ? Boolean.FALSE : mtls;
    claimed = claimed == null ? Boolean.FALSE : claimed;
    publicAdmin = publicAdmin == null ? Boolean.FALSE : publicAdmin;
    expose = Maps.copy(expose);
    settings = Maps.copy(settings);
    nixos = Maps.copy(nixos);
  }
}
