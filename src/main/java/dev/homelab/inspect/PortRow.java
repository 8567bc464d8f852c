package dev.homelab.inspect;

import java.util.List;

/**
 * One port a host listens on: the host, the service (or {@code ssh}), the port and its
 * protocol ({@code tcp} or {@code udp}), the address it binds, who reaches it (exposure wire
 * names, {@code lan}, {@code tailscale}, {@code public}, empty when nothing beyond the host
 * does), and the URL it is reached at through the proxy (null when it has none).
 */
public record PortRow(String host, String service, int port, String protocol, String bind, List<String> exposure,
    String url) {

  public PortRow {
    exposure = List.copyOf(exposure);
  }
}
