package dev.homelab.validate;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.Effective;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.diag.Diagnostics;
import dev.homelab.model.Host;
import dev.homelab.model.Spec;
import java.util.List;
import java.util.Map;

/** What a rule reads (the spec, where its values are, the catalog) and where it reports. */
public final class RuleContext {

  private final Spec spec;
  private final SourceMap sources;
  private final ServiceCatalog catalog;
  private final Diagnostics diagnostics;
  private String ruleId = "HL0300";
  /** Each host's services, by host name: shared by the rules, which may run on several threads. */
  private final Map<String, List<EffectiveService>> services;

  RuleContext(Spec spec, SourceMap sources, ServiceCatalog catalog, Diagnostics diagnostics,
      Map<String, List<EffectiveService>> services) {
    this.spec = spec;
    this.sources = sources;
    this.catalog = catalog;
    this.diagnostics = diagnostics;
    this.services = services;
  }

  void use(Rule rule) {
    this.ruleId = rule.id();
  }

  public Spec spec() {
    return spec;
  }

  public ServiceCatalog catalog() {
    return catalog;
  }

  public SourceMap sources() {
    return sources;
  }

  /** The services of a host with catalog defaults applied (kinds the catalog knows). */
  public List<EffectiveService> services(String hostName, Host host) {
    return services.computeIfAbsent(hostName, h -> Effective.services(spec, h, host, catalog));
  }

  /** Every host, by name. */
  public Map<String, Host> hosts() {
    return spec.hosts();
  }

  /** An error at the value of {@code path}. */
  public void error(String path, String message, String hint) {
    diagnostics.error(ruleId, message, sources.value(path), hint, path);
  }

  /** An error at the key that introduces {@code path} (for names). */
  public void errorAtKey(String path, String message, String hint) {
    diagnostics.error(ruleId, message, sources.key(path), hint, path);
  }

  public void warning(String path, String message, String hint) {
    diagnostics.warning(ruleId, message, sources.value(path), hint, path);
  }

  public void warningAtKey(String path, String message, String hint) {
    diagnostics.warning(ruleId, message, sources.key(path), hint, path);
  }
}
