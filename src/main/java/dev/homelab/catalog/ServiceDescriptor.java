package dev.homelab.catalog;

import dev.homelab.model.Exposure;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the catalog knows about one service kind ({@code templates/services/<kind>/service.yaml}):
 * how it runs (NixOS module or containers), its default port and exposure, whether it can
 * bind to loopback, ports of its own to open where it is exposed ({@code openPorts}, such as
 * Syncthing's sync port), its user, state directory and units, what it needs (database, groups,
 * secrets), what its data is to ZFS ({@code workload}: the recordsize its dataset takes by
 * default), what to back up, how a proxy asks it for single sign-on ({@code forwardAuth},
 * for providers), how it learns a visitor's address behind the proxy ({@code clientAddress}),
 * the settings a spec may give it, and the NixOS options it sets.
 * An OIDC provider declares its issuer ({@code oidcIssuer}, facts in braces) and endpoint
 * paths below it ({@code oidcEndpoints}); a kind that can sign users in through one declares
 * {@code oidc}; {@code noOidc} says why a kind cannot and what to use instead.
 */
public record ServiceDescriptor(
    String kind,
    String title,
    String summary,
    String module,
    String runtime,
    Integer port,
    String protocol,
    Boolean bindable,
    String user,
    String group,
    String stateDir,
    List<String> units,
    String database,
    Workload workload,
    Set<Exposure> expose,
    String subdomain,
    List<String> groups,
    String health,
    List<String> backupExclude,
    Map<String, Integer> extraPorts,
    List<String> openPorts,
    Boolean requiresVpn,
    Boolean multiple,
    ForwardAuth forwardAuth,
    ClientAddress clientAddress,
    Map<String, SettingSpec> settings,
    List<OptionBlock> options,
    String oidcIssuer,
    Map<String, String> oidcEndpoints,
    OidcClient oidc,
    String noOidc) {

  public ServiceDescriptor {
    runtime = runtime == null ? "nixos" : runtime;
    protocol = protocol == null ? "http" : protocol;
    bindable = bindable == null ? Boolean.TRUE : bindable;
    units = units == null ? List.of() : List.copyOf(units);
    workload = workload == null ? Workload.DEFAULT : workload;
    // Enum order (lan, tailscale, public), never hash order: output must not vary between runs.
    expose = java.util.Collections.unmodifiableSet(expose == null || expose.isEmpty()
        ? java.util.EnumSet.of(Exposure.LAN, Exposure.TAILSCALE) : java.util.EnumSet.copyOf(expose));
    groups = groups == null ? List.of() : List.copyOf(groups);
    backupExclude = backupExclude == null ? List.of() : List.copyOf(backupExclude);
    extraPorts = extraPorts == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(extraPorts));
    openPorts = openPorts == null ? List.of() : List.copyOf(openPorts);
    for (String p : openPorts) {
      if (!p.matches("\\d{1,5}/(tcp|udp)")) {
        throw new IllegalArgumentException("openPorts entry `" + p + "` is not PORT/tcp or PORT/udp");
      }
    }
    requiresVpn = requiresVpn == null ? Boolean.FALSE : requiresVpn;
    multiple = multiple == null ? Boolean.FALSE : multiple;
    settings = settings == null ? Map.of() : settings;
    options = options == null ? List.of() : List.copyOf(options);
    oidcEndpoints = oidcEndpoints == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(oidcEndpoints));
  }

  /** True for an OIDC provider: it declares its issuer. */
  public boolean isOidcProvider() {
    return oidcIssuer != null;
  }

  /** True when the service runs in OCI containers rather than a NixOS module. */
  public boolean isContainer() {
    return "container".equals(runtime);
  }

  /** True for services reached over HTTP through the reverse proxy. */
  public boolean isHttp() {
    return "http".equals(protocol);
  }
}
