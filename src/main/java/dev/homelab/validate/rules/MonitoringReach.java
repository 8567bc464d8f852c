package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.Host;
import dev.homelab.model.Monitoring;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.Map;

/**
 * HL0462: the monitoring host scrapes every other Linux host over the tailnet, where alone
 * their exporters' ports are open: each of them, and the monitoring host itself, must join it
 * ({@code network.tailscale: true}). A host off the tailnet could not be scraped, and its being
 * down would go unnoticed.
 */
public final class MonitoringReach implements Rule {

  @Override
  public String id() {
    return "HL0462";
  }

  @Override
  public void check(RuleContext ctx) {
    Monitoring m = ctx.spec().monitoring();
    if (m == null || m.host() == null || !ctx.hosts().containsKey(m.host())) {
      return;
    }
    boolean others = false;
    for (Map.Entry<String, Host> e : ctx.hosts().entrySet()) {
      Host h = e.getValue();
      if (e.getKey().equals(m.host()) || h.system().endsWith("-darwin")) {
        continue;
      }
      others = true;
      if (!h.network().tailscale().enable()) {
        report(ctx, e.getKey(), "host `" + e.getKey() + "` is not on the tailnet, where `" + m.host()
            + "` scrapes its exporters", "set `tailscale: true` under hosts." + e.getKey() + ".network: its exporters'"
            + " ports open on the tailnet only");
      }
    }
    Host self = ctx.hosts().get(m.host());
    if (others && !self.network().tailscale().enable()) {
      report(ctx, m.host(), "the monitoring host `" + m.host() + "` is not on the tailnet, where it scrapes the other hosts",
          "set `tailscale: true` under hosts." + m.host() + ".network");
    }
  }

  private static void report(RuleContext ctx, String host, String message, String hint) {
    String tailscale = SourceMap.path("hosts", host, "network", "tailscale");
    if (ctx.sources().has(tailscale)) {
      ctx.error(tailscale, message, hint);
    } else {
      ctx.errorAtKey(SourceMap.child("hosts", host), message, hint);
    }
  }
}
