package dev.homelab.model;

import dev.homelab.model.constraints.InterfaceAddress;
import java.util.List;

/**
 * VPN confinement: the service sends and receives everything through the VPN (kill switch).
 * {@code via: gluetun} runs it inside a Gluetun container's network ({@code provider},
 * {@code privateKey}, {@code addresses}, {@code countries}); {@code via: namespace} runs a
 * NixOS service's units in a WireGuard network namespace (the VPN-Confinement module), from
 * a wg-quick {@code config} file kept as a secret.
 */
public record Vpn(
    String via,
    String provider,
    SecretRef privateKey,
    List<@InterfaceAddress String> addresses,
    List<String> countries,
    SecretRef config) {

  public Vpn {
    via = via == null ? "gluetun" : via;
    addresses = Maps.copy(addresses);
    countries = Maps.copy(countries);
  }
}
