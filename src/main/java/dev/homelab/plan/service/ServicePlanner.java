package dev.homelab.plan.service;

import dev.homelab.catalog.Effective;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.catalog.Facts;
import dev.homelab.catalog.OptionBlock;
import dev.homelab.catalog.ServiceDescriptor;
import dev.homelab.catalog.SettingSpec;
import dev.homelab.model.Paths;
import dev.homelab.nix.Binding;
import dev.homelab.nix.BindingMerger;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.Folder;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.NixModule;
import dev.homelab.plan.OwnOptions;
import dev.homelab.plan.Ownership;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.host.HostFilePlanner;
import dev.homelab.plan.network.VpnPlanner;
import dev.homelab.plan.storage.DatasetPlanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans {@code hosts/<host>/services/<name>.nix}: evaluates the catalog descriptor's option
 * blocks against the service's facts, then adds what every service gets the same way (its
 * user's groups, the dataset unit ordering, the secrets it reads).
 */
public final class ServicePlanner {

  private final HostContext ctx;
  /** The sops-nix templates the service's file renders ({@code envFile} values), per plan. */
  private final List<Binding> templates = new ArrayList<>();

  public ServicePlanner(HostContext ctx) {
    this.ctx = ctx;
  }

  /**
   * The service's file. Its model holds the module; for a lab's own kind ({@code ownKind}) also
   * the service's facts ({@code service}), which its template may read: the built-in templates
   * read only the module (a test holds them to it), and a fleet's thousands of fact maps would
   * otherwise be kept from planning until rendering.
   */
  public PlannedFile plan(EffectiveService s, boolean ownKind) {
    Map<String, Object> facts = facts(s);
    ServiceDescriptor d = s.descriptor();
    List<String> secretsRead = new ArrayList<>();
    List<Binding> bindings = new ArrayList<>();
    templates.clear();
    for (OptionBlock block : d.options()) {
      if (!holds(block.when(), facts)) {
        continue;
      }
      List<Binding> set = attrs(block.set(), facts, s, secretsRead);
      if (!set.isEmpty() && !block.comment().isEmpty()) {
        set.set(0, set.get(0).withComment(block.comment()));
      }
      bindings.addAll(set);
    }
    var client = d.clientAddress();
    if (client != null && s.isProxied() && !client.trust().isEmpty()) {
      List<Binding> set = attrs(client.trust(), facts, s, secretsRead);
      if (!set.isEmpty()) {
        set.set(0, set.get(0).withComment(List.of("Behind the proxy: the visitor's address comes from " + client.header()
            + ", which the proxy sets, believed only from the proxy on loopback.")));
      }
      bindings.addAll(set);
    }
    if (Boolean.TRUE.equals(facts.get("oidc")) && !secretsRead.contains(s.oidcClientSecret())) {
      // The client secret is on the host even where no option reads it (a setup command does).
      secretPath(OIDC_SECRET, facts, s, secretsRead);
    }
    Bindings extra = new Bindings();
    if (d.user() != null && !d.groups().isEmpty()) {
      ctx.groups.addAll(d.groups());
      extra.comment("Shared groups (" + String.join(", ", d.groups()) + ") for files other services read and write.")
          .set(List.of("users", "users", d.user(), "extraGroups"), NixValue.strings(d.groups()));
    }
    String dataDir = (String) facts.get("dataDir");
    // The service's systemd units, facts filled in (`{containerUnit}` of a custom container).
    List<String> units = unitNames(s, facts);
    List<String> shared = d.groups().stream().filter(HostFilePlanner::sharesFiles).toList();
    if (d.user() != null && !shared.isEmpty() && !units.isEmpty()) {
      boolean first = true;
      for (String unit : units) {
        if (first) {
          extra.comment("What it creates is group-writable (umask 0002), so the other services of the "
              + String.join(", ", shared) + " group can change it; modules that set their own UMask (0022) would leave"
              + " it read-only to the group.");
        }
        extra.set(List.of("systemd", "services", unit, "serviceConfig", "UMask"),
            new NixValue.Apply(new NixValue.Ref("lib.mkForce"), NixValue.str("0002")));
        first = false;
      }
    }
    // Every path it works in that a dataset holds: its units wait for the datasets unit.
    List<String> onDatasets = paths(s, facts).stream().filter(ctx.datasets::touchesDataset).toList();
    if ((s.spec().dataset() != null || !onDatasets.isEmpty()) && !units.isEmpty()) {
      boolean relocated = s.spec().dataset() != null && (d.stateDir() == null || !d.stateDir().equals(dataDir));
      boolean first = true;
      for (String unit : units) {
        Bindings u = new Bindings();
        u.set("requires", NixValue.strings(List.of(DatasetPlanner.UNIT + ".service")));
        u.set("after", NixValue.strings(List.of(DatasetPlanner.UNIT + ".service")));
        if (relocated && first && dataDir != null) {
          u.set("serviceConfig.ReadWritePaths", NixValue.strings(List.of(dataDir)));
        }
        if (first) {
          LinkedHashSet<String> datasets = new LinkedHashSet<>();
          if (s.spec().dataset() != null) {
            datasets.add(s.spec().dataset());
          }
          onDatasets.forEach(p -> datasets.addAll(ctx.datasets.datasetsOf(p)));
          extra.comment(datasets.size() == 1
              ? "Start only once " + datasets.iterator().next() + " is mounted, never on the root disk's empty directory."
              : "Start only once " + and(List.copyOf(datasets)) + " are mounted, never on the root disk's empty directories.");
        }
        extra.set(List.of("systemd", "services", unit), u.attrs());
        first = false;
      }
    }
    List<Folder> folders = volumeFolders(s);
    List<String> rules = folders.stream().filter(f -> !ctx.datasets.isOnDataset(f.path())).map(Folder::tmpfilesRule).toList();
    if (!rules.isEmpty()) {
      extra.comment("Podman refuses a volume whose host folder is missing: made at boot"
              + (folders.size() > rules.size() ? " (those on datasets: the datasets unit, once they are mounted)." : "."))
          .set("systemd.tmpfiles.rules", NixValue.strings(rules));
    }
    if (s.spec().container() != null) {
      bindings.addAll(container(s, secretsRead));
    }
    if (s.isInNamespace()) {
      boolean firstUnit = true;
      for (String unit : units) {
        Binding confine = Binding.of(List.of("systemd", "services", unit, "vpnConfinement"), new Bindings()
            .bool("enable", true).str("vpnNamespace", VpnPlanner.NAMESPACE).attrs());
        bindings.add(firstUnit ? confine.withComment(List.of("Every packet through the VPN: the unit runs in its network namespace."))
            : confine);
        firstUnit = false;
      }
    }
    bindings.addAll(extra.build());
    bindings.addAll(templates);
    for (String secret : secretsRead) {
      bindings.add(ctx.sopsBinding(secret));
    }
    bindings = BindingMerger.merge(renamed(bindings, d, (String) facts.get(Facts.RELEASE), List.of()));
    if (!s.spec().nixos().isEmpty()) {
      bindings = BindingMerger.override(bindings, OwnOptions.bindings(s.spec().nixos(), s.path() + ".nixos"));
    }
    List<String> comment = new ArrayList<>(Headers.wrap(describe(s, dataDir)));
    if (client != null && client.note() != null && s.isProxied()) {
      comment.addAll(Headers.wrap(format(client.note(), facts, s)));
    }
    if (Boolean.TRUE.equals(facts.get("oidc"))) {
      comment.addAll(oidcComment(s, facts));
    }
    ctx.imports.add("./services/" + s.name() + ".nix");
    String template = "services/" + d.kind() + "/" + d.kind() + ".nix.ftl";
    NixModule module = new NixModule(ctx.nixHeader(), comment, bindings);
    return new PlannedFile("hosts/" + ctx.name + "/services/" + s.name() + ".nix", Ownership.GENERATED, template,
        ownKind ? Map.of("module", module, "service", facts, "host", ctx.name) : Map.of("module", module, "host", ctx.name));
  }

  private String describe(EffectiveService s, String dataDir) {
    StringBuilder b = new StringBuilder(s.descriptor().title());
    if (s.tier() != null) {
      b.append(" (tier ").append(s.tier()).append(')');
    }
    b.append(':');
    if (s.isProxied()) {
      b.append(" https://").append(s.fqdn()).append(" for ").append(exposure(s)).append(',');
    }
    if (!s.heldBack().isEmpty()) {
      b.append(" held back from ").append(String.join(" + ", s.heldBack().stream().map(e -> e.wire()).toList()))
          .append(" until its first account is claimed (whoever reaches it first takes it; `claimed: true` in the spec),");
    }
    b.append(" port ").append(s.port());
    if (s.spec().dataset() != null) {
      b.append(", data on ").append(s.spec().dataset());
    } else if (dataDir != null) {
      b.append(", data in ").append(dataDir);
    }
    return b.append('.').toString();
  }

  /**
   * What to register at the OIDC provider: the client id and every redirect URI, where the
   * client secret goes, and the kind's own notes (a step no NixOS option covers).
   */
  private List<String> oidcComment(EffectiveService s, Map<String, Object> facts) {
    List<String> lines = new ArrayList<>();
    lines.add("#");
    lines.addAll(Headers.wrap("Sign-in through " + facts.get("oidcProvider") + " (OIDC, issuer " + facts.get("oidcIssuer")
        + "): register the client `" + facts.get("oidcClientId") + "` there with these redirect URIs, and put the"
        + " client secret it issues into sops as `" + s.oidcClientSecret() + "`:"));
    for (String uri : oidcCallbacks(s, facts)) {
      lines.add("#   " + uri);
    }
    for (String note : s.descriptor().oidc().note()) {
      String text = format(note, facts, s);
      // A command (`$ ...`) stays on one line, to be copied whole.
      lines.addAll(text.startsWith("$ ") ? List.of("#   " + text.substring(2)) : Headers.wrap(text));
    }
    return lines;
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  private static String and(List<String> items) {
    return items.size() == 1 ? items.get(0)
        : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }

  private static String exposure(EffectiveService s) {
    List<String> words = new ArrayList<>();
    s.expose().forEach(e -> words.add(e.wire()));
    return String.join(" + ", words);
  }

  /** A custom container: its image, loopback-published port, volumes, environment and env file. */
  private List<Binding> container(EffectiveService s, List<String> secretsRead) {
    var c = s.spec().container();
    boolean quadlet = "quadlet".equals(c.runtime());
    Bindings b = new Bindings();
    b.str("image", c.image());
    int inside = c.containerPort() != null ? c.containerPort() : s.port();
    b.set(quadlet ? "publishPorts" : "ports", NixValue.strings(List.of("127.0.0.1:" + s.port() + ":" + inside)));
    if (!c.volumes().isEmpty()) {
      b.set("volumes", NixValue.strings(c.volumes()));
    }
    if (!c.environment().isEmpty()) {
      Bindings env = new Bindings();
      c.environment().forEach((k, v) -> env.set(List.of(k), NixValue.str(v)));
      b.set(quadlet ? "environments" : "environment", env.attrs());
    }
    if (c.environmentFile() != null) {
      String secret = c.environmentFile().name();
      ctx.useSecret(secret, null, null, "container " + s.name(), "an env file (KEY=value lines) for the container");
      if (!secretsRead.contains(secret)) {
        secretsRead.add(secret);
      }
      b.set("environmentFiles", NixValue.list(List.of(new NixValue.SecretPath(secret))));
    }
    var health = c.healthCheck();
    if (health != null && quadlet) {
      b.str("healthCmd", health.command());
      b.str("healthInterval", health.interval());
      b.set("healthRetries", NixValue.integer(health.retries()));
      if (health.startPeriod() != null) {
        b.str("healthStartPeriod", health.startPeriod());
      }
    } else if (health != null) {
      List<String> options = new ArrayList<>(List.of("--health-cmd=" + health.command(),
          "--health-interval=" + health.interval(), "--health-retries=" + health.retries()));
      if (health.startPeriod() != null) {
        options.add("--health-start-period=" + health.startPeriod());
      }
      b.set("extraOptions", NixValue.strings(options));
    }
    if (quadlet) {
      return List.of(Binding.of(List.of("virtualisation", "quadlet", "containers", s.name(), "containerConfig"), b.attrs())
          .withComment(List.of("A Quadlet unit (podman); published on loopback only: the proxy is the way in.")));
    }
    return List.of(
        Binding.of("virtualisation.oci-containers.backend", NixValue.str("podman")),
        Binding.of(List.of("virtualisation", "oci-containers", "containers", s.name()), b.attrs())
            .withComment(List.of("Published on loopback only: the proxy is the way in (the firewall does not see container ports).")));
  }

  /**
   * Authelia's access rules for the services of this host behind single sign-on: each
   * service's address, two factors, and the groups it admits (when it names any).
   */
  private List<Object> ssoRules() {
    List<Object> rules = new ArrayList<>();
    for (EffectiveService other : ctx.services) {
      if (!other.hasSso()) {
        continue;
      }
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("domain", other.fqdn());
      rule.put("policy", "two_factor");
      if (!other.spec().sso().groups().isEmpty()) {
        rule.put("subject", other.spec().sso().groups().stream().map(g -> (Object) ("group:" + g)).toList());
      }
      rules.add(rule);
    }
    return rules;
  }

  /** The service's systemd units, facts filled in ({@code {containerUnit}} of a custom container). */
  public List<String> units(EffectiveService s) {
    return unitNames(s, facts(s));
  }

  /**
   * The units, facts filled in, by the names the lab's release gives them ({@code renamed:});
   * made once per service (its file, the checks, backups and preseeds each ask).
   */
  private List<String> unitNames(EffectiveService s, Map<String, Object> facts) {
    List<String> known = ctx.units.get(s);
    if (known == null) {
      known = makeUnitNames(s, facts);
      ctx.units.put(s, known);
    }
    return known;
  }

  private static List<String> makeUnitNames(EffectiveService s, Map<String, Object> facts) {
    String release = (String) facts.get(Facts.RELEASE);
    return s.descriptor().units().stream().map(u -> s.descriptor().nameIn(format(u, facts, s), release)).toList();
  }

  /**
   * The bindings with the kind's module and units by the names the lab's release gives them
   * ({@code renamed:}): {@code services.<from>} and {@code systemd.services.<from>} become
   * {@code services.<to>} and {@code systemd.services.<to>}, at any depth of nesting.
   */
  private static List<Binding> renamed(List<Binding> bindings, ServiceDescriptor d, String release, List<String> prefix) {
    if (d.renamed().isEmpty()) {
      return bindings;
    }
    List<Binding> out = new ArrayList<>();
    for (Binding b : bindings) {
      List<String> path = new ArrayList<>(b.path());
      for (int i = 0; i < path.size(); i++) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(path.subList(0, i));
        boolean service = full.equals(List.of("services")) || full.equals(List.of("systemd", "services"));
        if (service) {
          path.set(i, d.nameIn(path.get(i), release));
        }
      }
      NixValue v = b.value();
      if (v instanceof NixValue.Attrs a) {
        List<String> inner = new ArrayList<>(prefix);
        inner.addAll(path);
        v = new NixValue.Attrs(renamed(a.bindings(), d, release, inner));
      }
      out.add(new Binding(path, v, b.comment()));
    }
    return out;
  }

  /**
   * Every path the service works in: its data directory, its settings of type {@code path},
   * the descriptor's {@code paths} and the host side of its containers' volumes.
   */
  List<String> paths(EffectiveService s, Map<String, Object> facts) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    if (facts.get("dataDir") instanceof String dir) {
      out.add(dir);
    }
    s.descriptor().settings().forEach((k, spec) -> {
      if ("path".equals(spec.type()) && facts.get("settings." + k) instanceof String p) {
        out.add(p);
      }
    });
    s.descriptor().paths().forEach(p -> out.add(format(p, facts, s)));
    out.addAll(volumes(s, facts));
    return List.copyOf(out);
  }

  /** Trees of the system a volume may name (a file, a socket), never a folder to make or re-own. */
  private static final List<String> SYSTEM_TREES = List.of("/boot", "/dev", "/etc", "/nix", "/proc", "/run", "/sys", "/usr");

  /** Folders shared by the whole system: a volume may name them, but they are never re-owned. */
  private static final Set<String> SHARED_FOLDERS = Set.of(
      "/home", "/media", "/mnt", "/opt", "/root", "/srv", "/tmp", "/var", "/var/cache", "/var/cache/private", "/var/lib",
      "/var/lib/private", "/var/log", "/var/log/private", "/var/tmp");

  /**
   * The host folders of the service's container volumes, made before its containers start
   * (podman refuses a missing one): owned by the kind's user and group (root for a custom
   * container), {@code 0750} for its own data (at or below its data directory, or any folder of
   * a custom container; the data directory itself when a volume lies below it), {@code 0775} for
   * a folder it shares (downloads, a library). Left out: system trees and shared folders such
   * as {@code /var/lib}, and a dataset's mountpoint or a folder above one (the dataset's own
   * owner and mode apply; the mount makes it).
   */
  public List<Folder> volumeFolders(EffectiveService s) {
    Map<String, Object> facts = facts(s);
    ServiceDescriptor d = s.descriptor();
    String user = d.user() != null ? d.user() : "root";
    String group = d.user() == null ? "root" : d.group() != null ? d.group() : d.user();
    String dataDir = (String) facts.get("dataDir");
    Map<String, Folder> out = new LinkedHashMap<>();
    List<String> paths = new ArrayList<>(volumes(s, facts));
    if (dataDir != null && paths.stream().anyMatch(p -> !p.equals(dataDir) && Paths.isAtOrBelow(p, dataDir))) {
      // Folders below the data directory: it is made too, the service's own.
      paths.add(0, dataDir);
    }
    for (String path : paths) {
      if (SYSTEM_TREES.stream().anyMatch(t -> Paths.isAtOrBelow(path, t)) || SHARED_FOLDERS.contains(path)
          || ctx.datasets.holdsMountpoint(path)) {
        continue;
      }
      boolean own = s.spec().container() != null || dataDir != null && Paths.isAtOrBelow(path, dataDir);
      out.putIfAbsent(path, new Folder(path, user, group, own ? "0750" : "0775", "container " + s.name()));
    }
    return List.copyOf(out.values());
  }

  /**
   * The host side of the service's container volumes ({@code /host:/container[:ro]}), from the
   * spec's {@code container:} and from the descriptor's {@code virtualisation.oci-containers} and
   * Quadlet containers, facts filled in; named volumes (no leading {@code /}) are left out.
   */
  private List<String> volumes(EffectiveService s, Map<String, Object> facts) {
    // The same for every planner of the host that asks (the service's, the datasets', impermanence): made once.
    List<String> known = ctx.volumes.get(s);
    if (known == null) {
      known = List.copyOf(hostVolumes(s, facts));
      ctx.volumes.put(s, known);
    }
    return known;
  }

  private List<String> hostVolumes(EffectiveService s, Map<String, Object> facts) {
    List<String> specs = new ArrayList<>();
    if (s.spec().container() != null) {
      specs.addAll(s.spec().container().volumes());
    }
    for (OptionBlock block : s.descriptor().options()) {
      if (holds(block.when(), facts)) {
        collectVolumes(List.of(), block.set(), facts, s, specs);
      }
    }
    List<String> out = new ArrayList<>();
    for (String v : specs) {
      int colon = v.indexOf(':');
      if (v.startsWith("/") && colon > 1) {
        String host = v.substring(0, colon);
        out.add(host.endsWith("/") ? host.substring(0, host.length() - 1) : host);
      }
    }
    return out;
  }

  /** The forms a one-key mapping of a descriptor value may take (not a nested set). */
  private static final Set<String> FORMS = Set.of(
      "fact", "setting", "secret", "format", "ref", "mkDefault", "mkForce", "concat", "envFile");

  /** Walks a block's {@code set} and adds the evaluated items of every container's {@code volumes}. */
  @SuppressWarnings("unchecked")
  private void collectVolumes(List<String> prefix, Map<String, Object> map, Map<String, Object> facts, EffectiveService s,
      List<String> out) {
    for (Map.Entry<String, Object> e : map.entrySet()) {
      List<String> path = new ArrayList<>(prefix);
      for (String seg : keyPath(e.getKey())) {
        path.add(seg.startsWith("{") && seg.endsWith("}") ? String.valueOf(fact(facts, seg.substring(1, seg.length() - 1), s)) : seg);
      }
      if (!towardsVolumes(path)) {
        // Nothing below it is a container's volumes (most of a descriptor: services.<kind>, systemd...).
        continue;
      }
      Object v = e.getValue();
      if (isVolumes(path)) {
        if (value(v, facts, s, new ArrayList<>()) instanceof NixValue.ListOf list) {
          list.items().stream().filter(NixValue.Str.class::isInstance).forEach(i -> out.add(((NixValue.Str) i).value()));
        }
      } else if (v instanceof Map<?, ?> m && !(m.size() == 1 && FORMS.contains(m.keySet().iterator().next()))) {
        collectVolumes(path, (Map<String, Object>) m, facts, s, out);
      }
    }
  }

  /** {@code virtualisation.oci-containers.containers.<c>.volumes} or {@code virtualisation.quadlet.containers.<c>.containerConfig.volumes}. */
  static boolean isVolumes(List<String> path) {
    return path.size() == 5 && path.subList(0, 3).equals(OCI_CONTAINERS)
        && path.get(4).equals("volumes")
        || path.size() == 6 && path.subList(0, 3).equals(QUADLET_CONTAINERS)
        && path.get(4).equals("containerConfig") && path.get(5).equals("volumes");
  }

  private static final List<String> OCI_CONTAINERS = List.of("virtualisation", "oci-containers", "containers");
  private static final List<String> QUADLET_CONTAINERS = List.of("virtualisation", "quadlet", "containers");

  /** Whether the path is, or may lead to, one {@link #isVolumes} takes: a containers' prefix as far as it goes, at most 6 long. */
  static boolean towardsVolumes(List<String> path) {
    return path.size() <= 6 && (agrees(path, OCI_CONTAINERS) || agrees(path, QUADLET_CONTAINERS));
  }

  private static boolean agrees(List<String> path, List<String> prefix) {
    for (int i = 0; i < Math.min(path.size(), prefix.size()); i++) {
      if (!path.get(i).equals(prefix.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The facts a descriptor's values and conditions may name. */
  Map<String, Object> facts(EffectiveService s) {
    // The same for every planner of the host that asks: made once per service.
    Map<String, Object> known = ctx.facts.get(s);
    if (known != null) {
      return known;
    }
    Map<String, Object> f = baseFacts(s);
    oidcFacts(s, f);
    for (String name : f.keySet()) {
      if (!Facts.isFact(name)) {
        throw new IllegalStateException("fact `" + name + "` is missing from Facts.NAMES");
      }
    }
    // Every name the peers' facts add starts with `peer.`, one of Facts.PREFIXES.
    if (ctx.peerFacts == null) {
      ctx.peerFacts = new PeerFacts(ctx.services, this::asPeer);
    }
    Map<String, Object> facts = ctx.peerFacts.of(s, java.util.Collections.unmodifiableMap(f));
    ctx.facts.put(s, facts);
    return facts;
  }

  /**
   * A service's facts as its neighbours see them, by kind: {@code peer.<kind>} (true when the
   * host runs one), {@code peer.<kind>.port}, {@code .url}, {@code .extraPorts.<name>} and
   * {@code .settings.<name>}, so a descriptor can use a neighbour (Authelia its LLDAP).
   */
  private Map<String, Object> asPeer(EffectiveService p) {
    Map<String, Object> f = new LinkedHashMap<>();
    String at = "peer." + p.kind();
    f.put(at, true);
    f.put(at + ".port", p.port());
    f.put(at + ".url", "https://" + p.fqdn());
    p.descriptor().extraPorts().forEach((k, v) -> f.put(at + ".extraPorts." + k, v));
    p.settings().forEach((k, v) -> f.put(at + ".settings." + k, setting(p, k, v)));
    return f;
  }

  /**
   * The OIDC facts: {@code oidc} (true when the spec turns it on, the kind supports it and
   * the host has its provider), {@code oidcIssuer}, {@code oidcClientId},
   * {@code oidcClientSecret} (the secret reference, for {@code { secret: oidcClientSecret }}),
   * {@code oidcProvider} (the provider's title) and {@code oidcEndpoint.<name>} (the issuer
   * joined with each endpoint path the provider declares). All null when off.
   */
  private void oidcFacts(EffectiveService s, Map<String, Object> f) {
    EffectiveService provider = s.hasOidc() && s.descriptor().oidc() != null ? Effective.oidcProvider(s, ctx.services) : null;
    f.put("oidc", provider != null);
    f.put("oidcIssuer", null);
    f.put("oidcClientId", null);
    f.put("oidcClientSecret", null);
    f.put("oidcClientSecretName", null);
    f.put("oidcProvider", null);
    f.put("oidcProviderName", null);
    if (provider == null) {
      return;
    }
    String issuer = format(provider.descriptor().oidcIssuer(), baseFacts(provider), provider);
    f.put("oidcIssuer", issuer);
    f.put("oidcClientId", s.oidcClientId());
    f.put("oidcClientSecret", Map.of("secret", s.oidcClientSecret()));
    f.put("oidcClientSecretName", s.oidcClientSecret());
    f.put("oidcProvider", provider.descriptor().title());
    f.put("oidcProviderName", provider.name());
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    provider.descriptor().oidcEndpoints().forEach((k, v) -> f.put("oidcEndpoint." + k, base + v));
  }

  /** The redirect URIs a service registers at its OIDC provider: paths on its own address, or whole URIs. */
  static List<String> oidcCallbacks(EffectiveService s, Map<String, Object> facts) {
    return s.descriptor().oidc().callback().stream().map(c -> format(c, facts, s))
        .map(c -> c.startsWith("/") ? "https://" + s.fqdn() + c : c).toList();
  }

  private Map<String, Object> baseFacts(EffectiveService s) {
    ServiceDescriptor d = s.descriptor();
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("name", s.name());
    f.put("kind", d.kind());
    f.put("title", d.title());
    f.put("host", ctx.name);
    f.put("port", s.port());
    f.put("bind", s.bindAddress());
    f.put("subdomain", s.subdomain());
    f.put("fqdn", s.fqdn());
    f.put("url", "https://" + s.fqdn());
    f.put("domain", ctx.spec.homelab().domain());
    f.put("timezone", ctx.spec.homelab().timezone());
    f.put(Facts.RELEASE, Facts.release(ctx.spec.homelab().channel()));
    f.put("tier", s.tier());
    f.put("stateDir", d.stateDir());
    f.put("dataDir", ctx.datasets.dataDir(s));
    f.put("mediaDir", ctx.datasets.mediaDir());
    f.put("dataset", s.spec().dataset());
    f.put("user", d.user());
    f.put("group", d.group());
    f.put("gpu", ctx.host.hardware().gpu().wire());
    f.put("lanRanges", ctx.host.network().lan().ranges());
    f.put("lanRangesCsv", String.join(",", ctx.host.network().lan().ranges()));
    f.put("proxyAddresses", PROXY_ADDRESSES);
    f.put("proxyAddressesCsv", String.join(",", PROXY_ADDRESSES));
    f.put("ssoRules", ssoRules());
    f.put("sso", s.hasSso());
    f.put("awaitsClaim", s.awaitsClaim());
    f.put("syncMesh", ctx.spec.sync().meshes(ctx.name));
    // True on the host that runs the fleet's monitoring stack: its own monitoring file wires the stack together.
    f.put("monitoringHost", ctx.spec.monitoring() != null && ctx.name.equals(ctx.spec.monitoring().host()));
    d.extraPorts().forEach((k, v) -> f.put("extraPorts." + k, v));
    if (s.spec().container() != null) {
      // The unit the container runs as: Quadlet names it after the container.
      f.put("containerUnit", "quadlet".equals(s.spec().container().runtime()) ? s.name() : "podman-" + s.name());
    }
    s.settings().forEach((k, v) -> f.put("settings." + k, setting(s, k, v)));
    if (s.spec().vpn() != null) {
      var vpn = s.spec().vpn();
      f.put("vpn", true);
      f.put("vpn.provider", vpn.provider());
      f.put("vpn.countries", String.join(",", vpn.countries()));
      f.put("vpn.addresses", String.join(",", vpn.addresses()));
      f.put("vpn.privateKey", vpn.privateKey() == null ? null : Map.of("secret", vpn.privateKey().name()));
    }
    return f;
  }

  /**
   * A setting's value; a path the descriptor defaults to may name host facts in braces
   * ({@code {mediaDir}/downloads}), which are filled in here (the spec's own paths hold no braces).
   */
  private Object setting(EffectiveService s, String name, Object v) {
    SettingSpec spec = s.descriptor().settings().get(name);
    if (spec != null && "path".equals(spec.type()) && v instanceof String p && p.contains("{")) {
      return format(p, Map.of("mediaDir", ctx.datasets.mediaDir()), s);
    }
    return v;
  }

  static boolean holds(String when, Map<String, Object> facts) {
    return Facts.holds(when, facts);
  }

  /**
   * A descriptor key's attribute path ({@link dev.homelab.nix.NixData#path}), its facts still in
   * braces: the catalog's keys are few and every service of a kind evaluates the same ones.
   */
  private static List<String> keyPath(String key) {
    List<String> known = KEY_PATHS.get(key);
    if (known == null) {
      known = List.copyOf(dev.homelab.nix.NixData.path(key));
      KEY_PATHS.put(key, known);
    }
    return known;
  }

  private static final Map<String, List<String>> KEY_PATHS = new java.util.concurrent.ConcurrentHashMap<>();

  private List<Binding> attrs(Map<String, Object> map, Map<String, Object> facts, EffectiveService s, List<String> secrets) {
    List<Binding> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : map.entrySet()) {
      List<String> path = new ArrayList<>();
      for (String seg : keyPath(e.getKey())) {
        path.add(seg.startsWith("{") && seg.endsWith("}") ? String.valueOf(fact(facts, seg.substring(1, seg.length() - 1), s)) : seg);
      }
      NixValue v = value(e.getValue(), facts, s, secrets);
      if (v != null) {
        out.add(Binding.of(path, v));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private NixValue value(Object raw, Map<String, Object> facts, EffectiveService s, List<String> secrets) {
    if (raw instanceof Map<?, ?> m) {
      Map<String, Object> map = (Map<String, Object>) m;
      if (map.size() == 1) {
        String key = map.keySet().iterator().next();
        Object arg = map.get(key);
        switch (key) {
          case "fact":
            return literal(fact(facts, (String) arg, s));
          case "setting":
            return literal(fact(facts, "settings." + arg, s));
          case "secret":
            return secretPath((String) arg, facts, s, secrets);
          case "format":
            return NixValue.str(format((String) arg, facts, s));
          case "ref":
            return new NixValue.Ref((String) arg);
          case "mkDefault":
            return NixValue.mkDefault(value(arg, facts, s, secrets));
          case "mkForce":
            return new NixValue.Apply(new NixValue.Ref("lib.mkForce"), value(arg, facts, s, secrets));
          case "concat":
            return concat(arg, facts, s, secrets, false);
          case "envFile":
            return envFile(arg, facts, s, secrets);
          case "lines":
            return lines(arg, facts, s, secrets);
          default:
            break;
        }
      }
      return new NixValue.Attrs(attrs(map, facts, s, secrets));
    }
    if (raw instanceof List<?> list) {
      List<NixValue> items = new ArrayList<>();
      for (Object o : list) {
        NixValue v = value(o, facts, s, secrets);
        if (v instanceof NixValue.ListOf inner) {
          items.addAll(inner.items());
        } else if (v != null) {
          items.add(v);
        }
      }
      return new NixValue.ListOf(items);
    }
    return literal(raw);
  }

  private NixValue.SecretPath secretPath(String setting, Map<String, Object> facts, EffectiveService s, List<String> secrets) {
    String name = secretName(setting, facts, s);
    SettingSpec spec = s.descriptor().settings().get(setting);
    String owner = spec == null ? null : spec.owner();
    String group = spec == null ? null : spec.group();
    String hint = spec == null ? null : spec.description();
    if (OIDC_SECRET.equals(setting)) {
      owner = s.descriptor().oidc() == null ? null : s.descriptor().oidc().secretOwner();
      hint = "the OIDC client secret the provider (" + facts.get("oidcProvider") + ") issued for client `"
          + facts.get("oidcClientId") + "`";
    }
    ctx.useSecret(name, owner, group, s.descriptor().title() + " " + s.name(), hint);
    if (!secrets.contains(name)) {
      secrets.add(name);
    }
    return new NixValue.SecretPath(name);
  }

  private static final String OIDC_SECRET = "oidcClientSecret";

  /** Where the proxy reaches a service from: the peers a service believes a visitor's address from. */
  static final List<String> PROXY_ADDRESSES = List.of("127.0.0.1", "::1");

  /** The secret a setting (or {@code vpn.privateKey}, or {@code oidcClientSecret}) names. */
  private static String secretName(String setting, Map<String, Object> facts, EffectiveService s) {
    boolean own = setting.startsWith("vpn.") || OIDC_SECRET.equals(setting);
    Object ref = facts.get(own ? setting : "settings." + setting);
    if (!(ref instanceof Map<?, ?> m) || !(m.get("secret") instanceof String name)) {
      throw new IllegalStateException("catalog " + s.kind() + ": setting " + setting + " holds no secret reference");
    }
    return name;
  }

  /**
   * {@code { concat: [PIECE...] }}: one string of literal text, facts and formats, and
   * {@code { secret: S }} pieces written as the secret file's path
   * ({@code "$__file{${config.sops.secrets."x".path}}"}); with {@code placeholders}, as the
   * secret's sops-nix placeholder instead (inside a template's content).
   */
  @SuppressWarnings("unchecked")
  private NixValue concat(Object raw, Map<String, Object> facts, EffectiveService s, List<String> secrets, boolean placeholders) {
    List<Object> pieces = raw instanceof List<?> l ? (List<Object>) l : List.of(raw);
    List<NixValue> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (Object piece : pieces) {
      if (piece instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("secret")) {
        if (!text.isEmpty()) {
          parts.add(NixValue.str(text.toString()));
          text.setLength(0);
        }
        NixValue.SecretPath path = secretPath((String) m.get("secret"), facts, s, secrets);
        parts.add(placeholders ? new NixValue.Placeholder(path.name()) : path);
        continue;
      }
      NixValue v = value(piece, facts, s, secrets);
      if (v instanceof NixValue.Str str) {
        text.append(str.value());
      } else if (v instanceof NixValue.Int i) {
        text.append(i.value());
      } else if (v instanceof NixValue.Bool b) {
        text.append(b.value());
      } else if (v != null) {
        throw new IllegalStateException("catalog " + s.kind() + ": concat piece " + piece + " is not text");
      }
    }
    if (!text.isEmpty()) {
      parts.add(NixValue.str(text.toString()));
    }
    return parts.stream().allMatch(p -> p instanceof NixValue.Str)
        ? NixValue.str(parts.stream().map(p -> ((NixValue.Str) p).value()).reduce("", String::concat))
        : new NixValue.Interpolated(parts);
  }

  /**
   * {@code { lines: [LINE...] }}: an indented string (a script), one line per item; a line
   * is text (never formatted, so shell and jq braces stay as written), a fact, a
   * {@code { format: ... }}, or a {@code { concat: [...] }} whose {@code { secret: S }} pieces
   * are the secret file's path.
   */
  @SuppressWarnings("unchecked")
  private NixValue lines(Object raw, Map<String, Object> facts, EffectiveService s, List<String> secrets) {
    List<Object> pieces = new ArrayList<>();
    for (Object line : (List<Object>) raw) {
      addLine(pieces, line);
    }
    return indented(concat(pieces, facts, s, secrets, false));
  }

  /** One line's pieces: a {@code { concat: [...] }} spread out, anything else as it is; then a newline. */
  private static void addLine(List<Object> pieces, Object line) {
    if (line instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("concat")) {
      Object inner = m.get("concat");
      pieces.addAll(inner instanceof List<?> l ? l : List.of(inner));
    } else {
      pieces.add(line);
    }
    pieces.add("\n");
  }

  /** Text of several lines as an indented string: interpolated where it holds secrets' paths or placeholders. */
  private static NixValue indented(NixValue content) {
    return content instanceof NixValue.Interpolated in ? in.asIndented()
        : new NixValue.Text(List.of(((NixValue.Str) content).value().split("\n")));
  }

  /**
   * {@code { envFile: { VAR: VALUE... } }}: the path of a sops-nix template rendered on the
   * host with one {@code VAR=value} line each; a value is text, a fact, a format, a
   * {@code { secret: S }} (the secret's value, through its placeholder) or a
   * {@code { concat: [...] }} of those. The template is named after the service and added
   * to its file; a secret's value never enters the Nix store.
   */
  private static final java.util.regex.Pattern ENV_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  @SuppressWarnings("unchecked")
  private NixValue envFile(Object raw, Map<String, Object> facts, EffectiveService s, List<String> secrets) {
    List<Object> pieces = new ArrayList<>();
    for (Map.Entry<String, Object> e : ((Map<String, Object>) raw).entrySet()) {
      if (!ENV_NAME.matcher(e.getKey()).matches()) {
        throw new IllegalStateException("catalog " + s.kind() + ": `" + e.getKey() + "` is not an environment variable name");
      }
      pieces.add(e.getKey() + "=");
      addLine(pieces, e.getValue());
    }
    NixValue content = indented(concat(pieces, facts, s, secrets, true));
    String name = s.name() + ".env";
    templates.add(Binding.of(List.of("sops", "templates", name, "content"), content));
    String owner = s.descriptor().oidc() == null ? null : s.descriptor().oidc().secretOwner();
    if (owner != null) {
      templates.add(Binding.of(List.of("sops", "templates", name, "owner"), NixValue.str(owner)));
    }
    return new NixValue.TemplatePath(name);
  }

  private static Object fact(Map<String, Object> facts, String name, EffectiveService s) {
    if (!facts.containsKey(name)) {
      throw new IllegalStateException("catalog " + s.kind() + ": unknown fact " + name);
    }
    return facts.get(name);
  }

  static NixValue literal(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Boolean b) {
      return NixValue.bool(b);
    }
    if (v instanceof Number n) {
      return NixValue.integer(n.longValue());
    }
    if (v instanceof List<?> || v instanceof Map<?, ?>) {
      return dev.homelab.nix.NixData.value(v);
    }
    return NixValue.str(String.valueOf(v));
  }

  private static String format(String pattern, Map<String, Object> facts, EffectiveService s) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      int open = pattern.indexOf('{', i);
      if (open < 0) {
        b.append(pattern, i, pattern.length());
        break;
      }
      int close = pattern.indexOf('}', open);
      b.append(pattern, i, open);
      b.append(fact(facts, pattern.substring(open + 1, close), s));
      i = close + 1;
    }
    return b.toString();
  }

}
