package dev.homelab.plan;

import dev.homelab.catalog.Effective;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.catalog.OptionBlock;
import dev.homelab.catalog.ServiceDescriptor;
import dev.homelab.catalog.SettingSpec;
import dev.homelab.nix.Binding;
import dev.homelab.nix.BindingMerger;
import dev.homelab.nix.NixValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans {@code hosts/<host>/services/<name>.nix}: evaluates the catalog descriptor's option
 * blocks against the service's facts, then adds what every service gets the same way (its
 * user's groups, the dataset unit ordering, the secrets it reads).
 */
final class ServicePlanner {

  private final HostContext ctx;
  /** The sops-nix templates the service's file renders ({@code envFile} values), per plan. */
  private final List<Binding> templates = new ArrayList<>();

  ServicePlanner(HostContext ctx) {
    this.ctx = ctx;
  }

  PlannedFile plan(EffectiveService s) {
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
    List<String> units = d.units().stream().map(u -> format(u, facts, s)).toList();
    if (s.spec().dataset() != null && !units.isEmpty()) {
      boolean relocated = d.stateDir() == null || !d.stateDir().equals(dataDir);
      boolean first = true;
      for (String unit : units) {
        Bindings u = new Bindings();
        u.set("requires", NixValue.strings(List.of("homelab-datasets.service")));
        u.set("after", NixValue.strings(List.of("homelab-datasets.service")));
        if (relocated && first) {
          u.set("serviceConfig.ReadWritePaths", NixValue.strings(List.of(dataDir)));
        }
        if (first) {
          extra.comment("Start only once " + s.spec().dataset() + " is mounted, never on the root disk's empty directory.");
        }
        extra.set(List.of("systemd", "services", unit), u.attrs());
        first = false;
      }
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
    bindings = BindingMerger.merge(bindings);
    if (!s.spec().nixos().isEmpty()) {
      bindings = BindingMerger.override(bindings, OwnOptions.bindings(s.spec().nixos(), s.path() + ".nixos"));
    }
    List<String> comment = new ArrayList<>(Headers.wrap(describe(s, dataDir)));
    if (Boolean.TRUE.equals(facts.get("oidc"))) {
      comment.addAll(oidcComment(s, facts));
    }
    ctx.imports.add("./services/" + s.name() + ".nix");
    String template = "services/" + d.kind() + "/" + d.kind() + ".nix.ftl";
    return new PlannedFile("hosts/" + ctx.name + "/services/" + s.name() + ".nix", Ownership.GENERATED, template,
        Map.of("module", new NixModule(ctx.nixHeader(), comment, bindings), "service", facts, "host", ctx.name));
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
  List<String> units(EffectiveService s) {
    Map<String, Object> facts = facts(s);
    return s.descriptor().units().stream().map(u -> format(u, facts, s)).toList();
  }

  /** The facts a descriptor's values and conditions may name. */
  Map<String, Object> facts(EffectiveService s) {
    Map<String, Object> f = baseFacts(s);
    oidcFacts(s, f);
    peerFacts(s, f);
    return f;
  }

  /**
   * Facts about the other services of the host, by kind: {@code peer.<kind>} (true when the
   * host runs one), {@code peer.<kind>.port}, {@code .url}, {@code .extraPorts.<name>} and
   * {@code .settings.<name>}, so a descriptor can use a neighbour (Authelia its LLDAP).
   */
  private void peerFacts(EffectiveService s, Map<String, Object> f) {
    for (EffectiveService p : ctx.services) {
      if (p == s || f.containsKey("peer." + p.kind())) {
        continue;
      }
      String at = "peer." + p.kind();
      f.put(at, true);
      f.put(at + ".port", p.port());
      f.put(at + ".url", "https://" + p.fqdn());
      p.descriptor().extraPorts().forEach((k, v) -> f.put(at + ".extraPorts." + k, v));
      p.settings().forEach((k, v) -> f.put(at + ".settings." + k, v));
    }
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
    f.put("tier", s.tier());
    f.put("stateDir", d.stateDir());
    f.put("dataDir", ctx.datasets.dataDir(s));
    f.put("dataset", s.spec().dataset());
    f.put("user", d.user());
    f.put("group", d.group());
    f.put("gpu", ctx.host.hardware().gpu().wire());
    f.put("lanRanges", ctx.host.network().lan().ranges());
    f.put("lanRangesCsv", String.join(",", ctx.host.network().lan().ranges()));
    f.put("ssoRules", ssoRules());
    d.extraPorts().forEach((k, v) -> f.put("extraPorts." + k, v));
    if (s.spec().container() != null) {
      // The unit the container runs as: Quadlet names it after the container.
      f.put("containerUnit", "quadlet".equals(s.spec().container().runtime()) ? s.name() : "podman-" + s.name());
    }
    s.settings().forEach((k, v) -> f.put("settings." + k, v));
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

  static boolean holds(String when, Map<String, Object> facts) {
    if (when == null || when.isBlank()) {
      return true;
    }
    if (when.startsWith("!")) {
      return !holds(when.substring(1), facts);
    }
    int eq = when.indexOf('=');
    if (eq > 0) {
      Object v = facts.get(when.substring(0, eq));
      return v != null && String.valueOf(v).equals(when.substring(eq + 1));
    }
    Object v = facts.get(when);
    return v != null && !Boolean.FALSE.equals(v) && !"".equals(v) && !(v instanceof List<?> l && l.isEmpty());
  }

  private List<Binding> attrs(Map<String, Object> map, Map<String, Object> facts, EffectiveService s, List<String> secrets) {
    List<Binding> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : map.entrySet()) {
      List<String> path = new ArrayList<>();
      for (String seg : dev.homelab.nix.NixData.path(e.getKey())) {
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
          case "concat":
            return concat(arg, facts, s, secrets, false);
          case "envFile":
            return envFile(arg, facts, s, secrets);
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
   * {@code { envFile: { VAR: VALUE... } }}: the path of a sops-nix template rendered on the
   * host with one {@code VAR=value} line each; a value is text, a fact, a format, a
   * {@code { secret: S }} (the secret's value, through its placeholder) or a
   * {@code { concat: [...] }} of those. The template is named after the service and added
   * to its file; a secret's value never enters the Nix store.
   */
  @SuppressWarnings("unchecked")
  private NixValue envFile(Object raw, Map<String, Object> facts, EffectiveService s, List<String> secrets) {
    List<Object> pieces = new ArrayList<>();
    for (Map.Entry<String, Object> e : ((Map<String, Object>) raw).entrySet()) {
      if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalStateException("catalog " + s.kind() + ": `" + e.getKey() + "` is not an environment variable name");
      }
      pieces.add(e.getKey() + "=");
      Object v = e.getValue();
      if (v instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("concat")) {
        Object inner = m.get("concat");
        pieces.addAll(inner instanceof List<?> l ? l : List.of(inner));
      } else {
        pieces.add(v);
      }
      pieces.add("\n");
    }
    NixValue content = concat(pieces, facts, s, secrets, true);
    content = content instanceof NixValue.Interpolated in ? in.asIndented()
        : new NixValue.Text(List.of(((NixValue.Str) content).value().split("\n")));
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
