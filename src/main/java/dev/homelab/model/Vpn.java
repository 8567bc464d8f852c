package dev.homelab.model;

import jakarta.validation.constraints.NotBlank;
import java.util.List;

/**
 * VPN confinement: the service sends and receives everything through the VPN (kill switch).
 * {@code via: gluetun} runs it inside a Gluetun container's network.
 */
public record Vpn(
    String via,
    @NotBlank(message = "name the VPN provider as Gluetun knows it (`surfshark`, `mullvad`, ...)") String provider,
    SecretRef privateKey,
    List<String> addresses,
    List<String> countries) {

  public Vpn {
    via = via == null ? "gluetun" : via;
    addresses = Maps.copy(addresses);
    countries = Maps.copy(countries);
  }
}
