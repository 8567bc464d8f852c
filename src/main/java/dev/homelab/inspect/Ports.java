package dev.homelab.inspect;

import dev.homelab.catalog.Effective;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.model.Exposure;
import dev.homelab.model.Host;
import dev.homelab.model.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ports of a spec, one {@link PortRow} per port: per host in spec order, SSH first, then
 * each deployed service's port and the ports of its own its kind opens ({@code openPorts}).
 * Every value is the one planning uses: the service as {@link Effective} resolves it, its
 * bind address from {@link EffectiveService#bindAddress()}.
 */
public final class Ports {

  private Ports() {}

  /** Every port of every host. */
  public static List<PortRow> of(Spec spec, ServiceCatalog catalog) {
    List<PortRow> rows = new ArrayList<>();
    for (Map.Entry<String, Host> e : spec.hosts().entrySet()) {
      rows.addAll(of(spec, e.getKey(), catalog));
    }
    return List.copyOf(rows);
  }

  /** The ports of one host (empty when the spec has no such host). */
  public static List<PortRow> of(Spec spec, String hostName, ServiceCatalog catalog) {
    Host host = spec.hosts().get(hostName);
    if (host == null) {
      return List.of();
    }
    List<PortRow> rows = new ArrayList<>();
    if (!host.isDarwin()) {
      var ssh = host.network().ssh();
      rows.add(new PortRow(hostName, "ssh", ssh.port(), "tcp", "0.0.0.0", wires(ssh.expose()), null));
    }
    for (EffectiveService s : Effective.deployed(spec, hostName, host, catalog)) {
      rows.addAll(of(s));
    }
    return List.copyOf(rows);
  }

  /** The ports of one resolved service: its own port, then its kind's {@code openPorts}. */
  public static List<PortRow> of(EffectiveService s) {
    List<PortRow> rows = new ArrayList<>();
    List<String> exposure = wires(s.expose());
    if (s.port() > 0) {
      rows.add(new PortRow(s.host(), s.name(), s.port(), "tcp", s.bindAddress(), exposure, url(s)));
    }
    // The firewall opens a kind's own ports on the LAN and tailnet interfaces only.
    List<String> own = exposure.stream().filter(w -> !w.equals(Exposure.PUBLIC.wire())).toList();
    for (String open : s.descriptor().openPorts()) {
      int slash = open.indexOf('/');
      rows.add(new PortRow(s.host(), s.name(), Integer.parseInt(open.substring(0, slash)), open.substring(slash + 1),
          "0.0.0.0", own, null));
    }
    return rows;
  }

  /** The service's URL through the proxy, or null when no exposure reaches it there. */
  public static String url(EffectiveService s) {
    return s.isProxied() ? "https://" + s.fqdn() : null;
  }

  static List<String> wires(Set<Exposure> expose) {
    return expose.stream().sorted().map(Exposure::wire).toList();
  }
}
