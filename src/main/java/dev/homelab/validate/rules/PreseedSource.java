package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.diag.Suggest;
import dev.homelab.model.BackupJob;
import dev.homelab.model.Preseed;
import dev.homelab.model.Tier;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.Map;

/**
 * HL0396: a service's {@code preseed} restores from a declared restic repository, into a
 * data directory the service has; a warning when no backup job of the spec writes that
 * service into that repository (the restore would find nothing).
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
        if (p == null || p.repository() == null) {
          continue;
        }
        String path = SourceMap.child(s.path(), "preseed");
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
