package dev.homelab.plan;

import dev.homelab.catalog.Effective;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.model.Host;
import dev.homelab.model.Spec;
import dev.homelab.plan.backup.BackupPlanner;
import dev.homelab.plan.backup.PreseedPlanner;
import dev.homelab.plan.backup.SftpTargetPlanner;
import dev.homelab.plan.deploy.ChecksPlanner;
import dev.homelab.plan.deploy.DeployPlanner;
import dev.homelab.plan.deploy.Deployment;
import dev.homelab.plan.deploy.InstallDocs;
import dev.homelab.plan.darwin.DarwinPlanner;
import dev.homelab.plan.host.HostFilePlanner;
import dev.homelab.plan.lab.BasePlanner;
import dev.homelab.plan.lab.DocsPlanner;
import dev.homelab.plan.lab.FlakePlanner;
import dev.homelab.plan.lab.SecretsPlanner;
import dev.homelab.plan.network.NetworkPlanner;
import dev.homelab.plan.network.ProxyPlanner;
import dev.homelab.plan.network.ProxySites;
import dev.homelab.plan.network.TunnelPlanner;
import dev.homelab.plan.monitoring.MonitoringPlanner;
import dev.homelab.plan.network.VpnPlanner;
import dev.homelab.plan.people.PeoplePlanner;
import dev.homelab.plan.service.DatabasePlanner;
import dev.homelab.plan.service.ServicePlanner;
import dev.homelab.plan.storage.DatasetLayout;
import dev.homelab.plan.storage.DatasetPlanner;
import dev.homelab.plan.storage.DiskoPlanner;
import dev.homelab.plan.storage.ImpermanencePlanner;
import dev.homelab.plan.storage.ReplicationPlanner;
import dev.homelab.plan.sync.SyncPlanner;
import dev.homelab.work.Cores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a valid spec into the {@link Plan}: applies the catalog's defaults and derives
 * everything implicit (proxy sites, firewall ports, tunnel ingress, datasets, snapshots,
 * backups, secrets, groups). Runs only on specs that passed validation.
 */
public final class Planner {

  /**
   * From this many hosts, hosts are planned on every core: a lab's few are planned before
   * other threads would have started.
   */
  static final int PARALLEL_FROM = 8;

  private final ServiceCatalog catalog;
  private final int parallelFrom;

  public Planner(ServiceCatalog catalog) {
    this(catalog, PARALLEL_FROM);
  }

  /** A planner that plans hosts on every core from {@code parallelFrom} hosts (tests compare both ways). */
  Planner(ServiceCatalog catalog, int parallelFrom) {
    this.catalog = catalog;
    this.parallelFrom = parallelFrom;
  }

  /**
   * Plans every file.
   *
   * @param specNames the spec files' base names in -f order, for headers
   */
  public Plan plan(Spec spec, List<String> specNames) {
    Headers headers = new Headers(specNames);
    List<String> names = List.copyOf(spec.hosts().keySet());
    // Every host's services (deployed or not) and datasets, made once: its planners, the
    // monitoring host's view of the fleet and the hosts that replicate to it read them.
    List<HostBasis> bases = Cores.map(names, parallelFrom, name -> {
      Host host = spec.hosts().get(name);
      List<EffectiveService> all = Effective.services(spec, name, host, catalog);
      return new HostBasis(all, DatasetLayout.of(spec, host, all));
    });
    Map<String, DatasetLayout> layouts = new java.util.LinkedHashMap<>();
    Map<String, List<EffectiveService>> deployed = new java.util.HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      layouts.put(names.get(i), bases.get(i).layout());
      deployed.put(names.get(i), bases.get(i).services().stream().filter(EffectiveService::deployed).toList());
    }
    Map<String, DatasetLayout> fleetLayouts = java.util.Collections.unmodifiableMap(layouts);
    // Every host as the monitoring host's file sees it (empty without `monitoring:`).
    Map<String, HostContext> fleet = MonitoringPlanner.fleet(spec, deployed, layouts, headers);
    // Each host planned whole by one thread (on every core for a fleet): a host's planners
    // share only its context, and read the others' layouts, which are complete by now.
    List<HostPlan> hosts = Cores.map(names, parallelFrom, name -> {
      HostContext ctx = new HostContext(spec, name, spec.hosts().get(name), deployed.get(name), layouts.get(name), headers,
          fleetLayouts);
      return host(ctx, fleet);
    });
    List<PlannedFile> files = new ArrayList<>();
    List<Notice> notices = new ArrayList<>();
    List<DocsPlanner.HostDoc> docs = new ArrayList<>();
    Map<String, List<String>> exposure = new java.util.LinkedHashMap<>();
    Map<String, java.util.Set<String>> dependsOn = new java.util.LinkedHashMap<>();
    List<PlannedFile> checkFiles = new ArrayList<>();
    List<ChecksPlanner.Check> checks = new ArrayList<>();
    java.util.Set<String> secretsRead = new java.util.TreeSet<>();
    java.util.Set<String> policiesUsed = new java.util.TreeSet<>();
    java.util.Set<String> quadletHosts = new java.util.TreeSet<>();
    java.util.Set<String> namespaceHosts = new java.util.TreeSet<>();
    java.util.Set<String> diskoHosts = new java.util.TreeSet<>();
    java.util.Set<String> impermanentHosts = new java.util.TreeSet<>();
    boolean usesSops = false;
    for (HostPlan h : hosts) {
      files.addAll(h.files);
      notices.addAll(h.notices);
      docs.add(h.doc);
      mark(quadletHosts, h.name, h.quadlet);
      mark(namespaceHosts, h.name, h.namespaced);
      if (h.darwin) {
        continue;
      }
      exposure.put(h.name, h.exposure);
      dependsOn.put(h.name, h.dependsOn);
      checkFiles.addAll(h.checkFiles);
      if (h.check != null) {
        checks.add(h.check);
      }
      secretsRead.addAll(h.secretsRead);
      policiesUsed.addAll(h.policiesUsed);
      mark(diskoHosts, h.name, h.disko);
      mark(impermanentHosts, h.name, h.impermanent);
      usesSops |= h.usesSops;
    }
    files.add(BasePlanner.plan(spec, headers));
    files.addAll(PeoplePlanner.homes(spec, headers));
    FlakePlanner.Imports imports = new FlakePlanner.Imports(usesSops, quadletHosts, namespaceHosts, diskoHosts, impermanentHosts);
    List<Deployment.Node> nodes = Deployment.nodes(spec, dependsOn);
    files.add(DeployPlanner.flake(FlakePlanner.plan(spec, headers, imports), spec, nodes, checks));
    files.addAll(DeployPlanner.files(spec, headers, nodes));
    files.addAll(checkFiles);
    for (int i = 0; i < names.size(); i++) {
      String host = names.get(i);
      hosts.get(i).ownOptions.forEach((path, nixos) ->
          notices.addAll(OwnOptions.unimported(host, path, nixos, imports.of(host))));
    }
    add(files, SecretsPlanner.sopsConfig(spec, headers));
    files.add(InstallDocs.extend(DocsPlanner.plan(spec, headers, docs), spec, nodes, diskoHosts, checks));
    notices.addAll(SecretsPlanner.unread(spec, secretsRead));
    notices.addAll(DatasetPlanner.unusedPolicies(spec, policiesUsed));
    notices.addAll(ReleaseGaps.notices(spec, files));
    return new Plan(files, notices, exposure);
  }

  /** What planning a host needs first: its services with the catalog's defaults, and its datasets. */
  private record HostBasis(List<EffectiveService> services, DatasetLayout layout) {}

  /** One host's share of the plan: its files and findings, and what the lab's files gather from it. */
  private static final class HostPlan {
    final String name;
    final boolean darwin;
    final List<PlannedFile> files = new ArrayList<>();
    final List<Notice> notices = new ArrayList<>();
    DocsPlanner.HostDoc doc;
    List<String> exposure;
    java.util.Set<String> dependsOn;
    final List<PlannedFile> checkFiles = new ArrayList<>();
    ChecksPlanner.Check check;
    final java.util.Set<String> secretsRead = new java.util.TreeSet<>();
    final java.util.Set<String> policiesUsed = new java.util.TreeSet<>();
    /** The spec's own options of the host (its own and its deployed services'), by spec path. */
    final Map<String, Map<String, Object>> ownOptions = new java.util.LinkedHashMap<>();
    boolean quadlet;
    boolean namespaced;
    boolean disko;
    boolean impermanent;
    boolean usesSops;

    HostPlan(String name, boolean darwin) {
      this.name = name;
      this.darwin = darwin;
    }
  }

  private static void mark(java.util.Set<String> hosts, String name, boolean yes) {
    if (yes) {
      hosts.add(name);
    }
  }

  /** Plans one host: what it touches besides its own context is read only. */
  private HostPlan host(HostContext ctx, Map<String, HostContext> fleet) {
    String name = ctx.name;
    Host host = ctx.host;
    List<EffectiveService> deployed = ctx.services;
    HostPlan out = new HostPlan(name, host.isDarwin());
    out.quadlet = deployed.stream()
        .anyMatch(s -> s.spec().container() != null && "quadlet".equals(s.spec().container().runtime()));
    out.namespaced = deployed.stream().anyMatch(EffectiveService::isInNamespace);
    out.ownOptions.put("hosts." + name + ".nixos", host.nixos());
    deployed.forEach(s -> out.ownOptions.put(s.path() + ".nixos", s.spec().nixos()));
    if (host.isDarwin()) {
      out.files.addAll(darwin(ctx));
      out.doc = DocsPlanner.host(ctx);
      return out;
    }
    DatasetLayout layout = ctx.datasets;
    BasePlanner.usePasswordHashes(ctx);
    List<PlannedFile> hostFiles = new ArrayList<>();
    add(hostFiles, dev.homelab.plan.host.RolePlanner.plan(ctx));
    add(hostFiles, dev.homelab.plan.host.PackagesPlanner.plan(ctx));
    PlannedFile disko = DiskoPlanner.plan(ctx);
    if (disko != null) {
      hostFiles.add(disko);
      out.disko = true;
    }
    if (!layout.isEmpty() || !DiskoPlanner.laidOut(host).isEmpty()) {
      hostFiles.add(DatasetPlanner.datasets(ctx));
      add(hostFiles, DatasetPlanner.snapshots(ctx));
    }
    ProxySites sites = ProxySites.of(ctx);
    hostFiles.add(NetworkPlanner.plan(ctx, sites.servesPublicDirectly()));
    out.notices.addAll(sites.directExposure(ctx));
    out.exposure = sites.summary(ctx);
    if (!sites.sites().isEmpty()) {
      hostFiles.add(ProxyPlanner.plan(ctx, sites));
    }
    if (host.network().tunnel() != null) {
      hostFiles.add(TunnelPlanner.plan(ctx));
    }
    add(hostFiles, VpnPlanner.plan(ctx));
    add(hostFiles, DatabasePlanner.plan(ctx));
    add(hostFiles, BackupPlanner.plan(ctx));
    add(hostFiles, SftpTargetPlanner.plan(ctx));
    add(hostFiles, ReplicationPlanner.source(ctx));
    add(hostFiles, ReplicationPlanner.target(ctx));
    add(hostFiles, PreseedPlanner.plan(ctx));
    add(hostFiles, SyncPlanner.plan(ctx, catalog));
    add(hostFiles, MonitoringPlanner.contribution(ctx));
    add(hostFiles, MonitoringPlanner.server(ctx, fleet));
    ServicePlanner services = new ServicePlanner(ctx);
    for (EffectiveService s : deployed) {
      hostFiles.add(services.plan(s, catalog.ownKinds().contains(s.kind())));
    }
    add(hostFiles, PeoplePlanner.host(ctx));
    // Last: it reads which secrets the host's other files use.
    add(hostFiles, ImpermanencePlanner.plan(ctx));
    out.dependsOn = Deployment.dependsOn(ctx);
    if (ChecksPlanner.checked(ctx)) {
      out.checkFiles.addAll(ChecksPlanner.plan(ctx, hostFiles, services));
      out.check = new ChecksPlanner.Check(name, host.system());
    }
    out.impermanent = host.impermanence() != null;
    out.files.add(HostFilePlanner.plan(ctx));
    out.files.add(HostFilePlanner.hardware(ctx));
    out.files.add(HostFilePlanner.local(ctx));
    out.files.addAll(hostFiles);
    out.doc = DocsPlanner.host(ctx, SyncPlanner.docs(ctx, catalog), MonitoringPlanner.docLines(ctx, fleet));
    out.secretsRead.addAll(ctx.secrets.keySet());
    out.notices.addAll(SecretsPlanner.recipients(ctx));
    out.notices.addAll(SecretsPlanner.sharedReaders(ctx));
    out.notices.addAll(BackupPlanner.unreached(ctx));
    out.notices.addAll(relocatedState(ctx));
    ctx.datasets.all().forEach(d -> out.policiesUsed.add(d.policy()));
    PlannedFile required = SecretsPlanner.required(ctx);
    if (required != null) {
      out.files.add(required);
      out.usesSops = true;
    }
    return out;
  }

  /**
   * HL0397: a service given a dataset that mounts somewhere its kind does not keep its state
   * (the kind's module has no option the descriptor points at the data directory): the service
   * would go on writing to its state directory on the root disk while the dataset, and every
   * backup of it, held something else.
   */
  static List<Notice> relocatedState(HostContext ctx) {
    List<Notice> out = new ArrayList<>();
    for (EffectiveService s : ctx.services) {
      if (s.spec().dataset() != null && ctx.datasets.unmounted(s.spec().dataset())) {
        out.add(new Notice("HL0397", s.path() + ".dataset", "the dataset `" + s.spec().dataset() + "` of `" + s.name()
            + "` mounts nowhere (`mountpoint: none`, itself or above it): " + s.descriptor().title()
            + " could not keep its state on it", "give the dataset a mountpoint (or drop its `mountpoint: none`), or"
                + " name a mounted dataset in `dataset:`", true));
        continue;
      }
      String dataDir = ctx.datasets.dataDir(s);
      String stateDir = s.descriptor().stateDir();
      if (s.spec().dataset() == null || dataDir == null || stateDir == null || dataDir.equals(stateDir)
          || s.descriptor().followsDataDir()) {
        continue;
      }
      out.add(new Notice("HL0397", s.path() + ".dataset", "`" + s.name() + "` keeps its state in " + stateDir
          + ", but its dataset `" + s.spec().dataset() + "` mounts at " + dataDir + ": " + s.descriptor().title()
          + " cannot be pointed elsewhere, so the dataset (and its backups) would not hold its state",
          "give the dataset `mountpoint: " + stateDir + "`, or drop `dataset:`: `dataset:` is where a service keeps"
              + " its state, and a library it serves from a dataset needs none", true));
    }
    return out;
  }

  /**
   * A Mac's files (nix-darwin): its default.nix, local.nix and people.nix; none of the NixOS
   * planners apply (validation refuses storage, services, proxy, tunnel and the rest on it).
   */
  private static List<PlannedFile> darwin(HostContext ctx) {
    List<PlannedFile> out = new ArrayList<>();
    add(out, PeoplePlanner.host(ctx));
    out.add(0, DarwinPlanner.plan(ctx));
    out.add(1, HostFilePlanner.local(ctx));
    return out;
  }

  private static void add(List<PlannedFile> files, PlannedFile f) {
    if (f != null) {
      files.add(f);
    }
  }
}
