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

/**
 * The port table of a lab: for every deployed service of every host, one row per way it is
 * reached. Everything comes from the services as planning sees them ({@link Effective}): the
 * port, bind address and exposure are the decided values, not derived again here.
 */
public final class Ports {

  private Ports() {}

  /** The exposure words of the table, in the order rows are listed. */
  public static final List<String> EXPOSURES = List.of("lan", "tailnet", "public", "local");

  /** Every row of every host, hosts and services in spec order. */
  public static List<PortRow> of(Spec spec, ServiceCatalog catalog) {
    List<PortRow> out = new ArrayList<>();
    for (Map.Entry<String, Host> e : spec.hosts().entrySet()) {
      out.addAll(of(spec, e.getKey(), e.getValue(), catalog));
    }
    return List.copyOf(out);
  }

  /** The rows of one host. */
  public static List<PortRow> of(Spec spec, String hostName, Host host, ServiceCatalog catalog) {
    List<PortRow> out = new ArrayList<>();
    for (EffectiveService s : Effective.deployed(spec, hostName, host, catalog)) {
      String protocol = s.descriptor().isHttp() ? "tcp" : s.descriptor().protocol();
      if (s.expose().isEmpty()) {
        out.add(new PortRow(hostName, s.name(), s.port(), protocol, s.bindAddress(), "local",
            url(s, "http", s.bindAddress().equals("0.0.0.0") ? "127.0.0.1" : s.bindAddress())));
        continue;
      }
      for (Exposure x : s.expose()) {
        String word = word(x);
        String url;
        if (s.descriptor().isHttp()) {
          url = "https://" + s.fqdn();
        } else {
          url = url(s, s.descriptor().protocol(), x == Exposure.TAILSCALE ? hostName : s.fqdn());
        }
        out.add(new PortRow(hostName, s.name(), s.port(), protocol, s.bindAddress(), word, url));
      }
    }
    return out;
  }

  /** The table's word for an exposure: the tailnet is {@code tailnet}. */
  public static String word(Exposure x) {
    return x == Exposure.TAILSCALE ? "tailnet" : x.wire();
  }

  private static String url(EffectiveService s, String scheme, String where) {
    return scheme + "://" + where + ":" + s.port();
  }
}
