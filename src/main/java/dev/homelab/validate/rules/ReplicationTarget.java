package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.diag.Suggest;
import dev.homelab.model.Host;
import dev.homelab.model.Replication;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * HL0395: a host's {@code replication} sends to another host of the spec that has a ZFS
 * pool to receive into, copies datasets the sending host declares, runs on a systemd
 * calendar expression and logs in with a declared secret.
 */
public final class ReplicationTarget implements Rule {

  private static final Pattern SHORTHAND = Pattern.compile("minutely|hourly|daily|weekly|monthly|quarterly|semiannually|yearly|annually");
  private static final Pattern CALENDAR = Pattern.compile(
      "((Mon|Tue|Wed|Thu|Fri|Sat|Sun)([.,][.]?(Mon|Tue|Wed|Thu|Fri|Sat|Sun))* )?"
          + "([0-9*./,~-]+ )?[0-9*./,:]+( [A-Za-z_/+-]+)?");

  @Override
  public String id() {
    return "HL0395";
  }

  @Override
  public void check(RuleContext ctx) {
    for (Map.Entry<String, Host> h : ctx.hosts().entrySet()) {
      Replication r = h.getValue().replication();
      if (r == null) {
        continue;
      }
      String path = SourceMap.path("hosts", h.getKey(), "replication");
      target(ctx, h.getKey(), r, path);
      List<String> own = new ArrayList<>();
      h.getValue().storage().forEach((pool, p) -> {
        own.add(pool);
        p.datasets().keySet().forEach(d -> own.add(pool + "/" + d));
      });
      Map<String, String> policies = policies(ctx, h.getKey(), h.getValue());
      for (int i = 0; i < r.datasets().size(); i++) {
        String d = r.datasets().get(i);
        String at = SourceMap.child(path, "datasets") + "[" + i + "]";
        if (!own.contains(d)) {
          String hint = Suggest.didYouMean(d, own);
          ctx.error(at, "host `" + h.getKey() + "` has no dataset `" + d + "`",
              hint != null ? hint : "replicate datasets declared under hosts." + h.getKey() + ".storage (`pool/path`)");
          continue;
        }
        List<String> without = policies.entrySet().stream()
            .filter(p -> p.getKey().equals(d) || p.getKey().startsWith(d + "/"))
            .filter(p -> p.getValue() == null)
            .map(Map.Entry::getKey)
            .toList();
        if (!without.isEmpty()) {
          ctx.error(at, "`" + d + "` is replicated, but " + String.join(", ", without.stream().map(n -> "`" + n + "`").toList())
                  + (without.size() == 1 ? " has" : " have") + " no snapshot policy",
              "replication sends the snapshots Sanoid takes (syncoid --no-sync-snap, so the target can keep what it"
                  + " receives): give each dataset `snapshots: POLICY` (a service's dataset takes its tier's)");
        }
      }
      if (!SHORTHAND.matcher(r.at()).matches() && !CALENDAR.matcher(r.at()).matches()) {
        ctx.error(SourceMap.child(path, "at"), "`" + r.at() + "` is not a systemd calendar expression",
            "for example `hourly`, `daily` or `*-*-* *:15:00` (see `systemd-analyze calendar`)");
      }
      if (r.sshKey() != null && r.sshKey().pasted()) {
        ctx.error(SourceMap.child(path, "sshKey"), "a secret value is pasted here",
            "declare the secret under `secrets:`, put the private key into sops and write `{ secret: NAME }` here");
      } else if (r.sshKey() != null && !ctx.spec().secrets().containsKey(r.sshKey().name())) {
        String hint = Suggest.didYouMean(r.sshKey().name(), ctx.spec().secrets().keySet());
        ctx.error(SourceMap.path(path, "sshKey", "secret"), "secret `" + r.sshKey().name() + "` is not declared",
            hint != null ? hint : "declare it under `secrets:` (`" + r.sshKey().name() + ": {}`); its value goes into sops");
      }
    }
  }

  /**
   * Each declared dataset of a host with its snapshot policy: its own {@code snapshots}, else
   * that of the tier of the service whose dataset it is; null when it has none.
   */
  private static Map<String, String> policies(RuleContext ctx, String name, Host host) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    var services = ctx.services(name, host);
    host.storage().forEach((pool, p) -> p.datasets().forEach((d, ds) -> {
      String full = pool + "/" + d;
      String policy = ds.snapshots();
      if (policy == null) {
        policy = services.stream().filter(s -> full.equals(s.spec().dataset()) && s.tier() != null)
            .map(s -> ctx.spec().tiers().get(s.tier())).filter(java.util.Objects::nonNull)
            .map(t -> t.snapshots()).filter(java.util.Objects::nonNull).findFirst().orElse(null);
      }
      var kept = policy == null ? null : ctx.spec().snapshots().get(policy);
      out.put(full, kept != null && kept.keepsNothing() ? null : policy);
    }));
    return out;
  }

  private static void target(RuleContext ctx, String source, Replication r, String path) {
    String at = SourceMap.child(path, "to");
    Host target = ctx.hosts().get(r.to());
    if (target == null) {
      List<String> others = ctx.hosts().keySet().stream().filter(n -> !n.equals(source)).toList();
      String hint = Suggest.didYouMean(r.to(), others);
      ctx.error(at, "unknown host `" + r.to() + "`",
          hint != null ? hint : others.isEmpty() ? "replication sends to another host of the spec: declare it under `hosts:`"
              : "hosts of the spec: " + String.join(", ", others));
      return;
    }
    if (r.to().equals(source)) {
      ctx.error(at, "host `" + source + "` replicates to itself", "name another host: copies belong on a different machine");
      return;
    }
    if (target.storage().isEmpty()) {
      ctx.error(at, "host `" + r.to() + "` has no ZFS pool to receive into",
          "declare one under hosts." + r.to() + ".storage");
    } else if (r.pool() != null && !target.storage().containsKey(r.pool())) {
      String hint = Suggest.didYouMean(r.pool(), target.storage().keySet());
      ctx.error(SourceMap.child(path, "pool"), "host `" + r.to() + "` has no pool `" + r.pool() + "`",
          hint != null ? hint : "its pools: " + String.join(", ", target.storage().keySet()));
    }
  }
}
