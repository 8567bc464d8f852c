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
 * default), the folders it works in besides its state directory ({@code paths}, facts in
 * braces: a library chosen in its web UI), what to back up, how a proxy asks it for single
 * sign-on ({@code forwardAuth}, for providers), how it learns a visitor's address behind the
 * proxy ({@code clientAddress}), the settings a spec may give it, and the NixOS options it sets.
 * An OIDC provider declares its issuer ({@code oidcIssuer}, facts in braces) and endpoint
 * paths below it ({@code oidcEndpoints}); a kind that can sign users in through one declares
 * {@code oidc}; {@code noOidc} says why a kind cannot and what to use instead. {@code unfree}
 * names the packages of the kind whose licence is unfree (by {@code lib.getName}): the host
 * that runs it allows exactly those.
 * {@code firstUser} says where its first (admin) account comes from: {@code visitor}, whoever
 * reaches it first creates or takes it (a setup page, an open sign-up, a published default
 * login), so it is served only over the tailnet until the spec says it is claimed, unless
 * {@code firstUserSetting} names a secret setting the spec gives that provisions it;
 * {@code secret}, only from the secret setting {@code firstUserSetting}, without which no
 * account can ever exist. {@code adminPaths} are paths of an admin interface that public
 * sources are refused (403) unless the spec lets them through. {@code hostHeader} is the Host
 * header the proxy sends it: the visitor's ({@code visitor}), or the upstream's own address
 * ({@code upstream}, for a server that refuses names it does not know, such as Ollama).
 * {@code access} records what the kind does on first start and behind the proxy, and what the
 * output does about it. {@code renamed} lists releases that renamed the kind's NixOS module
 * ({@link Renamed}): the planner writes the name the lab's release has.
 * {@code login} says whether it has a login of its own: {@code own} (the default), {@code none}
 * (whoever reaches its web UI uses it, until a first-use form is filled at best), or
 * {@code open} (no login by design: a status page or a site for anyone to read).
 * {@code monitoring} is what it contributes to the fleet's monitoring: its
 * metrics path and alert rules (its status check is its {@code health} path).
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
    List<String> paths,
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
    String noOidc,
    List<String> unfree,
    String firstUser,
    String firstUserSetting,
    List<String> adminPaths,
    String hostHeader,
    Access access,
    List<Renamed> renamed,
    ServiceMonitoring monitoring,
    String login) {

  /** Where a kind's first account may come from ({@code firstUser}). */
  public static final String VISITOR = "visitor";

  /** The first account comes only from a secret setting ({@code firstUser: secret}). */
  public static final String SECRET = "secret";

  /** The proxy passes the visitor's Host header on ({@code hostHeader}, the default). */
  public static final String HOST_VISITOR = "visitor";

  /** The proxy sends the upstream's own address as the Host header ({@code hostHeader: upstream}). */
  public static final String HOST_UPSTREAM = "upstream";

  /** The kind has a login of its own, or gets one on first use ({@code login}, the default). */
  public static final String LOGIN_OWN = "own";

  /** Whoever reaches the kind's web UI uses it: no login of its own ({@code login: none}). */
  public static final String LOGIN_NONE = "none";

  /** No login by design: what it serves is for anyone to read ({@code login: open}). */
  public static final String LOGIN_OPEN = "open";

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
    paths = paths == null ? List.of() : List.copyOf(paths);
    extraPorts = extraPorts == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(extraPorts));
    openPorts = openPorts == null ? List.of() : List.copyOf(openPorts);
    for (String p : openPorts) {
      if (!p.matches("[1-9]\\d{0,4}/(tcp|udp)") || Integer.parseInt(p.substring(0, p.indexOf('/'))) > 65535) {
        throw new IllegalArgumentException("openPorts entry `" + p + "` is not PORT/tcp or PORT/udp with a port from 1 to 65535");
      }
    }
    requiresVpn = requiresVpn == null ? Boolean.FALSE : requiresVpn;
    multiple = multiple == null ? Boolean.FALSE : multiple;
    settings = settings == null ? Map.of() : settings;
    options = options == null ? List.of() : List.copyOf(options);
    unfree = unfree == null ? List.of() : List.copyOf(unfree);
    oidcEndpoints = oidcEndpoints == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(oidcEndpoints));
    if (firstUser != null && !VISITOR.equals(firstUser) && !SECRET.equals(firstUser)) {
      throw new IllegalArgumentException("firstUser `" + firstUser + "` is neither visitor nor secret");
    }
    if (SECRET.equals(firstUser) && firstUserSetting == null) {
      throw new IllegalArgumentException("firstUser: secret needs firstUserSetting, the secret setting it comes from");
    }
    if (firstUserSetting != null && (settings.get(firstUserSetting) == null
        || !"secret".equals(settings.get(firstUserSetting).type()))) {
      throw new IllegalArgumentException("firstUserSetting `" + firstUserSetting + "` is not a secret setting of the kind");
    }
    adminPaths = adminPaths == null ? List.of() : List.copyOf(adminPaths);
    renamed = renamed == null ? List.of() : List.copyOf(renamed);
    hostHeader = hostHeader == null ? HOST_VISITOR : hostHeader;
    if (!HOST_VISITOR.equals(hostHeader) && !HOST_UPSTREAM.equals(hostHeader)) {
      throw new IllegalArgumentException("hostHeader `" + hostHeader + "` is neither visitor nor upstream");
    }
    for (String p : adminPaths) {
      if (!p.matches("(/[A-Za-z0-9._~-]+)+")) {
        throw new IllegalArgumentException("adminPaths entry `" + p + "` is not a path such as /admin");
      }
    }
    monitoring = monitoring == null ? new ServiceMonitoring(null, null) : monitoring;
    login = login == null ? LOGIN_OWN : login;
    if (!List.of(LOGIN_OWN, LOGIN_NONE, LOGIN_OPEN).contains(login)) {
      throw new IllegalArgumentException("login `" + login + "` is none of own, none, open");
    }
  }

  /** True when whoever reaches its web UI uses it: it has no login of its own ({@code login: none}). */
  public boolean hasNoLogin() {
    return LOGIN_NONE.equals(login);
  }

  /**
   * The name of the kind's module or unit in a release ({@link Facts#release}: {@code 26.05},
   * {@code unstable}): {@code name} itself unless a release up to this one renamed it.
   */
  public String nameIn(String name, String release) {
    String out = name;
    for (Renamed r : renamed) {
      if (out.equals(r.from()) && (Facts.UNSTABLE.equals(release) || release.compareTo(r.release()) >= 0)) {
        out = r.to();
      }
    }
    return out;
  }

  /** True when the proxy sends the upstream's own address as the Host header. */
  public boolean sendsUpstreamHost() {
    return HOST_UPSTREAM.equals(hostHeader);
  }

  /** True when whoever reaches the service first claims its first account. */
  public boolean firstUserIsVisitor() {
    return VISITOR.equals(firstUser);
  }

  /**
   * True when the kind's options put its data where the planner says ({@code { fact: dataDir }}
   * or {@code {dataDir}} in a format): a dataset with another mountpoint then holds its state.
   * A kind that does not keeps its state in {@code stateDir} whatever dataset it is given.
   */
  public boolean followsDataDir() {
    return options.stream().anyMatch(b -> namesDataDir(b.set()));
  }

  private static boolean namesDataDir(Object v) {
    if (v instanceof String str) {
      return str.contains("{dataDir}");
    }
    if (v instanceof Map<?, ?> m) {
      if (m.size() == 1 && "dataDir".equals(m.get("fact"))) {
        return true;
      }
      return m.values().stream().anyMatch(ServiceDescriptor::namesDataDir);
    }
    if (v instanceof List<?> l) {
      return l.stream().anyMatch(ServiceDescriptor::namesDataDir);
    }
    return false;
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
