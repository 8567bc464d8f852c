package dev.homelab.catalog;

import dev.homelab.model.Exposure;
import dev.homelab.model.Service;
import java.util.Map;
import java.util.Set;

/**
 * A service with the catalog's defaults applied: what the spec said, or the kind's default
 * where it said nothing. {@code path} is the service's spec path, for locating findings.
 * {@code expose} is where it is served; {@code wanted} where the spec (or the catalog) wants
 * it: the two differ while a kind whose first visitor takes the admin account is not yet
 * claimed, when everything but the tailnet is held back.
 */
public record EffectiveService(
    String host,
    String name,
    String path,
    Service spec,
    ServiceDescriptor descriptor,
    int port,
    Set<Exposure> expose,
    Set<Exposure> wanted,
    String subdomain,
    String fqdn,
    String tier,
    boolean deployed,
    Map<String, Object> settings) {

  // Written out rather than left to the record: the same components, the cheap ones that tell
  // two services apart first, so a list's contains() rarely compares specs and descriptors;
  // and no method-handle classes spun at the first comparison of a run (JDK 17 spins them anew
  // each start).
  @Override
  public boolean equals(Object o) {
    return this == o || o instanceof EffectiveService e && port == e.port && deployed == e.deployed
        && java.util.Objects.equals(host, e.host) && java.util.Objects.equals(name, e.name)
        && java.util.Objects.equals(path, e.path) && java.util.Objects.equals(subdomain, e.subdomain)
        && java.util.Objects.equals(fqdn, e.fqdn) && java.util.Objects.equals(tier, e.tier)
        && java.util.Objects.equals(expose, e.expose) && java.util.Objects.equals(wanted, e.wanted)
        && java.util.Objects.equals(settings, e.settings) && java.util.Objects.equals(spec, e.spec)
        && java.util.Objects.equals(descriptor, e.descriptor);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(host, name, path, spec, descriptor, port, expose, wanted, subdomain, fqdn, tier, deployed,
        settings);
  }

  /**
   * The address the service listens on: loopback for a web service whose module can bind
   * there (the proxy is its way in); a service without an HTTP front that is exposed
   * listens on every interface, and the firewall opens its port only where the exposure
   * says.
   */
  public String bindAddress() {
    if (isInNamespace()) {
      return NAMESPACE_ADDRESS;
    }
    boolean loopback = descriptor.bindable() && (descriptor.isHttp() || expose.isEmpty());
    return loopback ? "127.0.0.1" : "0.0.0.0";
  }

  /** The VPN network namespace's own address, where the host reaches services confined in it. */
  public static final String NAMESPACE_ADDRESS = "192.168.15.1";

  /** True when the service runs confined in the host's VPN network namespace. */
  public boolean isInNamespace() {
    return spec.vpn() != null && "namespace".equals(spec.vpn().via());
  }

  /** Where the proxy reaches the service: loopback, or the namespace address when confined. */
  public String upstream() {
    return (isInNamespace() ? NAMESPACE_ADDRESS : "127.0.0.1") + ":" + port;
  }

  /** True when some exposure reaches it through the proxy over HTTP. */
  public boolean isProxied() {
    return descriptor.isHttp() && !expose.isEmpty();
  }

  /** True when the proxy asks the single sign-on provider before passing requests on. */
  public boolean hasSso() {
    return spec.sso() != null && spec.sso().enable();
  }

  /** True when the spec turns on sign-in through the host's OIDC provider. */
  public boolean hasOidc() {
    return spec.oidc() != null && spec.oidc().enable();
  }

  /** The client id registered at the OIDC provider: the spec's, else the service's name. */
  public String oidcClientId() {
    return spec.oidc() != null && spec.oidc().clientId() != null ? spec.oidc().clientId() : name;
  }

  /** The secret holding the OIDC client secret: the spec's, else {@code <service>/oidc-client-secret}. */
  public String oidcClientSecret() {
    return spec.oidc() != null && spec.oidc().clientSecret() != null && !spec.oidc().clientSecret().pasted()
        ? spec.oidc().clientSecret().name() : name + "/oidc-client-secret";
  }

  /** The exposures held back until the service's first account is claimed (empty when none). */
  public Set<Exposure> heldBack() {
    Set<Exposure> held = java.util.EnumSet.noneOf(Exposure.class);
    held.addAll(wanted);
    held.removeAll(expose);
    return java.util.Collections.unmodifiableSet(held);
  }

  /**
   * True while the service's first account is the first visitor's to take: the kind says so,
   * the spec does not say it is claimed, and no secret setting provisions it.
   */
  public boolean awaitsClaim() {
    return descriptor.firstUserIsVisitor() && !spec.claimed()
        && (descriptor.firstUserSetting() == null || settings.get(descriptor.firstUserSetting()) == null);
  }

  /** The kind of this service. */
  public String kind() {
    return descriptor.kind();
  }
}
