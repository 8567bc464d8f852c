package dev.homelab.catalog;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.Host;
import dev.homelab.model.Service;
import dev.homelab.model.Spec;
import dev.homelab.model.Tier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the catalog's defaults to a spec's services. Validation and planning both read
 * services through this, so a port that comes from the catalog clashes like a written one.
 */
public final class Effective {

  private Effective() {}

  /** The kind a service names, or its own name when it names none. */
  public static String kindOf(String name, Service s) {
    return s.kind() != null ? s.kind() : name;
  }

  /** Every service of a host whose kind the catalog knows, deployed or not, in spec order. */
  public static List<EffectiveService> services(Spec spec, String hostName, Host host, ServiceCatalog catalog) {
    List<EffectiveService> out = new ArrayList<>();
    String hostPath = SourceMap.child("hosts", hostName);
    for (Map.Entry<String, Service> e : host.services().entrySet()) {
      Service s = e.getValue();
      ServiceDescriptor d = catalog.find(kindOf(e.getKey(), s)).orElse(null);
      if (d == null) {
        continue;
      }
      String path = SourceMap.child(SourceMap.child(hostPath, "services"), e.getKey());
      int port = s.port() != null ? s.port() : d.port() != null ? d.port() : 0;
      var expose = s.expose() != null ? s.expose() : d.expose();
      String subdomain = s.subdomain() != null ? s.subdomain() : d.subdomain() != null ? d.subdomain() : e.getKey();
      String domain = spec.homelab() == null ? "" : spec.homelab().domain();
      Tier tier = s.tier() == null ? null : spec.tiers().get(s.tier());
      boolean deployed = s.enable() && (tier == null || tier.enabled());
      Map<String, Object> settings = new LinkedHashMap<>();
      d.settings().forEach((k, v) -> {
        if (v.defaultValue() != null) {
          settings.put(k, v.defaultValue());
        }
      });
      settings.putAll(s.settings());
      var wanted = ordered(expose);
      EffectiveService es = new EffectiveService(hostName, e.getKey(), path, s, d, port, wanted, wanted,
          subdomain, subdomain + "." + domain, s.tier(), deployed, settings);
      if (es.awaitsClaim()) {
        es = new EffectiveService(hostName, e.getKey(), path, s, d, port, beforeClaim(wanted), wanted,
            subdomain, subdomain + "." + domain, s.tier(), deployed, settings);
      }
      out.add(es);
    }
    return out;
  }

  /**
   * Where a service whose first visitor takes its admin account is served until it is
   * claimed: the tailnet only. The LAN is held back too: guests and devices on it are not
   * the owner, and nothing there proves who is.
   */
  static java.util.Set<dev.homelab.model.Exposure> beforeClaim(java.util.Set<dev.homelab.model.Exposure> wanted) {
    return wanted.contains(dev.homelab.model.Exposure.TAILSCALE)
        ? java.util.Collections.unmodifiableSet(java.util.EnumSet.of(dev.homelab.model.Exposure.TAILSCALE))
        : java.util.Set.of();
  }

  /** Exposures in enum order (lan, tailscale, public), whatever order the spec lists them in. */
  static java.util.Set<dev.homelab.model.Exposure> ordered(java.util.Set<dev.homelab.model.Exposure> expose) {
    return expose.isEmpty() ? java.util.Set.of()
        : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(expose));
  }

  /**
   * The OIDC provider a service signs in through: the service its {@code oidc.provider}
   * names when that is a provider, else the one provider among {@code hostServices}; null
   * when there is none or the choice is ambiguous (validation reports both).
   */
  public static EffectiveService oidcProvider(EffectiveService s, List<EffectiveService> hostServices) {
    String named = s.spec().oidc() == null ? null : s.spec().oidc().provider();
    List<EffectiveService> providers = hostServices.stream()
        .filter(o -> o.descriptor().isOidcProvider() && (named == null || o.name().equals(named))).toList();
    return providers.size() == 1 ? providers.get(0) : null;
  }

  /** Only the services that are deployed now (enabled, in an enabled tier). */
  public static List<EffectiveService> deployed(Spec spec, String hostName, Host host, ServiceCatalog catalog) {
    return services(spec, hostName, host, catalog).stream().filter(EffectiveService::deployed).toList();
  }
}
