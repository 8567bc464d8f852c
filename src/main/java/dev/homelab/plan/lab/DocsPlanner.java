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
import dev.homelab.plan.people.PeoplePlanner;
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
 * replication, preseeds, what an ephemeral root keeps, the secrets to put into sops, what the
 * machine is (its role's defaults, desktop, packages, modules, first install), its people and
 * their home profiles, and how a Mac is set up.
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
      List<Line> machine, List<Line> people, List<Line> darwin, List<Line> sync, List<Line> monitoring) {}

  private DocsPlanner() {}

  /** A host's section; call after the host's other files are planned (it reads their secrets). */
  public static HostDoc host(HostContext ctx) {
    return host(ctx, List.of(), List.of());
  }

  /**
   * A host's section with what it syncs (lines of {@code SyncPlanner.docs}) and what it
   * contributes to, or runs of, the fleet's monitoring.
   */
  public static HostDoc host(HostContext ctx, List<Line> sync, List<String> monitoring) {
    List<DatasetRow> datasets = new ArrayList<>();
    // Most datasets of a host share a few policies: each described once.
    Map<String, String> policies = new java.util.HashMap<>();
    for (PlannedDataset d : ctx.datasets.all()) {
      String quota = d.property("refquota");
      String total = d.property("quota");
      String q = quota == null && total == null ? "—"
          : quota != null && total != null ? quota + " (" + total + " with snapshots and children)"
          : quota != null ? quota : total + " with snapshots and children";
      datasets.add(new DatasetRow(code(d.name()), d.mountpoint() == null ? "not mounted" : code(d.mountpoint()), cell(q),
          d.property("recordsize") == null ? "default" : cell(d.property("recordsize")),
          policies.computeIfAbsent(d.policy(), p -> cell(policy(ctx.spec, p)))));
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
      // The folders and repositories it syncs whose tier names the job.
      dev.homelab.plan.sync.SyncHost.backedUp(ctx, e.getKey()).stream().filter(contents.paths()::contains)
          .forEach(p -> what.add(code(p) + " (synced)"));
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
            code(BackupPlanner.calendar(job)) + around(ctx, e.getKey(), job), keep.isEmpty() ? "everything" : cell(String.join(", ", keep))));
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
        List<String> sources = new ArrayList<>();
        for (dev.homelab.model.PreseedSource source : s.spec().preseed().from()) {
          sources.add(switch (source) {
            case SYNCOID -> "the Syncoid copy " + code(PreseedPlanner.copyOf(ctx, s.spec().dataset())) + " on "
                + cell(ctx.host.replication().to());
            case LOCAL -> "the newest local snapshot of " + code(s.spec().dataset()) + " that holds data";
            case RESTIC -> "restic " + cell(s.spec().preseed().repository());
          });
        }
        String from = "from " + String.join(", else ", sources) + (sources.size() > 1 ? " (tried in that order, each attempt in the unit's journal)" : "");
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
      var zfs = ctx.host.impermanence().zfs();
      if (zfs != null) {
        List<String> mounts = zfs.persistent(root).values().stream().map(DocsPlanner::code).toList();
        wipe = "The ZFS dataset " + code(zfs.rootDataset()) + " (`/`) goes back to its snapshot " + code("@" + dev.homelab.model.ZfsRoot.BLANK)
            + ", taken while it was empty, at every boot, in the initrd before `/` is mounted; " + String.join(", ", mounts)
            + " are datasets of their own and keep their content. " + (zfs.device() != null
                ? "disko creates the pool " + code(zfs.pool()) + " on " + code(zfs.device()) + " at the first install and takes the snapshot. "
                : "The pool " + code(zfs.pool()) + " exists already: the snapshot must too (`zfs snapshot " + zfs.blankSnapshot()
                    + "` right after creating the empty dataset); without it the rollback fails and the previous root stays. ")
            + "To recover a file the last boot wrote outside what is kept, look in the dataset before rebooting: after the"
            + " reboot it is gone. ";
      }
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
    List<Line> machine = dev.homelab.plan.host.RolePlanner.describe(ctx.spec, ctx.name, ctx.host).stream()
        .map(t -> new Line(cellKeepingCode(t))).toList();
    return new HostDoc(ctx.name, unclaimed, datasets, jobs, replication, preseeds, persisted, secrets, recipient, machine,
        people(ctx), darwin(ctx), sync, monitoring.stream().map(Line::new).toList());
  }

  /** What a job does around its run besides reading: units it stops, its commands, its priority, idle scheduling. */
  static String around(HostContext ctx, String jobName, BackupJob job) {
    List<String> out = new ArrayList<>();
    List<String> stops = BackupPlanner.stopNamed(ctx, job);
    if (!stops.isEmpty()) {
      out.add("stops " + code(String.join(" ", stops)) + " during it");
    }
    if (job.preBackup() != null || job.postBackup() != null) {
      out.add("runs " + (job.preBackup() != null ? "its `preBackup` commands before" : "")
          + (job.preBackup() != null && job.postBackup() != null ? " and " : "")
          + (job.postBackup() != null ? "its `postBackup` commands after (also after a failure)" : ""));
    }
    if (job.priority() != null) {
      List<String> lower = new ArrayList<>();
      ctx.spec.backups().jobs().forEach((name, other) -> {
        if (other.priority() != null && other.priority() < job.priority() && BackupPlanner.runsOn(ctx, name, other)) {
          lower.add(code(name));
        }
      });
      out.add("priority " + job.priority() + (lower.isEmpty() ? "" : ": after " + String.join(", ", lower) + " when due at once"));
    }
    if (job.idle()) {
      out.add("at idle CPU and I/O priority");
    }
    return out.isEmpty() ? "" : "; " + cell(String.join("; ", out));
  }

  /** Who has an account on the host, and whose home-manager profile applies there. */
  static List<Line> people(HostContext ctx) {
    List<Line> out = new ArrayList<>();
    PeoplePlanner.on(ctx.spec, ctx.name).forEach((name, p) -> {
      String who = cell(name) + " (" + (ctx.spec.admins().containsKey(name) ? "admin" : "user") + ")";
      String account = ctx.host.isDarwin() ? "macOS account, home " + code("/Users/" + name)
          : p.hosts() == null ? "account from " + code("modules/base.nix") : "account from " + code("people.nix")
              + " (on " + cell(String.join(", ", p.hosts())) + ")";
      String profile = p.hasProfileOn(ctx.name, ctx.host)
          ? "; home-manager profile " + code(PeoplePlanner.homeFile(name)) + ": " + cell(summary(p.home()))
          : p.home() != null ? "; no home profile here" : "";
      out.add(new Line(who + ": " + account + profile));
    });
    return out;
  }

  /** What a home profile sets, in a few words. */
  static String summary(dev.homelab.model.Home h) {
    List<String> parts = new ArrayList<>();
    if (h.shell() != null) {
      parts.add(h.shell());
    }
    if (h.editor() != null) {
      parts.add(h.editor());
    }
    if (h.git() != null) {
      parts.add("git as " + h.git().name() + " <" + h.git().email() + ">");
    }
    if (h.starship()) {
      parts.add("starship");
    }
    if (h.direnv()) {
      parts.add("direnv");
    }
    if (!h.packages().isEmpty()) {
      parts.add("packages " + String.join(", ", h.packages()));
    }
    if (!h.dotfiles().isEmpty()) {
      List<String> files = new ArrayList<>();
      h.dotfiles().forEach((target, source) -> files.add("~/" + target + " from " + source));
      parts.add("dotfiles " + String.join(", ", files) + " (files of this repository: add them before the first build)");
    }
    return String.join("; ", parts);
  }

  /** How a Mac is set up the first time, and switched after: nix-darwin has no installer. */
  static List<Line> darwin(HostContext ctx) {
    if (!ctx.host.isDarwin()) {
      return List.of();
    }
    List<Line> out = new ArrayList<>();
    out.add(new Line("Install Nix (the installer at https://nixos.org/download, multi-user)"
        + (ctx.host.homebrew() != null ? ", and Homebrew (https://brew.sh): nix-darwin runs it but does not install it" : "")
        + "."));
    out.add(new Line("Clone this flake on the Mac and `git add` every generated file (flakes see only what git tracks)."));
    out.add(new Line("The first switch installs nix-darwin itself, with its " + code("darwin-rebuild") + " run from the"
        + " flake registry: " + code(FlakePlanner.darwinFirstSwitch(ctx.spec, ctx.name)) + "."));
    out.add(new Line("After that: " + code("sudo darwin-rebuild switch --flake .#" + ctx.name) + "."));
    return out;
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

  private static final java.util.regex.Pattern LINE_BREAKS = java.util.regex.Pattern.compile("[\\r\\n]+");

  /** Each run of line breaks as one space (most text has none: then the text itself). */
  private static String oneLine(String s) {
    return s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s : LINE_BREAKS.matcher(s).replaceAll(" ");
  }

  /** Text for a table cell: no line breaks, no cell separators, no HTML. */
  public static String cell(String s) {
    return oneLine(s).replace("|", "\\|").replace("<", "&lt;");
  }

  /** A line of prose that may hold code spans of its own: no line breaks, no HTML. */
  static String cellKeepingCode(String s) {
    return oneLine(s).replace("<", "&lt;");
  }

  /** A code span that no backtick inside can end early. */
  public static String code(String s) {
    String flat = oneLine(s).replace("|", "\\|");
    String fence = flat.contains("`") ? "`` " : "`";
    String close = flat.contains("`") ? " ``" : "`";
    return fence + flat + close;
  }
}
