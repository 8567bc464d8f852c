package dev.homelab.plan;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.BackupJob;
import dev.homelab.model.Repository;
import dev.homelab.model.Retention;
import dev.homelab.model.Tier;
import dev.homelab.nix.NixValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans {@code backups.nix}: one restic job per spec job and repository on this host, its
 * paths from the job and from the data of its services (named, or joined through their
 * tier), on a timer, with retention; jobs wait for the dataset unit so they never back up
 * (or initialize a repository on) the root disk's empty directories.
 */
final class BackupPlanner {

  private BackupPlanner() {}

  /** The services of this host a job backs up. */
  static List<EffectiveService> servicesOf(HostContext ctx, String jobName, BackupJob job) {
    List<EffectiveService> out = new ArrayList<>();
    for (EffectiveService s : ctx.services) {
      Tier tier = s.tier() == null ? null : ctx.spec.tiers().get(s.tier());
      if (job.services().contains(s.name()) || tier != null && tier.backup().contains(jobName)) {
        out.add(s);
      }
    }
    return out;
  }

  /** True when the job runs on this host. */
  static boolean runsOn(HostContext ctx, String jobName, BackupJob job) {
    if (!job.hosts().isEmpty()) {
      return job.hosts().contains(ctx.name);
    }
    return !servicesOf(ctx, jobName, job).isEmpty() || !job.paths().isEmpty() && ctx.spec.hosts().size() == 1;
  }

  /** Null when no job runs on this host. */
  static PlannedFile plan(HostContext ctx) {
    Bindings b = new Bindings();
    Bindings units = new Bindings();
    List<String> summary = new ArrayList<>();
    Set<String> dumped = new LinkedHashSet<>();
    String dumpDir = null;
    for (Map.Entry<String, BackupJob> e : ctx.spec.backups().jobs().entrySet()) {
      BackupJob job = e.getValue();
      if (!runsOn(ctx, e.getKey(), job)) {
        continue;
      }
      Set<String> paths = new LinkedHashSet<>(job.paths());
      Set<String> exclude = new LinkedHashSet<>(job.exclude());
      List<String> databases = servicesOf(ctx, e.getKey(), job).stream()
          .filter(s -> "postgresql".equals(s.descriptor().database()))
          .map(EffectiveService::kind)
          .distinct()
          .toList();
      if (!databases.isEmpty()) {
        dumpDir = dumpDir == null ? job.dumps() : dumpDir;
        dumped.addAll(databases);
        paths.add(dumpDir);
      }
      for (EffectiveService s : servicesOf(ctx, e.getKey(), job)) {
        String dir = ctx.datasets.dataDir(s);
        if (dir == null) {
          continue;
        }
        paths.add(dir);
        for (String x : s.descriptor().backupExclude()) {
          exclude.add(dir + "/" + x);
        }
      }
      if (paths.isEmpty()) {
        continue;
      }
      for (String repoName : job.to()) {
        Repository repo = ctx.spec.backups().repositories().get(repoName);
        String unitName = job.to().size() == 1 ? e.getKey() : e.getKey() + "-" + repoName;
        String where = repo.path() != null ? repo.path() : repo.url();
        Bindings r = new Bindings();
        r.set("paths", NixValue.strings(List.copyOf(paths)));
        if (!exclude.isEmpty()) {
          r.set("exclude", NixValue.strings(List.copyOf(exclude)));
        }
        r.str("repository", where);
        ctx.useSecret(repo.password().name(), null, null, "restic backup job " + unitName, "the restic repository password");
        r.set("passwordFile", new NixValue.SecretPath(repo.password().name()));
        r.bool("initialize", true);
        r.set("timerConfig", new Bindings()
            .str("OnCalendar", calendar(job))
            .bool("Persistent", true)
            .attrs());
        List<String> prune = prune(job.keep());
        if (!prune.isEmpty()) {
          r.set("pruneOpts", NixValue.strings(prune));
        }
        b.set(List.of("services", "restic", "backups", unitName), r.attrs());
        summary.add("Job " + unitName + ": " + calendar(job) + " into " + repoName + " (" + where + ")"
            + (prune.isEmpty() ? "" : ", keeping " + String.join(" ", prune).replace("--keep-", "")) + ".");
        boolean onDatasets = paths.stream().anyMatch(ctx.datasets::isOnDataset)
            || repo.path() != null && ctx.datasets.isOnDataset(repo.path());
        List<String> before = new ArrayList<>();
        if (onDatasets) {
          before.add(DatasetPlanner.UNIT + ".service");
        }
        databases.forEach(db -> before.add("postgresqlBackup-" + db + ".service"));
        if (!before.isEmpty()) {
          units.set(List.of("systemd", "services", "restic-backups-" + unitName), new Bindings()
              .set("requires", NixValue.strings(before))
              .set("after", NixValue.strings(before))
              .attrs());
        }
      }
    }
    if (b.isEmpty()) {
      return null;
    }
    if (!dumped.isEmpty()) {
      b.comment("Consistent PostgreSQL dumps, taken right before each restic job that backs them up"
              + " (it requires them), not on a timer of their own.")
          .set("services.postgresqlBackup", new Bindings()
              .bool("enable", true)
              .set("databases", NixValue.strings(List.copyOf(dumped)))
              .str("location", dumpDir)
              .set("startAt", NixValue.list(List.of()))
              .attrs());
    }
    List<dev.homelab.nix.Binding> all = new ArrayList<>(b.build());
    List<dev.homelab.nix.Binding> u = units.build();
    if (!u.isEmpty()) {
      all.add(u.get(0).withComment(List.of("Never back up, or initialize a repository, on the root disk's empty"
          + " directories; dump the databases first.")));
      all.addAll(u.subList(1, u.size()));
    }
    Set<String> secrets = new LinkedHashSet<>();
    for (Map.Entry<String, BackupJob> e : ctx.spec.backups().jobs().entrySet()) {
      if (runsOn(ctx, e.getKey(), e.getValue())) {
        e.getValue().to().forEach(r -> secrets.add(ctx.spec.backups().repositories().get(r).password().name()));
      }
    }
    secrets.forEach(s -> all.add(ctx.sopsBinding(s)));
    List<String> comment = new ArrayList<>();
    summary.forEach(line -> comment.addAll(Headers.wrap(line)));
    return ctx.module("backups.nix", "hosts/module.nix.ftl", comment, all);
  }

  /** {@code at: "02:00"} as a systemd calendar event, or the job's own {@code schedule}. */
  static String calendar(BackupJob job) {
    if (job.schedule() != null) {
      return job.schedule();
    }
    if (job.at() != null) {
      return "*-*-* " + job.at() + ":00";
    }
    return "daily";
  }

  static List<String> prune(Retention keep) {
    List<String> out = new ArrayList<>();
    if (keep == null) {
      return out;
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
}
