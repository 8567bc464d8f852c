package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.Dataset;
import dev.homelab.model.Pool;
import dev.homelab.model.Size;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.Map;

/**
 * HL0320: a dataset's quota or reservation cannot exceed its pool's size, nor a quota an
 * ancestor's total quota (error);
 * quotas summing above the pool over-commit it (a warning: seed 004 does it on purpose), and
 * quotas that leave less than {@value #FREE_PERCENT} % of it free are warned about too (ZFS
 * slows down and fragments as a pool fills).
 */
public final class QuotaBudget implements Rule {

  /** The share of a pool that quotas should leave free. */
  static final int FREE_PERCENT = 15;

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
          Size r = d.getValue() == null ? null : d.getValue().reservation();
          if (r != null && r.bytes() > pool.size().bytes()) {
            ctx.error(SourceMap.path(poolPath, "datasets", d.getKey(), "reservation"), "reservation " + r + " of `"
                + p.getKey() + "/" + d.getKey() + "` is larger than pool `" + p.getKey() + "` (" + pool.size() + ")",
                "ZFS cannot keep more free than the pool holds: lower the reservation, or correct the pool's `size`");
          }
          Size q = limit(d.getValue());
          if (q == null) {
            continue;
          }
          String path = SourceMap.path(poolPath, "datasets", d.getKey());
          String field = SourceMap.child(path, d.getValue().totalQuota() != null ? "totalQuota" : "quota");
          if (q.bytes() > pool.size().bytes()) {
            ctx.error(field, "quota " + q + " of `" + p.getKey() + "/" + d.getKey() + "` is larger than pool `" + p.getKey()
                + "` (" + pool.size() + ")", "lower the quota, or correct the pool's `size`");
            continue;
          }
          String ancestor = ancestorOver(pool, d.getKey(), q);
          if (ancestor != null) {
            ctx.error(field, "quota " + q + " of `" + p.getKey() + "/" + d.getKey() + "` is larger than the total quota "
                + pool.datasets().get(ancestor).totalQuota() + " of `" + p.getKey() + "/" + ancestor + "`",
                "`totalQuota` bounds everything below a dataset: lower one of them");
            continue;
          }
          // A total quota bounds its whole subtree; below one, nothing adds to the budget.
          if (!hasTotalQuotaAncestor(pool, d.getKey())) {
            sum += q.bytes();
          }
        }
        if (sum > pool.size().bytes()) {
          ctx.warning(SourceMap.child(poolPath, "size"), "quotas of pool `" + p.getKey() + "` sum to " + Size.format(sum)
              + ", more than its " + pool.size(), "this over-commits the pool; fine if the datasets will not all fill up");
        } else if (sum * 100 > pool.size().bytes() * (100 - FREE_PERCENT)) {
          ctx.warning(SourceMap.child(poolPath, "size"), "quotas of pool `" + p.getKey() + "` sum to " + Size.format(sum)
              + " of its " + pool.size() + ", leaving less than " + FREE_PERCENT + " % free",
              "ZFS slows down and fragments as a pool fills: fine if the datasets will not all fill up, else lower quotas to keep "
                  + FREE_PERCENT + " % free");
        }
      }
    });
  }

  /** The most a dataset can take up: its total quota (subtree) when given, else its quota (own data). */
  private static Size limit(Dataset d) {
    if (d == null) {
      return null;
    }
    return d.totalQuota() != null ? d.totalQuota() : d.quota();
  }

  /**
   * The nearest ancestor whose total quota is smaller than {@code q}. A plain {@code quota}
   * (ZFS refquota) counts only the ancestor's own data, so children may exceed it.
   */
  private static String ancestorOver(Pool pool, String name, Size q) {
    for (String a = parent(name); a != null; a = parent(a)) {
      Dataset ds = pool.datasets().get(a);
      if (ds != null && ds.totalQuota() != null && q.bytes() > ds.totalQuota().bytes()) {
        return a;
      }
    }
    return null;
  }

  private static boolean hasTotalQuotaAncestor(Pool pool, String name) {
    for (String a = parent(name); a != null; a = parent(a)) {
      Dataset ds = pool.datasets().get(a);
      if (ds != null && ds.totalQuota() != null) {
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
