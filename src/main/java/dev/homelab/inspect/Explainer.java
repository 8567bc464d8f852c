package dev.homelab.inspect;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.Effective;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.inspect.Explanation.Fact;
import dev.homelab.inspect.Explanation.Section;
import dev.homelab.model.BackupJob;
import dev.homelab.model.Exposure;
import dev.homelab.model.Host;
import dev.homelab.model.Spec;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.Plan;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.SecretUse;
import dev.homelab.plan.backup.BackupPlanner;
import dev.homelab.plan.lab.SecretsPlanner;
import dev.homelab.plan.network.NetworkPlanner;
import dev.homelab.plan.storage.DatasetLayout;
import dev.homelab.plan.storage.PlannedDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link Explanation} of a host or a service from a checked spec, its plan and its
 * source map. Values come from where planning decides them (the resolved service, the dataset
 * layout, the firewall's ports, the backup jobs, the plan's files and exposure lines); this
 * class only says where each came from.
 */
public final class Explainer {

  private final Spec spec;
  private final SourceMap places;
  private final Plan plan;
  private final ServiceCatalog catalog;
  private final List<String> specNames;

  public Explainer(Spec spec, SourceMap places, Plan plan, ServiceCatalog catalog, List<String> specNames) {
    this.spec = spec;
    this.places = places;
    this.plan = plan;
    this.catalog = catalog;
    this.specNames = specNames;
  }

  /** The spec place written at exactly {@code path}, or null when the spec did not write it. */
  private String at(String path) {
    return places.has(path) ? places.value(path).toString() : null;
  }

  private String atOr(String path, String otherwise) {
    String a = at(path);
    return a != null ? a : otherwise;
  }

  private static String catalogDefault(String kind) {
    return "catalog default (templates/services/" + kind + "/service.yaml)";
  }

  private HostContext context(String hostName) {
    Host host = spec.hosts().get(hostName);
    List<EffectiveService> all = Effective.services(spec, hostName, host, catalog);
    List<EffectiveService> deployed = all.stream().filter(EffectiveService::deployed).toList();
    HostContext ctx = new HostContext(spec, hostName, host, deployed, DatasetLayout.of(spec, host, all), new Headers(specNames));
    spec.hosts().forEach((n, h) -> ctx.layouts.put(n, DatasetLayout.of(spec, h, Effective.services(spec, n, h, catalog))));
    return ctx;
  }

  /** One service of a host (the spec must have both). */
  public Explanation service(String hostName, String serviceName) {
    HostContext ctx = context(hostName);
    EffectiveService s = Effective.services(spec, hostName, ctx.host, catalog).stream()
        .filter(e -> e.name().equals(serviceName)).findFirst().orElseThrow();
    String p = s.path();
    String kind = s.kind();
    List<Section> sections = new ArrayList<>();

    List<Fact> service = new ArrayList<>();
    service.add(new Fact("kind", kind, atOr(p + ".kind", "derived from the service's name")));
    if (s.tier() != null) {
      service.add(new Fact("tier", s.tier(), at(p + ".tier")));
    }
    service.add(new Fact("deployed", s.deployed() ? "yes" : "no", s.deployed() ? "derived from enable and its tier"
        : !s.spec().enable() ? at(p + ".enable") : atOr("tiers." + s.tier() + ".enabled", "derived from its tier")));
    sections.add(new Section("service", service));

    List<Fact> net = new ArrayList<>();
    for (PortRow r : Ports.of(s)) {
      net.add(new Fact("port", r.port() + "/" + r.protocol() + " on " + r.bind(), r.port() == s.port() && r.protocol().equals("tcp")
          ? atOr(p + ".port", catalogDefault(kind)) + "; bind address derived from the kind ("
              + (s.descriptor().isHttp() ? "web, behind the proxy" : "no HTTP front") + ") and its exposure"
          : catalogDefault(kind) + " (openPorts)"));
    }
    net.add(new Fact("exposure", words(s.wanted()), atOr(p + ".expose", catalogDefault(kind))));
    if (!s.heldBack().isEmpty()) {
      net.add(new Fact("held back", words(s.heldBack()), "derived: its first visitor takes the admin account until `claimed: true`"));
    }
    String url = Ports.url(s);
    if (url != null) {
      net.add(new Fact("url", url, "subdomain " + s.subdomain() + " from "
          + atOr(p + ".subdomain", s.descriptor().subdomain() != null ? catalogDefault(kind) : "the service's name")
          + ", domain from " + atOr("homelab.domain", "the spec")));
      net.add(new Fact("proxy", url + " -> " + s.upstream(), "derived from its exposure (a web service is reached through the proxy)"));
    }
    for (Exposure e : List.of(Exposure.LAN, Exposure.TAILSCALE)) {
      if (!s.expose().contains(e)) {
        continue;
      }
      for (String iface : NetworkPlanner.interfaces(ctx.host, e)) {
        List<String> open = new ArrayList<>();
        NetworkPlanner.tcpPorts(s).forEach(n -> open.add(n + "/tcp"));
        NetworkPlanner.udpPorts(s).forEach(n -> open.add(n + "/udp"));
        net.add(new Fact("firewall", String.join(", ", open) + " open on " + iface, "derived from exposure " + e.wire()));
      }
    }
    for (String way : ways(hostName)) {
      int colon = way.indexOf(": ");
      if (colon > 0 && !way.startsWith("held back") && List.of(way.substring(colon + 2).split(", ")).contains(serviceName)) {
        net.add(new Fact("reached from", way.substring(0, colon), "derived from its exposure and the host's network"));
      }
    }
    sections.add(new Section("network", net));

    List<Fact> storage = new ArrayList<>();
    String dataset = s.spec().dataset();
    if (dataset != null) {
      storage.add(new Fact("data dataset", dataset, at(p + ".dataset")));
      for (PlannedDataset d : ctx.datasets.all()) {
        if (d.name().equals(dataset) || d.name().startsWith(dataset + "/")) {
          storage.add(dataset(hostName, d));
        }
      }
    }
    sections.add(new Section("storage", storage));

    List<Fact> backups = new ArrayList<>();
    for (Map.Entry<String, BackupJob> e : spec.backups().jobs().entrySet()) {
      BackupJob job = e.getValue();
      if (BackupPlanner.runsOn(ctx, e.getKey(), job) && BackupPlanner.servicesOf(ctx, e.getKey(), job).contains(s)) {
        String jobPath = "backups.jobs." + e.getKey();
        backups.add(new Fact("backup job", e.getKey() + " to " + String.join(", ", job.to()), job.services().contains(serviceName)
            ? at(jobPath + ".services") : atOr("tiers." + s.tier() + ".backup", "derived from its tier")));
      }
    }
    sections.add(new Section("backups", backups));

    List<Fact> secrets = new ArrayList<>();
    for (SecretUse use : secrets(hostName)) {
      if (use.name().startsWith(serviceName + "/") || use.usedBy().contains(s.descriptor().title())) {
        secrets.add(new Fact("secret", use.name() + " (read by " + use.owner() + ")", atOr("secrets." + use.name(),
            "derived: used by " + use.usedBy())));
      }
    }
    sections.add(new Section("secrets", secrets));

    List<Fact> units = new ArrayList<>();
    if (s.deployed()) {
      for (String unit : s.descriptor().units()) {
        units.add(new Fact("unit", unit, catalogDefault(kind)));
      }
    }
    sections.add(new Section("systemd", units));

    List<Fact> files = new ArrayList<>();
    String base = "hosts/" + hostName + "/";
    for (PlannedFile f : plan.files()) {
      String why = null;
      if (f.path().equals(base + "services/" + serviceName + ".nix")) {
        why = "the service's module";
      } else if (f.path().equals(base + "network.nix") && !s.expose().isEmpty()) {
        why = "its firewall ports";
      } else if (url != null && List.of("caddy.nix", "nginx.nix", "traefik.nix").contains(f.path().substring(
          Math.min(f.path().length(), f.path().startsWith(base) ? base.length() : 0)))) {
        why = "its proxy site";
      } else if (!storage.isEmpty() && (f.path().equals(base + "datasets.nix") || f.path().equals(base + "snapshots.nix"))) {
        why = "its datasets";
      } else if (!backups.isEmpty() && f.path().equals(base + "backups.nix")) {
        why = "its backups";
      } else if (!secrets.isEmpty() && f.path().equals("secrets/" + hostName + ".required.yaml")) {
        why = "the secrets it reads";
      }
      if (why != null) {
        files.add(new Fact("file", f.path(), why));
      }
    }
    sections.add(new Section("files", files));
    return new Explanation(hostName, serviceName, sections);
  }

  /** One host (the spec must have it). */
  public Explanation host(String hostName) {
    HostContext ctx = context(hostName);
    Host host = ctx.host;
    String p = "hosts." + hostName;
    List<Section> sections = new ArrayList<>();
    List<Fact> facts = new ArrayList<>();
    facts.add(new Fact("role", host.role().wire(), atOr(p + ".role", "default (server)")));
    facts.add(new Fact("system", host.system(), atOr(p + ".system", "default (x86_64-linux)")));
    facts.add(new Fact("stateVersion", host.stateVersion(), at(p + ".stateVersion")));
    if (host.hostId() != null) {
      facts.add(new Fact("hostId", host.hostId(), at(p + ".hostId")));
    }
    if (!host.network().lan().interfaces().isEmpty()) {
      facts.add(new Fact("lan", String.join(", ", host.network().lan().interfaces()) + " ("
          + String.join(", ", host.network().lan().ranges()) + ")", at(p + ".network.lan")));
    }
    facts.add(new Fact("tailscale", host.network().tailscale().enable() ? "yes" : "no", atOr(p + ".network.tailscale", "default")));
    sections.add(new Section("host", facts));

    List<Fact> services = new ArrayList<>();
    for (EffectiveService s : Effective.services(spec, hostName, host, catalog)) {
      StringBuilder line = new StringBuilder("kind " + s.kind());
      if (s.port() > 0) {
        line.append(", ").append(s.port()).append("/tcp on ").append(s.bindAddress());
      }
      line.append(", exposure ").append(s.expose().isEmpty() ? "none" : words(s.expose()));
      String url = Ports.url(s);
      if (url != null) {
        line.append(", ").append(url);
      }
      if (!s.deployed()) {
        line.append(", not deployed");
      }
      services.add(new Fact(s.name(), line.toString(), at(s.path())));
    }
    sections.add(new Section("services", services));

    List<Fact> reached = new ArrayList<>();
    for (String way : ways(hostName)) {
      int colon = way.indexOf(": ");
      reached.add(new Fact(way.substring(0, colon), way.substring(colon + 2), "derived from the services' exposure"));
    }
    sections.add(new Section("reached from", reached));

    List<Fact> storage = new ArrayList<>();
    host.storage().forEach((pool, spec) -> storage.add(new Fact("pool", pool + " (" + spec.size() + ", "
        + (Boolean.TRUE.equals(spec.existing()) ? "existing: imported, never formatted" : "created by the install") + ")",
        at(p + ".storage." + pool))));
    for (PlannedDataset d : ctx.datasets.all()) {
      storage.add(dataset(hostName, d));
    }
    sections.add(new Section("storage", storage));

    List<Fact> files = new ArrayList<>();
    for (PlannedFile f : plan.files()) {
      if (f.path().startsWith("hosts/" + hostName + "/") || f.path().startsWith("secrets/" + hostName + ".")) {
        files.add(new Fact("file", f.path(), f.ownership().toString().toLowerCase(java.util.Locale.ROOT)));
      }
    }
    sections.add(new Section("files", files));
    return new Explanation(hostName, null, sections);
  }

  private Fact dataset(String hostName, PlannedDataset d) {
    List<String> parts = new ArrayList<>(d.properties());
    if (d.property("mountpoint") == null) {
      parts.add("mountpoint=" + (d.mountpoint() == null ? "none" : d.mountpoint()));
    }
    if (!"-".equals(d.owner())) {
      parts.add("owner " + d.owner());
    }
    if (!"-".equals(d.mode())) {
      parts.add("mode " + d.mode());
    }
    if (d.policy() != null) {
      parts.add("snapshots " + d.policy());
    }
    int slash = d.name().indexOf('/');
    String from = slash < 0 ? at("hosts." + hostName + ".storage." + d.name())
        : at("hosts." + hostName + ".storage." + d.name().substring(0, slash) + ".datasets." + d.name().substring(slash + 1));
    return new Fact("dataset", d.name() + ": " + String.join(", ", parts), from != null ? from : "derived by the dataset layout");
  }

  /** The plan's lines of who reaches what on a host ({@code way: service, service}). */
  private List<String> ways(String hostName) {
    return plan.exposure().getOrDefault(hostName, List.of());
  }

  /** The secrets the plan says a host reads. */
  private List<SecretUse> secrets(String hostName) {
    Optional<PlannedFile> required = plan.files().stream()
        .filter(f -> f.path().equals("secrets/" + hostName + ".required.yaml")).findFirst();
    if (required.isEmpty()) {
      return List.of();
    }
    List<SecretUse> out = new ArrayList<>();
    for (Object o : (List<?>) required.get().model().get("entries")) {
      SecretsPlanner.Entry e = (SecretsPlanner.Entry) o;
      if (e.secret() != null) {
        out.add(e.secret());
      }
    }
    return out;
  }

  private static String words(java.util.Set<Exposure> expose) {
    return expose.isEmpty() ? "none" : String.join(", ", Ports.wires(expose));
  }
}
