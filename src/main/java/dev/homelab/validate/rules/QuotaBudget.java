package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.Dataset;
import dev.homelab.model.Pool;
import dev.homelab.model.Size;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.Map;

/**
 * HL0320: a dataset's quota cannot exceed its pool's size or an ancestor's quota (error);
 * quotas summing above the pool over-commit it (a warning: seed 004 does it on purpose).
 */
public final class QuotaBudget implements Rule {

  @Override
  public String id() {
    return "HL0320";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      for (Map.Entry<String, Pool> p : host.storage().entrySet()) {
        Pool pool = p.getValue();
        if (pool.size() == null) {
          continue;
        }
        String poolPath = SourceMap.path("hosts", hostName, "storage", p.getKey());
        long sum = 0;
        for (Map.Entry<String, Dataset> d : pool.datasets().entrySet()) {
          Size q = limit(d.getValue());
          if (q == null) {
            continue;
          }
          String path = SourceMap.path(poolPath, "datasets", d.getKey());
          String field = SourceMap.child(path, d.getValue().quota() != null ? "quota" : "totalQuota");
          if (q.bytes() > pool.size().bytes()) {
            ctx.error(field, "quota " + q + " of `" + p.getKey() + "/" + d.getKey() + "` is larger than pool `" + p.getKey()
                + "` (" + pool.size() + ")", "lower the quota, or correct the pool's `size`");
            continue;
          }
          String ancestor = ancestorOver(pool, d.getKey(), q);
          if (ancestor != null) {
            ctx.error(field, "quota " + q + " of `" + p.getKey() + "/" + d.getKey() + "` is larger than the quota "
                + limit(pool.datasets().get(ancestor)) + " of its parent `" + p.getKey() + "/" + ancestor + "`",
                "a child can never hold more than its parent; lower one of them");
            continue;
          }
          if (!hasLimitedAncestor(pool, d.getKey())) {
            sum += q.bytes();
          }
        }
        if (sum > pool.size().bytes()) {
          ctx.warning(SourceMap.child(poolPath, "size"), "quotas of pool `" + p.getKey() + "` sum to " + Size.format(sum)
              + ", more than its " + pool.size(), "this over-commits the pool; fine if the datasets will not all fill up");
        }
      }
    });
  }

  private static Size limit(Dataset d) {
    if (d == null) {
      return null;
    }
    return d.quota() != null ? d.quota() : d.totalQuota();
  }

  private static String ancestorOver(Pool pool, String name, Size q) {
    for (String a = parent(name); a != null; a = parent(a)) {
      Size limit = limit(pool.datasets().get(a));
      if (limit != null && q.bytes() > limit.bytes()) {
        return a;
      }
    }
    return null;
  }

  private static boolean hasLimitedAncestor(Pool pool, String name) {
    for (String a = parent(name); a != null; a = parent(a)) {
      if (limit(pool.datasets().get(a)) != null) {
        return true;
      }
    }
    return false;
  }

  private static String parent(String name) {
    int cut = name.lastIndexOf('/');
    return cut < 0 ? null : name.substring(0, cut);
  }
}
