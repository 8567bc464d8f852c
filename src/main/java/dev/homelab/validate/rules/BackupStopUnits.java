package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.diag.Suggest;
import dev.homelab.model.BackupJob;
import dev.homelab.model.Host;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HL0494: each entry of a backup job's {@code stop} is a deployed service, or a systemd unit
 * of one ({@code name.service}), on a host the job runs on (its {@code hosts}, or any host
 * when it names none): a name nothing answers to would stop nothing, and the job would read
 * data that is being written.
 */
public final class BackupStopUnits implements Rule {

  @Override
  public String id() {
    return "HL0494";
  }

  /** A service's systemd units as the catalog names them, {@code {containerUnit}} filled in. */
  static List<String> units(EffectiveService s) {
    List<String> out = new ArrayList<>();
    for (String u : s.descriptor().units()) {
      String unit = u;
      if (u.contains("{containerUnit}")) {
        String container = s.spec().container() != null && "quadlet".equals(s.spec().container().runtime())
            ? s.name() : "podman-" + s.name();
        unit = u.replace("{containerUnit}", container);
      }
      out.add(unit + ".service");
    }
    return out;
  }

  @Override
  public void check(RuleContext ctx) {
    for (Map.Entry<String, BackupJob> e : ctx.spec().backups().jobs().entrySet()) {
      BackupJob job = e.getValue();
      if (job.stop().isEmpty()) {
        continue;
      }
      Set<String> names = new LinkedHashSet<>();
      Set<String> elsewhere = new LinkedHashSet<>();
      for (Map.Entry<String, Host> h : ctx.hosts().entrySet()) {
        boolean runs = job.hosts().isEmpty() || job.hosts().contains(h.getKey());
        for (EffectiveService s : ctx.services(h.getKey(), h.getValue())) {
          if (!s.deployed()) {
            continue;
          }
          Set<String> target = runs ? names : elsewhere;
          if (!units(s).isEmpty()) {
            target.add(s.name());
            target.addAll(units(s));
          }
        }
      }
      String path = SourceMap.path("backups", "jobs", e.getKey(), "stop");
      for (int i = 0; i < job.stop().size(); i++) {
        String name = job.stop().get(i);
        if (names.contains(name)) {
          continue;
        }
        String item = path + "[" + i + "]";
        if (elsewhere.contains(name)) {
          ctx.error(item, "`" + name + "` runs on no host backup job `" + e.getKey() + "` runs on ("
                  + String.join(", ", job.hosts()) + ")",
              "stop it from a job that runs where it does, or add its host to `backups.jobs." + e.getKey() + ".hosts`");
          continue;
        }
        String hint = Suggest.didYouMean(name, names);
        ctx.error(item, "backup job `" + e.getKey() + "` stops `" + name + "`, which is no deployed service"
                + " or unit of one on its hosts",
            hint != null ? hint : names.isEmpty() ? "name a service the job's hosts run, or its unit (`NAME.service`)"
                : "name a service or unit the job's hosts run: " + String.join(", ", names.stream().limit(12).toList())
                    + (names.size() > 12 ? ", ..." : ""));
      }
    }
  }
}
