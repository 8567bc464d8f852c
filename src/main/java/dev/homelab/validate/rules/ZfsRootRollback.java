package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.Paths;
import dev.homelab.model.Pool;
import dev.homelab.model.ZfsRoot;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.Map;

/**
 * HL0490: the dataset a ZFS root rolls back at every boot ({@code impermanence.zfs.rollback})
 * holds nothing that must survive: it is not also one of the root's persistent
 * {@code datasets}, nor (or a parent of) a dataset of the host's {@code storage}, a service's
 * {@code dataset}, or a dataset the host replicates. Whatever lives there is gone at the next
 * boot, and its snapshots newer than {@code @blank} with it.
 */
public final class ZfsRootRollback implements Rule {

  @Override
  public String id() {
    return "HL0490";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      ZfsRoot zfs = host.impermanence() == null ? null : host.impermanence().zfs();
      if (zfs == null) {
        return;
      }
      String root = zfs.rootDataset();
      String zfsPath = SourceMap.path("hosts", hostName, "impermanence", "zfs");
      String hint = "the root dataset goes back to @" + ZfsRoot.BLANK + " at every boot: keep data on a dataset of its own,"
          + " outside " + root;
      if (zfs.datasets() != null && zfs.datasets().containsKey(zfs.rollback())) {
        ctx.errorAtKey(SourceMap.child(SourceMap.child(zfsPath, "datasets"), zfs.rollback()), "`" + zfs.rollback()
            + "` is the dataset rolled back at every boot and a persistent dataset of the root too", hint);
      }
      Pool pool = host.storage().get(zfs.pool());
      if (pool != null) {
        for (Map.Entry<String, dev.homelab.model.Dataset> d : pool.datasets().entrySet()) {
          if (Paths.isAtOrBelow(zfs.pool() + "/" + d.getKey(), root)) {
            ctx.errorAtKey(SourceMap.path("hosts", hostName, "storage", zfs.pool(), "datasets", d.getKey()), "dataset `"
                + zfs.pool() + "/" + d.getKey() + "` lies in " + root + ", which is rolled back to @" + ZfsRoot.BLANK
                + " at every boot", hint);
          }
        }
      }
      for (EffectiveService s : ctx.services(hostName, host)) {
        String dataset = s.spec().dataset();
        if (dataset != null && Paths.isAtOrBelow(dataset, root)) {
          ctx.error(SourceMap.child(s.path(), "dataset"), "`" + s.name() + "` keeps its data in `" + dataset + "`, which is"
              + " rolled back to @" + ZfsRoot.BLANK + " at every boot", hint);
        }
      }
      if (host.replication() != null) {
        var datasets = host.replication().datasets();
        for (int i = 0; i < datasets.size(); i++) {
          if (Paths.isAtOrBelow(datasets.get(i), root) || Paths.isAtOrBelow(root, datasets.get(i))) {
            ctx.error(SourceMap.path("hosts", hostName, "replication", "datasets") + "[" + i + "]", "replicating `"
                + datasets.get(i) + "` sends the root dataset " + root + ", rolled back at every boot", hint
                + "; replicate the persistent datasets instead");
          }
        }
      }
    });
  }
}
