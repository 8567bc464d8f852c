package dev.homelab.plan.backup;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.BackupJob;
import dev.homelab.model.PgBackRest;
import dev.homelab.model.Repository;
import dev.homelab.model.Retention;
import dev.homelab.model.SecretRef;
import dev.homelab.model.Spec;
import dev.homelab.model.Tier;
import dev.homelab.nix.Binding;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.Folder;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.Notice;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.quote.Shell;
import dev.homelab.plan.quote.Tmpfiles;
import dev.homelab.plan.service.ServicePlanner;
import dev.homelab.plan.storage.DatasetPlanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans {@code backups.nix}: one restic (or borg) job per spec job and repository on this
 * host, its paths from the job and from the data of its services (named, or joined through
 * their tier), on a timer, with retention; a {@code restic check} unit on its own timer;
 * PostgreSQL dumped before the jobs, or archived continuously by pgBackRest; failures
 * reported by {@code homelab-notify@}. Jobs wait for the dataset unit so they never back up
 * (or initialize a repository on) the root disk's empty directories.
 */
public final class BackupPlanner {

  /** The template unit that reports a failed unit (its instance is the unit's name). */
  static final String NOTIFY = "homelab-notify@";

  /** Where borg's SSH pins the hosts of SFTP repositories: writable by the job (root's ~/.config/borg). */
  static final String BORG_KNOWN_HOSTS = "/root/.config/borg/known_hosts";

  /** What writes a folder of restic repositories other hosts reach over SFTP. */
  static final String SFTP_WRITER = "restic over SFTP";

  /** The sops template holding the ntfy {@code Authorization} header. */
  static final String NTFY_AUTH = "homelab-notify-ntfy-auth";

  private BackupPlanner() {}

  /** The services of this host a job backs up. */
  public static List<EffectiveService> servicesOf(HostContext ctx, String jobName, BackupJob job) {
    List<EffectiveService> out = new ArrayList<>();
    for (EffectiveService s : ctx.services) {
      Tier tier = s.tier() == null ? null : ctx.spec.tiers().get(s.tier());
      if (job.services().contains(s.name()) || tier != null && tier.backup().contains(jobName)) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * HL0361: a deployed service with data that a backup job takes (by its tier or by name), on
   * a host the job does not run on (its {@code hosts:} leaves this one out): its data is backed
   * up nowhere.
   */
  public static List<Notice> unreached(HostContext ctx) {
    List<Notice> out = new ArrayList<>();
    for (Map.Entry<String, BackupJob> e : ctx.spec.backups().jobs().entrySet()) {
      if (runsOn(ctx, e.getKey(), e.getValue())) {
        continue;
      }
      for (EffectiveService s : servicesOf(ctx, e.getKey(), e.getValue())) {
        if (ctx.datasets.dataDir(s) == null && !"postgresql".equals(s.descriptor().database())) {
          continue;
        }
        boolean byName = e.getValue().services().contains(s.name());
        out.add(new Notice("HL0361", "hosts." + ctx.name + ".services." + s.name(), "`" + ctx.name + "/" + s.name() + "` is in backup job `"
            + e.getKey() + "` (" + (byName ? "by name" : "by its tier `" + s.tier() + "`") + "), but the job runs only on "
            + String.join(", ", e.getValue().hosts().stream().map(h -> "`" + h + "`").toList()) + ": its data is backed up nowhere",
            "add `" + ctx.name + "` to `backups.jobs." + e.getKey() + ".hosts`, or give the service a tier whose jobs run here"));
      }
    }
    return out;
  }

  /** True when the job runs on this host. */
  public static boolean runsOn(HostContext ctx, String jobName, BackupJob job) {
    if (!job.hosts().isEmpty()) {
      return job.hosts().contains(ctx.name);
    }
    return !servicesOf(ctx, jobName, job).isEmpty() || !job.paths().isEmpty() && ctx.spec.hosts().size() == 1
        || !dev.homelab.plan.sync.SyncHost.backedUp(ctx, jobName).isEmpty();
  }

  /** The name of the job's unit for one of its repositories. */
  public static String unitName(String job, BackupJob spec, String repo) {
    return spec.to().size() == 1 ? job : job + "-" + repo;
  }

  /**
   * The folders of this host's local repositories, by path (on a dataset the datasets unit
   * makes them once it is mounted, elsewhere a tmpfiles rule): pgBackRest's (postgres, 0750:
   * archive-push and the jobs run as postgres), Borg's on a dataset (root, 0700; elsewhere the
   * module makes them), and those other hosts' restic writes here over SFTP (the account, 0700).
   */
  public static List<Folder> folders(HostContext ctx) {
    Map<String, Folder> out = new LinkedHashMap<>();
    var repos = ctx.spec.backups().repositories();
    if (usesPgBackRest(ctx)) {
      for (String name : ctx.spec.backups().pgbackrest().to()) {
        String path = repos.get(name).path();
        if (path != null) {
          out.putIfAbsent(path, Folder.of(path, "postgres", "0750", "pgBackRest"));
        }
      }
    }
    ctx.spec.backups().jobs().forEach((jobName, job) -> {
      if (runsOn(ctx, jobName, job)) {
        for (String name : job.to()) {
          Repository repo = repos.get(name);
          if (!repo.restic() && repo.path() != null && ctx.datasets.isOnDataset(repo.path())) {
            out.putIfAbsent(repo.path(), Folder.of(repo.path(), "root", "0700", "borg"));
          }
        }
      }
    });
    repos.values().forEach(repo -> {
      if (repo.restic() && repo.sftp() != null && ctx.name.equals(repo.sftp().specHost(ctx.spec))) {
        out.putIfAbsent(repo.sftp().path(), Folder.of(repo.sftp().path(), repo.sftp().user(), "0700", SFTP_WRITER));
      }
    });
    return List.copyOf(out.values());
  }

  /** The comment of a job's commands around its run: why it stops what it stops, and what else it runs. */
  static List<String> hooksWhy(String job, List<EffectiveService> sqlite, List<String> named, List<String> pre, List<String> post) {
    List<String> out = new ArrayList<>();
    if (!sqlite.isEmpty()) {
      out.add(STOP_WHY);
    }
    if (!named.isEmpty() || !pre.isEmpty() || !post.isEmpty()) {
      out.add("backups.jobs." + job + ":" + (pre.isEmpty() ? "" : " its preBackup commands, then") + (named.isEmpty() && sqlite.isEmpty()
          ? "" : " the units stop;") + " after the run (also a failed one)" + (named.isEmpty() && sqlite.isEmpty() ? "" : " they start again")
          + (post.isEmpty() ? "" : (named.isEmpty() && sqlite.isEmpty() ? " its" : ", then its") + " postBackup commands run") + ".");
    }
    return List.of(String.join(" ", out));
  }

  /** Why a job stops services around its run. */
  static final String STOP_WHY = "SQLite databases read while they are written can be torn: the services that keep them"
      + " stop for the backup and start again after it, also when it fails.";

  /**
   * The services of a job whose data it reads while they write SQLite databases (catalog
   * workload {@code sqlite}): it stops their units for its run. Not a ZFS snapshot of their
   * datasets: restic and Borg would record the snapshot's path instead of the data
   * directory, which restores and preseeds look for, and Syncoid would carry a snapshot taken
   * for the backup to the replication target.
   */
  static List<EffectiveService> stopped(HostContext ctx, String jobName, BackupJob job) {
    ServicePlanner planner = new ServicePlanner(ctx);
    return servicesOf(ctx, jobName, job).stream()
        .filter(s -> s.descriptor().workload() == dev.homelab.catalog.Workload.SQLITE)
        .filter(s -> ctx.datasets.dataDir(s) != null && !planner.units(s).isEmpty())
        .toList();
  }

  /**
   * The units a job stops on this host besides the SQLite services' ({@code stop}): a
   * service of this host named there stops its main unit (the first of its catalog's units),
   * a unit named there ({@code name.service}) stops when one of this host's services has it.
   * Names of other hosts' services are left to those hosts.
   */
  public static List<String> stopNamed(HostContext ctx, BackupJob job) {
    ServicePlanner planner = new ServicePlanner(ctx);
    List<String> out = new ArrayList<>();
    for (String name : job.stop()) {
      for (EffectiveService s : ctx.services) {
        List<String> units = planner.units(s).stream().map(u -> u + ".service").toList();
        if (units.isEmpty()) {
          continue;
        }
        if (s.name().equals(name)) {
          out.add(units.get(0));
        } else if (units.contains(name)) {
          out.add(name);
        }
      }
    }
    return out;
  }

  /** A job's shell lines, a line each ({@code preBackup}, {@code postBackup}); none for null. */
  static List<String> lines(String script) {
    if (script == null || script.isBlank()) {
      return List.of();
    }
    return List.of(script.strip().split("\\R"));
  }

  /** One line as a string, several as an indented string. */
  private static NixValue script(List<String> lines) {
    return lines.size() == 1 ? NixValue.str(lines.get(0)) : new NixValue.Text(lines);
  }

  /**
   * The units of this host's jobs by job name, for ordering by {@code priority}: the restic
   * or Borg unit of each repository the job writes to, when it backs anything up here.
   */
  static Map<String, List<String>> jobUnits(HostContext ctx) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    ctx.spec.backups().jobs().forEach((jobName, job) -> {
      if (!runsOn(ctx, jobName, job) || contents(ctx, jobName, job).paths().isEmpty()) {
        return;
      }
      List<String> units = new ArrayList<>();
      for (String repoName : job.to()) {
        Repository repo = ctx.spec.backups().repositories().get(repoName);
        units.add((repo.restic() ? "restic-backups-" : "borgbackup-job-") + unitName(jobName, job, repoName) + ".service");
      }
      out.put(jobName, units);
    });
    return out;
  }

  /** The units of the jobs of this host with a lower {@code priority} than the job's: it starts after them. */
  static List<String> runsAfter(HostContext ctx, Map<String, List<String>> units, BackupJob job) {
    List<String> out = new ArrayList<>();
    if (job.priority() == null) {
      return out;
    }
    units.forEach((name, list) -> {
      BackupJob other = ctx.spec.backups().jobs().get(name);
      if (other.priority() != null && other.priority() < job.priority()) {
        out.addAll(list);
      }
    });
    return out;
  }

  /**
   * What a job takes on this host, as its unit does and the flake's docs say: the paths it
   * backs up (its own, the dump folder, the services' data dirs, the synced folders and
   * repositories of its tiers), the services whose data
   * dirs join it, the databases dumped before it (none where pgBackRest keeps the cluster),
   * the folder the dumps go to, and what it leaves out.
   */
  public record Contents(List<String> paths, List<EffectiveService> services, List<String> databases, String dumpDir,
      List<String> exclude) {}

  public static Contents contents(HostContext ctx, String jobName, BackupJob job) {
    // Asked of each job by its units, their ordering, the timers monitoring watches, sync and the docs: made once.
    if (job != ctx.spec.backups().jobs().get(jobName)) {
      return contentsOf(ctx, jobName, job);
    }
    Contents known = ctx.backupContents.get(jobName);
    if (known == null) {
      known = contentsOf(ctx, jobName, job);
      ctx.backupContents.put(jobName, known);
    }
    return known;
  }

  private static Contents contentsOf(HostContext ctx, String jobName, BackupJob job) {
    Set<String> paths = new LinkedHashSet<>(job.paths());
    Set<String> exclude = new LinkedHashSet<>(job.exclude());
    List<String> databases = usesPgBackRest(ctx) ? List.of() : servicesOf(ctx, jobName, job).stream()
        .filter(s -> "postgresql".equals(s.descriptor().database()))
        .map(EffectiveService::kind)
        .distinct()
        .toList();
    String dumpDir = databases.isEmpty() ? null : dumpDir(ctx);
    if (dumpDir != null) {
      paths.add(dumpDir);
    }
    List<EffectiveService> services = new ArrayList<>();
    for (EffectiveService s : servicesOf(ctx, jobName, job)) {
      String dir = ctx.datasets.dataDir(s);
      if (dir == null) {
        continue;
      }
      services.add(s);
      paths.add(dir);
      for (String x : s.descriptor().backupExclude()) {
        exclude.add(dir + "/" + x);
      }
    }
    // The folders and repositories this host syncs whose tier's backups name the job, unless
    // a path already taken holds them.
    for (String synced : dev.homelab.plan.sync.SyncHost.backedUp(ctx, jobName)) {
      if (paths.stream().noneMatch(p -> dev.homelab.model.Paths.isAtOrBelow(synced, p))) {
        paths.add(synced);
      }
    }
    return new Contents(List.copyOf(paths), List.copyOf(services), databases, dumpDir, List.copyOf(exclude));
  }

  /** The one folder this host's dumps go to: that of the first job on it that dumps a database. */
  private static String dumpDir(HostContext ctx) {
    for (Map.Entry<String, BackupJob> e : ctx.spec.backups().jobs().entrySet()) {
      if (runsOn(ctx, e.getKey(), e.getValue()) && servicesOf(ctx, e.getKey(), e.getValue()).stream()
          .anyMatch(s -> "postgresql".equals(s.descriptor().database()))) {
        return e.getValue().dumps();
      }
    }
    return null;
  }

  /** True when pgBackRest, not dumps, backs up this host's PostgreSQL cluster. */
  static boolean usesPgBackRest(HostContext ctx) {
    return ctx.spec.backups().pgbackrest() != null
        && ctx.services.stream().anyMatch(s -> "postgresql".equals(s.descriptor().database()));
  }

  /** Null when no job runs on this host. */
  public static PlannedFile plan(HostContext ctx) {
    Bindings b = new Bindings();
    Map<String, Bindings> units = new LinkedHashMap<>();
    List<String> summary = new ArrayList<>();
    Set<String> dumped = new LinkedHashSet<>();
    Set<String> secrets = new LinkedHashSet<>();
    List<String> failing = new ArrayList<>();
    boolean pgbackrest = usesPgBackRest(ctx);
    Map<String, List<String>> jobUnits = jobUnits(ctx);
    String dumpDir = null;
    for (Map.Entry<String, BackupJob> e : ctx.spec.backups().jobs().entrySet()) {
      BackupJob job = e.getValue();
      if (!runsOn(ctx, e.getKey(), job)) {
        continue;
      }
      Contents contents = contents(ctx, e.getKey(), job);
      Set<String> paths = new LinkedHashSet<>(contents.paths());
      Set<String> exclude = new LinkedHashSet<>(contents.exclude());
      List<String> databases = contents.databases();
      if (!databases.isEmpty()) {
        dumpDir = contents.dumpDir();
        dumped.addAll(databases);
      }
      if (paths.isEmpty()) {
        continue;
      }
      List<EffectiveService> stopped = stopped(ctx, e.getKey(), job);
      List<String> stopUnits = new ArrayList<>();
      ServicePlanner unitsOf = new ServicePlanner(ctx);
      // The service's main unit, the first of its catalog's units (the others are helpers: a
      // secrets generator, a container's network).
      stopped.forEach(st -> stopUnits.add(unitsOf.units(st).get(0) + ".service"));
      List<String> named = new ArrayList<>();
      for (String u : stopNamed(ctx, job)) {
        if (!stopUnits.contains(u)) {
          stopUnits.add(u);
          named.add(u);
        }
      }
      List<String> pre = lines(job.preBackup());
      List<String> post = lines(job.postBackup());
      boolean hooks = !stopUnits.isEmpty() || !pre.isEmpty() || !post.isEmpty();
      List<String> prepare = new ArrayList<>(pre);
      List<String> cleanup = new ArrayList<>();
      if (!stopUnits.isEmpty()) {
        prepare.add("systemctl stop " + String.join(" ", stopUnits));
        cleanup.add("systemctl start " + String.join(" ", stopUnits));
      }
      cleanup.addAll(post);
      List<String> lower = runsAfter(ctx, jobUnits, job);
      String previous = null;
      for (String repoName : job.to()) {
        Repository repo = ctx.spec.backups().repositories().get(repoName);
        String unitName = unitName(e.getKey(), job, repoName);
        String where = location(ctx.spec, repo);
        String used = (repo.restic() ? "restic" : "borg") + " backup job " + unitName;
        ctx.useSecret(repo.password().name(), null, null, used, "the " + (repo.restic() ? "restic" : "borg") + " repository password");
        secrets.add(repo.password().name());
        if (repo.credentials() != null) {
          ctx.useSecret(repo.credentials().name(), null, null, used, credentialsHint(repo));
          secrets.add(repo.credentials().name());
        }
        if (repo.sftp() != null) {
          ctx.useSecret(repo.sftp().key().name(), null, null, used,
              "the SSH private key that " + repo.sftp().user() + "@" + repo.sftp().host() + " accepts");
          secrets.add(repo.sftp().key().name());
        }
        boolean repoOnDataset = repo.path() != null && ctx.datasets.isOnDataset(repo.path());
        String unit;
        if (repo.restic()) {
          unit = "restic-backups-" + unitName;
          Bindings r = restic(ctx.spec, repo, e.getKey(), paths, exclude, job);
          if (hooks) {
            r.comment(hooksWhy(e.getKey(), stopped, named, pre, post));
            if (!prepare.isEmpty()) {
              r.set("backupPrepareCommand", script(prepare));
            }
            if (!cleanup.isEmpty()) {
              r.set("backupCleanupCommand", script(cleanup));
            }
          }
          b.set(List.of("services", "restic", "backups", unitName), r.attrs());
        } else {
          unit = "borgbackup-job-" + unitName;
          b.set(List.of("services", "borgbackup", "jobs", unitName), borg(repo, paths, exclude, job, repoOnDataset).attrs());
        }

        failing.add(unit);
        List<String> keep = prune(job.keep());
        boolean appendOnly = appendOnly(ctx.spec, repo);
        summary.add("Job " + unitName + ": " + calendar(job) + " into " + repoName + " (" + where + ")"
            + (appendOnly ? ", append-only: " + repo.sftp().specHost(ctx.spec) + " prunes it" : "")
            + (keep.isEmpty() ? "" : ", keeping " + String.join(" ", keep).replace("--keep-", ""))
            + (job.check() == null || !repo.restic() ? "" : ", checked " + job.check())
            + (stopped.isEmpty() ? "" : "; stops " + String.join(", ", stopped.stream().map(EffectiveService::name).toList())
                + " while it reads " + (stopped.size() == 1 ? "its" : "their") + " SQLite databases"
                + (job.to().size() > 1 ? " (the job's repositories one after the other)" : ""))
            + (named.isEmpty() ? "" : "; stops " + String.join(", ", named) + " while it runs (backups.jobs." + e.getKey() + ".stop)")
            + (pre.isEmpty() ? "" : "; runs its preBackup commands first")
            + (post.isEmpty() ? "" : "; runs its postBackup commands after it, also when it fails")
            + (job.priority() == null ? "" : "; priority " + job.priority()
                + (lower.isEmpty() ? "" : ", after " + String.join(", ", lower.stream().map(u -> u.replace(".service", "")).toList())
                    + " when they are due at once"))
            + (job.idle() ? "; at idle CPU and I/O priority" : "")
            + ".");
        boolean onDatasets = paths.stream().anyMatch(ctx.datasets::isOnDataset) || repoOnDataset;
        List<String> before = new ArrayList<>();
        if (onDatasets) {
          before.add(DatasetPlanner.UNIT + ".service");
        }
        databases.forEach(db -> before.add("postgresqlBackup-" + db + ".service"));
        Bindings attrs = units.computeIfAbsent(unit, k -> new Bindings());
        if (!before.isEmpty()) {
          attrs.set("requires", NixValue.strings(before));
        }
        if (!repo.restic() && repo.sftp() != null) {
          before.add(0, "network-online.target");
          attrs.set("wants", NixValue.strings(List.of("network-online.target")));
        }
        if (hooks && previous != null) {
          // The job's repositories one after the other: each stops and starts the services itself,
          // and one must not start them while another still reads.
          before.add(previous);
        }
        before.addAll(lower);
        if (!before.isEmpty()) {
          attrs.set("after", NixValue.strings(before));
        }
        if (hooks && !repo.restic()) {
          // Borg's postHook runs only after a success: a stopped service must start again whatever happens.
          attrs.comment(hooksWhy(e.getKey(), stopped, named, pre, post));
          if (!prepare.isEmpty()) {
            attrs.set("preStart", script(prepare));
          }
          if (!cleanup.isEmpty()) {
            attrs.set("postStop", script(cleanup));
          }
        }
        if (job.idle()) {
          attrs.comment("backups.jobs." + e.getKey() + ".idle: the job takes CPU and disk time only when nothing else wants it.")
              .set("serviceConfig.Nice", NixValue.integer(19))
              .str("serviceConfig.CPUSchedulingPolicy", "idle")
              .str("serviceConfig.IOSchedulingClass", "idle");
        }
        previous = unit + ".service";
        if (job.check() != null && repo.restic()) {
          String check = "restic-check-" + unitName;
          units.put(check, check(ctx.spec, repo, unitName, job.check(), repo.path() != null && ctx.datasets.isOnDataset(repo.path())));
          failing.add(check);
        }
      }
    }
    if (b.isEmpty() && !pgbackrest) {
      return null;
    }
    if (!dumped.isEmpty()) {
      b.comment("Consistent PostgreSQL dumps, taken right before each backup job that backs them up"
              + " (it requires them), not on a timer of their own.")
          .set("services.postgresqlBackup", new Bindings()
              .bool("enable", true)
              .set("databases", NixValue.strings(List.copyOf(dumped)))
              .str("location", dumpDir)
              .set("startAt", NixValue.list(List.of()))
              .attrs());
    }
    if (pgbackrest) {
      failing.addAll(pgBackRest(ctx, b, units, summary));
      secrets.add(ctx.spec.backups().pgbackrest().credentials().name());
      for (String name : ctx.spec.backups().pgbackrest().to()) {
        Repository repo = ctx.spec.backups().repositories().get(name);
        if (repo.sftp() != null) {
          secrets.add(repo.sftp().key().name());
        }
      }
    }
    List<String> rules = folders(ctx).stream()
        .filter(f -> !f.writer().equals(SFTP_WRITER) && !ctx.datasets.isOnDataset(f.path()))
        .map(Folder::tmpfilesRule)
        .toList();
    if (!rules.isEmpty()) {
      b.comment("Local repository folders, owned by what writes them (those on datasets: the datasets unit).")
          .set("systemd.tmpfiles.rules", NixValue.strings(rules));
    }
    boolean notify = ctx.spec.backups().onFailure() != null;
    if (notify) {
      for (String unit : failing) {
        units.computeIfAbsent(unit, k -> new Bindings()).set("onFailure", NixValue.strings(List.of(NOTIFY + "%n.service")));
      }
    }
    List<Binding> all = new ArrayList<>(b.build());
    // The comment heads the first backup job's unit (restic, borg, else pgBackRest), not the
    // units the jobs only adjust (postgresql).
    String first = units.keySet().stream().filter(failing::contains).findFirst().orElse(null);
    boolean jobs = units.keySet().stream().anyMatch(k -> k.startsWith("restic-backups-") || k.startsWith("borgbackup-job-"));
    units.forEach((unit, attrs) -> {
      if (attrs.isEmpty()) {
        return;
      }
      Binding binding = Binding.of(List.of("systemd", "services", unit), attrs.attrs());
      if (unit.equals(first) && (jobs || notify)) {
        binding = binding.withComment(List.of((jobs ? "Backups never read, or initialize a repository on, the root disk's empty"
            + " directories: they wait for the datasets and the database dumps." : "")
            + (jobs && notify ? " " : "") + (notify ? (jobs ? "A failed backup, prune or check" : "A failed pgBackRest backup") + " starts " + NOTIFY + "." : "")));
      }
      all.add(binding);
    });
    if (notify) {
      all.add(notifyUnit(ctx));
      SecretRef token = ctx.spec.backups().onFailure().token();
      if (token != null) {
        ctx.useSecret(token.name(), null, null, NOTIFY + " (posting to ntfy)",
            "an ntfy access token (`tk_...`) allowed to publish to " + ctx.spec.backups().onFailure().ntfy());
        secrets.add(token.name());
        all.add(Binding.of(List.of("sops", "templates", NTFY_AUTH, "content"), new NixValue.Interpolated(List.of(
                NixValue.str("Authorization: Bearer "), new NixValue.Placeholder(token.name()))))
            .withComment(List.of("The ntfy token as a header file for curl's `-H @file`: never in the store or on a command line.")));
      }
    }
    secrets.forEach(s -> all.add(ctx.sopsBinding(s)));
    List<String> comment = new ArrayList<>();
    summary.forEach(line -> comment.addAll(Headers.wrap(line)));
    return ctx.module("backups.nix", "hosts/module.nix.ftl", comment, all);
  }

  private static Bindings restic(Spec spec, Repository repo, String jobName, Set<String> paths, Set<String> exclude,
      BackupJob job) {
    boolean appendOnly = appendOnly(spec, repo);
    Bindings r = new Bindings();
    r.set("paths", NixValue.strings(List.copyOf(paths)));
    if (!exclude.isEmpty()) {
      r.set("exclude", NixValue.strings(List.copyOf(exclude)));
    }
    if (appendOnly) {
      r.comment("Append-only: the account on " + repo.sftp().specHost(spec) + " runs `rclone serve restic --append-only` on"
          + " this repository whatever this host asks (its key's forced command), so nothing here can delete or"
          + " overwrite what is there; " + repo.sftp().specHost(spec) + " prunes it itself (backup-target.nix).");
    }
    r.str("repository", resticRepository(spec, repo));
    r.set("passwordFile", new NixValue.SecretPath(repo.password().name()));
    if (repo.credentials() != null) {
      r.set("environmentFile", new NixValue.SecretPath(repo.credentials().name()));
    }
    List<NixValue> options = resticOptions(spec, repo);
    if (!options.isEmpty()) {
      r.set("extraOptions", NixValue.list(options));
    }
    r.bool("initialize", true);
    r.set("timerConfig", new Bindings()
        .str("OnCalendar", calendar(job))
        .bool("Persistent", true)
        .attrs());
    List<String> prune = prune(job.keep());
    if (appendOnly) {
      // The target prunes by this tag, with this job's retention.
      r.set("extraBackupArgs", NixValue.strings(List.of("--tag " + jobName)));
    } else if (!prune.isEmpty()) {
      r.set("pruneOpts", NixValue.strings(prune));
    }
    return r;
  }

  private static Bindings borg(Repository repo, Set<String> paths, Set<String> exclude, BackupJob job, boolean onDataset) {
    Bindings r = new Bindings();
    r.set("paths", NixValue.strings(List.copyOf(paths)));
    if (!exclude.isEmpty()) {
      r.set("exclude", NixValue.strings(List.copyOf(exclude)));
    }
    r.str("repo", borgRepository(repo));
    if (onDataset) {
      // Not created at activation, which runs at boot before the pool is mounted (see the unit).
      r.bool("removableDevice", true);
    }
    r.set("encryption", new Bindings()
        .str("mode", "repokey-blake2")
        .set("passCommand", new NixValue.Interpolated(List.of(
            NixValue.str("cat "), new NixValue.SecretPath(repo.password().name()))))
        .attrs());
    if (repo.sftp() != null) {
      // borg passes the URL's port itself. The unit's file system is read-only (ProtectSystem=strict)
      // but for ~/.config/borg: the host key, accepted on first contact, is pinned there.
      r.set("environment.BORG_RSH", new NixValue.Interpolated(List.of(
          NixValue.str("ssh -i "), new NixValue.SecretPath(repo.sftp().key().name()),
          NixValue.str(" -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=" + BORG_KNOWN_HOSTS))));
    }
    r.str("compression", "auto,zstd");
    r.str("startAt", calendar(job));
    r.bool("persistentTimer", true);
    Retention keep = job.keep();
    if (keep != null) {
      Bindings k = new Bindings();
      if (keep.within() != null) {
        // borg's month is `m`, its minute `M`; restic's and the spec's hour is `h`, borg's `H`.
        k.str("within", keep.within().replace("h", "H"));
      }
      for (Object[] p : new Object[][] {{"last", keep.last()}, {"daily", keep.daily()}, {"weekly", keep.weekly()},
          {"monthly", keep.monthly()}, {"yearly", keep.yearly()}}) {
        if (p[1] != null) {
          k.set((String) p[0], NixValue.integer((Integer) p[1]));
        }
      }
      r.set("prune.keep", k.attrs());
    }
    return r;
  }

  /**
   * {@code restic check} on its own timer, reading a sample of the data: a unit of its own
   * rather than the module's {@code runCheck}, which would check after every backup.
   */
  private static Bindings check(Spec spec, Repository repo, String unitName, String schedule, boolean onDataset) {
    Bindings c = new Bindings();
    c.str("description", "Verify the restic repository of backup job " + unitName);
    c.set("path", NixValue.list(List.of(new NixValue.Ref("pkgs.restic"), new NixValue.Ref("pkgs.openssh"))));
    Bindings env = new Bindings();
    env.str("RESTIC_REPOSITORY", resticRepository(spec, repo));
    env.set("RESTIC_PASSWORD_FILE", new NixValue.SecretPath(repo.password().name()));
    c.set("environment", env.attrs());
    if (onDataset) {
      c.set("requires", NixValue.strings(List.of(DatasetPlanner.UNIT + ".service")));
      c.set("after", NixValue.strings(List.of(DatasetPlanner.UNIT + ".service")));
    }
    Bindings sc = new Bindings().str("Type", "oneshot");
    if (repo.credentials() != null) {
      sc.set("EnvironmentFile", new NixValue.SecretPath(repo.credentials().name()));
    }
    c.set("serviceConfig", sc.attrs());
    List<NixValue> parts = new ArrayList<>();
    parts.add(NixValue.str("restic"));
    for (NixValue o : resticOptions(spec, repo)) {
      parts.add(NixValue.str(" -o "));
      if (o instanceof NixValue.Interpolated in) {
        parts.addAll(in.parts());
      } else {
        parts.add(o);
      }
    }
    parts.add(NixValue.str(" check --read-data-subset=5% --retry-lock 2h"));
    c.set("script", merge(parts));
    c.str("startAt", schedule);
    return c;
  }

  /** Adjacent string pieces joined, so the script reads as one line. */
  private static NixValue merge(List<NixValue> parts) {
    List<NixValue> out = new ArrayList<>();
    for (NixValue p : parts) {
      if (p instanceof NixValue.Str s && !out.isEmpty() && out.get(out.size() - 1) instanceof NixValue.Str prev) {
        out.set(out.size() - 1, NixValue.str(prev.value() + s.value()));
      } else {
        out.add(p);
      }
    }
    return out.size() == 1 && out.get(0) instanceof NixValue.Str s ? s : new NixValue.Interpolated(out);
  }

  /** pgBackRest: repositories, the full / differential jobs and their credentials. Returns its units. */
  private static List<String> pgBackRest(HostContext ctx, Bindings b, Map<String, Bindings> units, List<String> summary) {
    PgBackRest pg = ctx.spec.backups().pgbackrest();
    // The module numbers repositories (repo1, repo2, ...) in the order of their names.
    List<String> names = new ArrayList<>(new TreeSet<>(pg.to()));
    StringBuilder hint = new StringBuilder("an env file:");
    Bindings repos = new Bindings();
    List<String> posixPaths = new ArrayList<>();
    boolean onDataset = false;
    for (int i = 0; i < names.size(); i++) {
      Repository repo = ctx.spec.backups().repositories().get(names.get(i));
      int n = i + 1;
      Bindings r = new Bindings();
      String where;
      hint.append(i == 0 ? " " : "; ");
      if (repo.s3() != null) {
        var s3 = repo.s3();
        String endpoint = s3.endpoint().replaceFirst("^https?://", "");
        r.str("type", "s3")
            .str("path", pg.path())
            .str("s3-bucket", s3.bucket())
            .str("s3-endpoint", endpoint)
            .str("s3-region", s3.region() == null ? "auto" : s3.region())
            .str("s3-uri-style", "path");
        hint.append("PGBACKREST_REPO").append(n).append("_S3_KEY, PGBACKREST_REPO").append(n).append("_S3_KEY_SECRET and ");
        where = "s3:" + s3.bucket();
      } else if (repo.sftp() != null) {
        var sftp = repo.sftp();
        // Read by PostgreSQL's archive-push (postgres) and by the backup jobs (user pgbackrest): owner postgres,
        // readable by the group pgbackrest.
        ctx.useSecret(sftp.key().name(), "postgres", "pgbackrest", "0440", "pgBackRest (archive-push in postgresql, its backup jobs)",
            "the SSH private key that " + sftp.user() + "@" + sftp.host() + " accepts");
        r.str("type", "sftp")
            .str("path", sftp.path())
            .str("sftp-host", sftp.host())
            .set("sftp-host-port", NixValue.integer(sftp.port() == null ? 22 : sftp.port()))
            .str("sftp-host-user", sftp.user())
            .set("sftp-private-key-file", new NixValue.SecretPath(sftp.key().name()))
            .str("sftp-host-key-hash-type", "sha256");
        if (sftp.fingerprint() != null) {
          r.str("sftp-host-key-check-type", "fingerprint").str("sftp-host-fingerprint", sftp.fingerprint());
        } else {
          r.str("sftp-host-key-check-type", "accept-new");
        }
        where = "sftp:" + sftp.user() + "@" + sftp.host() + ":" + sftp.path();
      } else {
        // A local folder: `host = null`, or the module would take the attribute's name for a repository host.
        r.str("type", "posix").set("host", new NixValue.Ref("null")).str("path", repo.path());
        posixPaths.add(repo.path());
        onDataset |= ctx.datasets.isOnDataset(repo.path());
        where = repo.path();
      }
      hint.append("PGBACKREST_REPO").append(n).append("_CIPHER_PASS (").append(names.get(i)).append(")");
      repos.set(List.of(names.get(i)), r.str("cipher-type", "aes-256-cbc").set("retention-full", NixValue.integer(pg.keepFull())).attrs());
      summary.add(pgSummary(pg, names.get(i), where));
      ctx.pgRepositories.put(names.get(i), where);
    }
    Bindings jobs = new Bindings();
    jobs.set("full", new Bindings().str("schedule", pg.full()).str("type", "full").attrs());
    if (pg.diff() != null) {
      jobs.set("diff", new Bindings().str("schedule", pg.diff()).str("type", "diff").attrs());
    }
    b.comment("PostgreSQL by pgBackRest: WAL archived continuously (point-in-time recovery), encrypted"
            + " full and differential backups; the cluster is not dumped.")
        .set("services.pgbackrest", new Bindings()
            .bool("enable", true)
            .set("repos", repos.attrs())
            .set("stanzas.default.jobs", jobs.attrs())
            .attrs());
    String secret = pg.credentials().name();
    ctx.useSecret(secret, null, null, "pgBackRest (archive-push in postgresql, its backup jobs)", hint.append('.').toString());
    List<String> out = new ArrayList<>();
    out.add("pgbackrest-default-full");
    if (pg.diff() != null) {
      out.add("pgbackrest-default-diff");
    }
    List<String> withKeys = new ArrayList<>(List.of("postgresql"));
    withKeys.addAll(out);
    for (String unit : withKeys) {
      Bindings u = units.computeIfAbsent(unit, k -> new Bindings());
      u.set("serviceConfig.EnvironmentFile", new NixValue.SecretPath(secret));
      if (!posixPaths.isEmpty()) {
        if (unit.equals("postgresql")) {
          // The module's unit sees a read-only file system (ProtectSystem = "strict") but for its data.
          u.set("serviceConfig.ReadWritePaths", NixValue.strings(posixPaths));
        } else {
          // archive-push (postgres) and the jobs write the same folders, which pgBackRest creates
          // 0750: in a local repository, all of it runs as postgres, which owns the folder.
          u.set("serviceConfig.User", new NixValue.Apply(new NixValue.Ref("lib.mkForce"), NixValue.str("postgres")));
          u.set("serviceConfig.Group", new NixValue.Apply(new NixValue.Ref("lib.mkForce"), NixValue.str("postgres")));
        }
      }
      if (onDataset) {
        // The datasets unit makes the folder (folders()): its namespace (ReadWritePaths) and
        // stanza-create need it.
        u.set("requires", NixValue.strings(List.of(DatasetPlanner.UNIT + ".service")));
        u.set("after", NixValue.strings(List.of(DatasetPlanner.UNIT + ".service")));
      }
    }
    return out;
  }

  private static String pgSummary(PgBackRest pg, String name, String where) {
    return "pgBackRest: PostgreSQL archived continuously into " + name + " (" + where + "), full "
        + pg.full() + (pg.diff() == null ? "" : ", differential " + pg.diff()) + ", keeping " + pg.keepFull() + " full backups.";
  }

  /** The unit every failed backup unit starts: logs the failure and posts it to ntfy. */
  private static Binding notifyUnit(HostContext ctx) {
    String ntfy = ctx.spec.backups().onFailure().ntfy();
    List<String> script = new ArrayList<>();
    script.add("unit=\"$1\"");
    script.add("status=\"$(systemctl status --full --no-pager --lines=20 \"$unit\" || true)\"");
    script.add("echo \"$unit failed on " + Shell.inDoubleQuotes(ctx.name) + "\" >&2");
    script.add("printf '%s\\n' \"$status\" >&2");
    Bindings n = new Bindings();
    n.str("description", "Report the failure of %i");
    if (ntfy != null) {
      boolean token = ctx.spec.backups().onFailure().token() != null;
      script.add("curl -fsS --retry 3 -H \"Title: $unit failed on " + Shell.inDoubleQuotes(ctx.name)
          + "\" -H 'Priority: high' -H 'Tags: warning' \\");
      if (token) {
        script.add("  -H \"@$NTFY_AUTH_HEADER\" \\");
        n.set("environment.NTFY_AUTH_HEADER", new NixValue.TemplatePath(NTFY_AUTH));
      }
      script.add("  --data-binary \"$status\" " + Shell.quoted(ntfy));
      n.set("path", NixValue.list(List.of(new NixValue.Ref("pkgs.curl"))));
    }
    n.str("scriptArgs", "%i");
    n.set("serviceConfig", new Bindings().str("Type", "oneshot").attrs());
    n.set("script", new NixValue.Text(script));
    return Binding.of(List.of("systemd", "services", NOTIFY), n.attrs())
        .withComment(List.of(ntfy == null ? "Logs a failed unit's status to the journal."
            : "Logs a failed unit's status to the journal and posts it to ntfy."));
  }

  /** Where a repository is, for the summary. */
  public static String location(Spec spec, Repository repo) {
    return repo.restic() ? resticRepository(spec, repo) : borgRepository(repo);
  }

  /**
   * True for a restic repository on a host of the spec: restic reaches it through
   * {@code rclone serve restic --stdio --append-only}, which the account there runs for the
   * key whatever the client asks, so a compromised client cannot delete or overwrite its
   * backups; the target prunes. Not when pgBackRest also writes over SFTP as the same account
   * on that host, which must then stay an SFTP account.
   */
  static boolean appendOnly(Spec spec, Repository repo) {
    if (!repo.restic() || repo.sftp() == null) {
      return false;
    }
    String host = repo.sftp().specHost(spec);
    if (host == null) {
      return false;
    }
    PgBackRest pg = spec.backups().pgbackrest();
    if (pg != null) {
      for (String name : pg.to()) {
        Repository other = spec.backups().repositories().get(name);
        if (other != null && other.sftp() != null && other.sftp().user().equals(repo.sftp().user())
            && host.equals(other.sftp().specHost(spec))) {
          return false;
        }
      }
    }
    return true;
  }

  /** The restic repository string. */
  static String resticRepository(Spec spec, Repository repo) {
    if (repo.path() != null) {
      return repo.path();
    }
    if (appendOnly(spec, repo)) {
      // The remote's name is for people: the target's forced command serves its own path.
      return "rclone:" + repo.sftp().host() + ":" + repo.sftp().path();
    }
    if (repo.sftp() != null) {
      return "sftp:" + repo.sftp().user() + "@" + repo.sftp().host() + ":" + repo.sftp().path();
    }
    if (repo.s3() != null) {
      String endpoint = repo.s3().endpoint().matches("https?://.*") ? repo.s3().endpoint() : "https://" + repo.s3().endpoint();
      return "s3:" + endpoint + "/" + repo.s3().bucket() + (repo.s3().path() == null ? "" : "/" + repo.s3().path());
    }
    if (repo.b2() != null) {
      return "b2:" + repo.b2().bucket() + ":" + (repo.b2().path() == null ? "restic" : repo.b2().path());
    }
    return repo.url();
  }

  /** {@code -o} options: the SSH command with its key for sftp (or rclone), the region for S3. */
  private static List<NixValue> resticOptions(Spec spec, Repository repo) {
    List<NixValue> out = new ArrayList<>();
    if (repo.sftp() != null) {
      List<String> ssh = sshCommand(spec, repo);
      out.add(new NixValue.Interpolated(List.of(
          NixValue.str(sshOption(spec, repo) + "='" + Shell.inSingleQuotes(ssh.get(0))), new NixValue.SecretPath(repo.sftp().key().name()),
          NixValue.str(Shell.inSingleQuotes(ssh.get(1)) + "'"))));
    }
    if (repo.s3() != null && repo.s3().region() != null) {
      out.add(NixValue.str("s3.region=" + Shell.word(repo.s3().region())));
    }
    return out;
  }

  /**
   * The restic option that holds the SSH command: {@code sftp.command}, or for an
   * append-only repository {@code rclone.program} (restic runs it with rclone's arguments,
   * which the target's forced command ignores).
   */
  static String sshOption(Spec spec, Repository repo) {
    return appendOnly(spec, repo) ? "rclone.program" : "sftp.command";
  }

  /**
   * restic's SSH command for a repository over SSH, split where the key's path goes: the
   * host key is accepted on first contact, then pinned; SFTP's subsystem, or for an
   * append-only repository the command the target forces.
   */
  static List<String> sshCommand(Spec spec, Repository repo) {
    var s = repo.sftp();
    return List.of("ssh " + Shell.word(s.user() + "@" + s.host()) + (s.port() == null ? "" : " -p " + s.port()) + " -i ",
        " -o StrictHostKeyChecking=accept-new" + (appendOnly(spec, repo) ? "" : " -s sftp"));
  }

  private static String borgRepository(Repository repo) {
    if (repo.path() != null) {
      return repo.path();
    }
    var s = repo.sftp();
    return "ssh://" + s.user() + "@" + s.host() + (s.port() == null ? "" : ":" + s.port()) + s.path();
  }

  private static String credentialsHint(Repository repo) {
    if (repo.b2() != null) {
      return "an env file: B2_ACCOUNT_ID=<key id> and B2_ACCOUNT_KEY=<application key>, a line each";
    }
    return "an env file: AWS_ACCESS_KEY_ID=<key id> and AWS_SECRET_ACCESS_KEY=<secret key>, a line each";
  }

  /** {@code at: "02:00"} as a systemd calendar event, or the job's own {@code schedule}. */
  public static String calendar(BackupJob job) {
    if (job.schedule() != null) {
      return job.schedule();
    }
    if (job.at() != null) {
      return "*-*-* " + job.at() + ":00";
    }
    return "daily";
  }

  public static List<String> prune(Retention keep) {
    List<String> out = new ArrayList<>();
    if (keep == null) {
      return out;
    }
    if (keep.within() != null) {
      out.add("--keep-within " + keep.within());
    }
    add(out, "last", keep.last());
    add(out, "daily", keep.daily());
    add(out, "weekly", keep.weekly());
    add(out, "monthly", keep.monthly());
    add(out, "yearly", keep.yearly());
    return out;
  }

  private static void add(List<String> out, String what, Integer n) {
    if (n != null) {
      out.add("--keep-" + what + " " + n);
    }
  }

  /**
   * The backup units of this host (a restic or Borg job per repository, as {@link #plan} writes
   * them), each with the calendar expression of its timer: what the monitoring host watches.
   */
  public static Map<String, String> timedUnits(HostContext ctx) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, BackupJob> e : ctx.spec.backups().jobs().entrySet()) {
      BackupJob job = e.getValue();
      if (!runsOn(ctx, e.getKey(), job) || contents(ctx, e.getKey(), job).paths().isEmpty()) {
        continue;
      }
      for (String repoName : job.to()) {
        Repository repo = ctx.spec.backups().repositories().get(repoName);
        out.put((repo.restic() ? "restic-backups-" : "borgbackup-job-") + unitName(e.getKey(), job, repoName), calendar(job));
      }
    }
    return out;
  }
}
