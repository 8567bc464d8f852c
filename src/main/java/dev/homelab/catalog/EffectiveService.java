package dev.homelab.catalog;

import dev.homelab.model.Exposure;
import dev.homelab.model.Service;
import java.util.Map;
import java.util.Set;

/**
 * A service with the catalog's defaults applied: what the spec said, or the kind's default
 * where it said nothing. {@code path} is the service's spec path, for locating findings.
 */
public record EffectiveService(
    String host,
    String name,
    String path,
    Service spec,
    ServiceDescriptor descriptor,
    int port,
    Set<Exposure> expose,
    String subdomain,
    String fqdn,
    String tier,
    boolean deployed,
    Map<String, Object> settings) {

  /** The address the service listens on: loopback when its module can bind there. */
  public String bindAddress() {
    return descriptor.bindable() ? "127.0.0.1" : "0.0.0.0";
  }

  /** True when some exposure reaches it through the proxy over HTTP. */
  public boolean isProxied() {
    return descriptor.isHttp() && !expose.isEmpty();
  }

  /** The kind of this service. */
  public String kind() {
    return descriptor.kind();
  }
}
