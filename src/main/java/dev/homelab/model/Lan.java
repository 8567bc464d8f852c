package dev.homelab.model;

import dev.homelab.model.constraints.Cidr;
import dev.homelab.model.constraints.NetworkInterface;
import java.util.List;

/** The host's LAN: its interfaces and the address ranges allowed as LAN sources. */
public record Lan(
    List<@NetworkInterface String> interfaces,
    List<@Cidr String> ranges) {

  public Lan {
    interfaces = Maps.copy(interfaces);
    ranges = Maps.copy(ranges);
  }
}
