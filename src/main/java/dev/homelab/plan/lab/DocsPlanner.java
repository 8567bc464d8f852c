package dev.homelab.plan.lab;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.BackupJob;
import dev.homelab.model.PgBackRest;
import dev.homelab.model.Replication;
import dev.homelab.model.Repository;
import dev.homelab.model.SnapshotPolicy;
import dev.homelab.model.Spec;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.Ownership;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.SecretUse;
import dev.homelab.plan.backup.BackupPlanner;
import dev.homelab.plan.backup.PreseedPlanner;
import dev.homelab.plan.storage.ImpermanencePlanner;
import dev.homelab.plan.storage.PlannedDataset;
import dev.homelab.plan.storage.ReplicationPlanner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plans {@code docs/README.md}, the flake's own documentation: per host its datasets
 * (quota, recordsize, snapshot policy), backup jobs (what, where, when, retention),
 * replication, preseeds, what an ephemeral root keeps, and the secrets to put into sops.
 * Every cell is written here, Markdown-escaped; the template only lays out the tables.
 * (The output root's {@code README.md} is the user's, never generated.)
 */
public final class DocsPlanner {

  static final String PATH = "docs/README.md";

  /** A dataset row. */
  public record DatasetRow(String name, String mountpoint, String quota, String recordsize, String snapshots) {}

  /** A backup job row. */
  public record JobRow(String name, String what, String where, String when, String keep) {}

  /** A replication or preseed line. */
  public record Line(String text) {}

  /** A secret row. */
  public record SecretRow(String name, String owner, String usedBy, String hint) {}

  /** One host's section. */
  public record HostDoc(String name, List<Line> unclaimed, List<DatasetRow> datasets, List<JobRow> backups,
      List<Line> replication, List<Line> preseeds, List<Line> persisted, List<SecretRow> secrets, String recipient,
      List<Line> monitoring) {}

  private DocsPlanner() {}

  /** A host's section; call after the host's other files are planned (it reads their secrets). */
  public static HostDoc host(HostContext ctx) {
    return host(ctx, List.of());
  }

  /** A host's section with what the host contributes to, or runs of, the fleet's monitoring. */
  public static HostDoc host(HostContext ctx, List<String> monitoring) {
    List<DatasetRow> datasets = new ArrayList<>();
    for (PlannedDataset d : ctx.datasets.all()) {
      String quota = d.property("refquota");
      String total = d.property("quota");
      String q = quota == null && total == null ? "—"
          : quota != null && total != null ? quota + " (" + total + " with snapshots and children)"
          : quota != null ? quota : total + " with snapshots and children";
      datasets.add(new DatasetRow(code(d.name()), d.mountpoint() == null ? "not mounted" : code(d.mountpoint()), cell(q),
          d.property("recordsize") == null ? "default" : cell(d.property("recordsize")), cell(policy(ctx.spec, d.policy()))));
    }
    List<JobRow> jobs = new ArrayList<>();
    for (Map.Entry<String, BackupJob> e : ctx.spec.backups().jobs().entrySet()) {
      BackupJob job = e.getValue();
      if (!BackupPlanner.runsOn(ctx, e.getKey(), job)) {
        continue;
      }
      // What the job's unit backs up, from the same plan.
      BackupPlanner.Contents contents = BackupPlanner.contents(ctx, e.getKey(), job);
      Set<String> what = new LinkedHashSet<>();
      Set<String> except = new LinkedHashSet<>();
      job.paths().forEach(p -> what.add(code(p)));
      contents.exclude().forEach(x -> except.add(code(x)));
      for (EffectiveService s : BackupPlanner.servicesOf(ctx, e.getKey(), job)) {
        if (contents.databases().contains(s.kind())) {
          what.add(s.name() + "'s database (dump in " + code(contents.dumpDir()) + ")");
        }
        if (contents.services().contains(s)) {
          what.add(s.name() + " " + code(ctx.datasets.dataDir(s)));
        }
      }
      if (what.isEmpty()) {
        continue;
      }
      List<String> keep = BackupPlanner.prune(job.keep()).stream().map(k -> k.replace("--keep-", "")).map(k -> {
        String[] parts = k.split(" ");
        return parts[1] + " " + parts[0];
      }).toList();
      for (String repoName : job.to()) {
        Repository repo = ctx.spec.backups().repositories().get(repoName);
        String where = BackupPlanner.location(ctx.spec, repo);
        String unit = job.to().size() == 1 ? e.getKey() : e.getKey() + "-" + repoName;
        String all = String.join(", ", what) + (except.isEmpty() ? "" : "; not " + String.join(", ", except));
        jobs.add(new JobRow(code(unit), all, (repo.restic() ? "restic " : "borg ") + cell(repoName) + " " + code(where),
            code(BackupPlanner.calendar(job)), keep.isEmpty() ? "everything" : cell(String.join(", ", keep))));
      }
    }
    if (!ctx.pgRepositories.isEmpty()) {
      PgBackRest pg = ctx.spec.backups().pgbackrest();
      String databases = ctx.services.stream().filter(s -> "postgresql".equals(s.descriptor().database()))
          .map(EffectiveService::kind).distinct().collect(java.util.stream.Collectors.joining(", "));
      ctx.pgRepositories.forEach((name, where) -> jobs.add(new JobRow("pgBackRest",
          cell("the PostgreSQL cluster (" + databases + "), its WAL archived continuously"),
          "pgBackRest " + cell(name) + " " + code(where),
          cell("full " + pg.full() + (pg.diff() == null ? "" : ", differential " + pg.diff())),
          cell(pg.keepFull() + " full backups"))));
    }
    List<Line> replication = new ArrayList<>();
    Replication r = ctx.host.replication();
    if (r != null) {
      for (ReplicationPlanner.Copy c : ReplicationPlanner.copies(ctx.spec, ctx.name, r)) {
        replication.add(new Line(code(c.source()) + " and its children to " + cell(r.to()) + " as " + code(c.target())
            + ", " + code(r.at())));
      }
    }
    ctx.spec.hosts().forEach((name, other) -> {
      Replication in = other.replication();
      if (in != null && ctx.name.equals(in.to())) {
        replication.add(new Line("receives " + cell(name) + "'s copies into "
            + code(ReplicationPlanner.landing(ctx.spec, name, in))));
      }
    });
    List<Line> preseeds = new ArrayList<>();
    for (EffectiveService s : ctx.services) {
      String dir = ctx.datasets.dataDir(s);
      if (s.spec().preseed() != null && dir != null) {
        String from = s.spec().preseed().from() == dev.homelab.model.PreseedSource.SYNCOID
            ? "from the Syncoid copy " + code(PreseedPlanner.copyOf(ctx, s.spec().dataset())) + " on " + cell(ctx.host.replication().to())
            : "from restic " + cell(s.spec().preseed().repository());
        preseeds.add(new Line(cell(s.name()) + ": " + code(dir) + " " + from + " when empty, by " + code(PreseedPlanner.unit(s.name()) + ".service")));
      }
    }
    List<Line> persisted = new ArrayList<>();
    if (ctx.host.impermanence() != null) {
      String root = ctx.host.impermanence().persist();
      ImpermanencePlanner.directories(ctx).forEach(k -> persisted.add(new Line(code(k.directory()))));
      ImpermanencePlanner.SYSTEM_FILES.forEach(f -> persisted.add(new Line(code(f))));
      var btrfs = ctx.host.impermanence().btrfs();
      String wipe = btrfs == null ? "" : "The BTRFS subvolume `@` is replaced by an empty one at every boot (the previous roots stay "
          + btrfs.keepOldRoots() + " days under `old_roots/` at the top of the file system); " + (btrfs.home() ? "`/home`, " : "")
          + "`/nix` and " + code(root) + " are subvolumes of their own. ";
      persisted.add(0, new Line(wipe + (wipe.isEmpty() ? "kept" : "Kept") + " under " + code(root) + ":"));
    }
    List<SecretRow> secrets = new ArrayList<>();
    for (SecretUse use : new TreeMap<>(ctx.secrets).values()) {
      secrets.add(new SecretRow(code(use.name()), cell(use.owner() + ":" + use.group() + " " + use.mode()),
          cell(use.usedBy()), use.hint() == null ? "" : cell(use.hint())));
    }
    List<Line> unclaimed = new ArrayList<>();
    for (EffectiveService s : ctx.services) {
      if (!s.heldBack().isEmpty()) {
        unclaimed.add(new Line(cell(s.name()) + " (" + code("https://" + s.fqdn()) + "): "
            + (s.expose().isEmpty() ? "served nowhere" : "over the tailnet only") + "; "
            + cell(String.join(" and ", s.heldBack().stream().map(e -> e.wire()).toList()))
            + " held back until the spec says " + code("claimed: true")));
      }
    }
    String recipient = ctx.host.age() != null
        ? "sops encrypts it to the admins and to the host's own age recipient (`hosts." + ctx.name + ".age`), which"
            + " sops-nix finds on the host through its SSH host key."
        : "**The host has no age recipient** (`hosts." + ctx.name + ".age`): sops encrypts the file to the admins only,"
            + " and the host cannot decrypt it when it activates. On the host, `nix-shell -p ssh-to-age --run"
            + " 'ssh-to-age < /etc/ssh/ssh_host_ed25519_key.pub'` prints it; set it, run `homelab gen`, then `sops updatekeys"
            + " secrets/" + ctx.name + ".yaml`.";
    return new HostDoc(ctx.name, unclaimed, datasets, jobs, replication, preseeds, persisted, secrets, recipient,
        monitoring.stream().map(Line::new).toList());
  }

  public static PlannedFile plan(Spec spec, Headers headers, List<HostDoc> hosts) {
    return new PlannedFile(PATH, Ownership.GENERATED, "docs/README.md.ftl", Map.of(
        "header", headers.markdown(),
        "title", cell(spec.homelab().name()),
        "specFiles", headers.files().stream().map(DocsPlanner::code).collect(java.util.stream.Collectors.joining(", ")),
        "hosts", hosts));
  }

  /** A snapshot policy with its counts: {@code services (24 hourly, 7 daily)}. */
  static String policy(Spec spec, String name) {
    SnapshotPolicy p = spec.snapshots().get(name);
    if (p == null || p.keepsNothing()) {
      return "none";
    }
    List<String> counts = new ArrayList<>();
    count(counts, p.frequent(), "frequent");
    count(counts, p.hourly(), "hourly");
    count(counts, p.daily(), "daily");
    count(counts, p.weekly(), "weekly");
    count(counts, p.monthly(), "monthly");
    count(counts, p.yearly(), "yearly");
    return name + " (" + String.join(", ", counts) + ")";
  }

  private static void count(List<String> out, int n, String what) {
    if (n > 0) {
      out.add(n + " " + what);
    }
  }

  /** Text for a table cell: no line breaks, no cell separators, no HTML. */
  static String cell(String s) {
    return s.replaceAll("[\\r\\n]+", " ").replace("|", "\\|").replace("<", "&lt;");
  }

  /** A code span that no backtick inside can end early. */
  static String code(String s) {
    String flat = s.replaceAll("[\\r\\n]+", " ").replace("|", "\\|");
    String fence = flat.contains("`") ? "`` " : "`";
    String close = flat.contains("`") ? " ``" : "`";
    return fence + flat + close;
  }
}
