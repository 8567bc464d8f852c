package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.diag.Suggest;
import dev.homelab.model.BackupJob;
import dev.homelab.model.Paths;
import dev.homelab.model.Preseed;
import dev.homelab.model.Tier;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.List;
import java.util.Map;

/**
 * HL0396: a service's {@code preseed} restores into a data directory the service has, from
 * each source of {@code from}: {@code restic}, a declared restic {@code repository} (a warning
 * when no backup job of the spec writes that service into it: the restore would find
 * nothing); {@code syncoid}, the copy of the service's {@code dataset}, which the host's
 * {@code replication} must replicate (the dataset or a parent in its {@code datasets});
 * {@code local}, the snapshots of the service's {@code dataset}. A {@code repository} only
 * with {@code restic}.
 */
public final class PreseedSource implements Rule {

  @Override
  public String id() {
    return "HL0396";
  }

  @Override
  public void check(RuleContext ctx) {
    var spec = ctx.spec();
    ctx.hosts().forEach((hostName, host) -> {
      for (EffectiveService s : ctx.services(hostName, host)) {
        Preseed p = s.spec().preseed();
        if (p == null || p.from() == null || p.from().isEmpty()) {
          continue;
        }
        String path = SourceMap.child(s.path(), "preseed");
        boolean restic = p.tries(dev.homelab.model.PreseedSource.RESTIC);
        if (!restic && p.repository() != null) {
          ctx.error(SourceMap.child(path, "repository"), "a preseed " + describe(p) + " takes no `repository`",
              "it restores from the copy the host's replication keeps"
                  + (p.tries(dev.homelab.model.PreseedSource.LOCAL) ? " or the dataset's own snapshots" : "")
                  + "; leave `repository` out, or add `restic` to `from`");
          continue;
        }
        if (p.tries(dev.homelab.model.PreseedSource.SYNCOID) && !syncoid(ctx, hostName, host, s, path)) {
          continue;
        }
        if (p.tries(dev.homelab.model.PreseedSource.LOCAL) && s.spec().dataset() == null) {
          ctx.errorAtKey(path, "`" + s.name() + "` has no `dataset`: a preseed from `local` rolls its dataset back to its"
                  + " newest snapshot that holds data",
              "give it a `dataset` with a snapshot policy, or leave `local` out of `from`");
          continue;
        }
        if (!restic) {
          continue;
        }
        if (p.repository() == null) {
          ctx.errorAtKey(path, "a preseed from `restic` needs `repository: NAME`",
              "name a restic repository under `backups.repositories` that the service is backed up to");
          continue;
        }
        if (!spec.backups().repositories().containsKey(p.repository())) {
          String hint = Suggest.didYouMean(p.repository(), spec.backups().repositories().keySet());
          ctx.error(SourceMap.child(path, "repository"), "unknown backup repository `" + p.repository() + "`",
              hint != null ? hint : "declare it under `backups.repositories:`");
          continue;
        }
        if (!spec.backups().repositories().get(p.repository()).restic()) {
          ctx.error(SourceMap.child(path, "repository"), "`" + p.repository() + "` is a Borg repository; preseed restores from restic",
              "name a restic repository the service is backed up to");
          continue;
        }
        if (s.descriptor().stateDir() == null && s.spec().dataset() == null) {
          ctx.errorAtKey(path, "`" + s.name() + "` (" + s.kind() + ") keeps no data directory to restore",
              "give it a `dataset`, or remove `preseed`");
          continue;
        }
        if (!backedUpInto(spec.backups().jobs(), spec.tiers(), s, p.repository())) {
          ctx.warningAtKey(path, "no backup job writes `" + s.name() + "` into `" + p.repository() + "`: the restore would find nothing",
              "add the service (or its tier) to a job with `to: [" + p.repository() + "]`");
        }
      }
    });
  }

  /** {@code from: syncoid} or {@code from: [syncoid, local]}, as the spec would say it. */
  private static String describe(Preseed p) {
    List<String> words = p.from().stream().map(dev.homelab.model.PreseedSource::wire).toList();
    return "`from: " + (words.size() == 1 ? words.get(0) : "[" + String.join(", ", words) + "]") + "`";
  }

  /** True when the syncoid source can restore; else reports why not. */
  private static boolean syncoid(RuleContext ctx, String hostName, dev.homelab.model.Host host, EffectiveService s, String path) {
    String dataset = s.spec().dataset();
    if (dataset == null) {
      ctx.errorAtKey(path, "`" + s.name() + "` has no `dataset`: a preseed `from: syncoid` receives a replicated dataset",
          "give it a `dataset` under one of hosts." + hostName + ".replication.datasets, or use `from: restic`");
      return false;
    }
    if (host.replication() == null) {
      ctx.errorAtKey(path, "host `" + hostName + "` has no `replication`: there is no Syncoid copy to preseed `" + s.name() + "` from",
          "add `replication: { to: HOST, datasets: [" + dataset + "], sshKey: { secret: NAME } }` to hosts." + hostName);
      return false;
    }
    boolean replicated = host.replication().datasets().stream()
        .anyMatch(d -> Paths.isAtOrBelow(dataset, d));
    if (!replicated) {
      ctx.errorAtKey(path, "`" + dataset + "` is not replicated: no dataset in hosts." + hostName
              + ".replication.datasets is it or holds it",
          "add `" + dataset + "` (or a parent) to hosts." + hostName + ".replication.datasets, or use `from: restic`");
    }
    return replicated;
  }

  private static boolean backedUpInto(Map<String, BackupJob> jobs, Map<String, Tier> tiers, EffectiveService s, String repo) {
    Tier tier = s.tier() == null ? null : tiers.get(s.tier());
    for (Map.Entry<String, BackupJob> e : jobs.entrySet()) {
      boolean covers = e.getValue().services().contains(s.name()) || tier != null && tier.backup().contains(e.getKey());
      if (covers && e.getValue().to().contains(repo)) {
        return true;
      }
    }
    return false;
  }
}
