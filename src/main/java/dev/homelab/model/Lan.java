package dev.homelab.model;

import jakarta.validation.constraints.Pattern;
import java.util.List;

/** The host's LAN: its interfaces and the address ranges allowed as LAN sources. */
public record Lan(
    List<@Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]{0,14}", message = "not a network interface name") String> interfaces,
    List<@Pattern(regexp = "[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}|[0-9a-fA-F:]+/[0-9]{1,3}", message = "not an address range in CIDR form (`192.168.1.0/24`)") String> ranges) {

  public Lan {
    interfaces = Maps.copy(interfaces);
    ranges = Maps.copy(ranges);
  }
}
