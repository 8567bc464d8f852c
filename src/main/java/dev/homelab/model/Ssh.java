package dev.homelab.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Set;

/** SSH: its port and where it is reachable (default LAN and tailnet). */
public record Ssh(Set<Exposure> expose, @Min(value = 1, message = "a port is 1 to 65535") @Max(value = 65535, message = "a port is 1 to 65535") Integer port) {

  public Ssh {
    expose = expose == null ? java.util.EnumSet.of(Exposure.LAN, Exposure.TAILSCALE) : Maps.copy(expose);
    port = port == null ? 22 : port;
  }
}
