package dev.homelab.validate.rules;

import dev.homelab.model.Host;
import dev.homelab.model.Monitoring;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;

/**
 * HL0461: {@code monitoring.notifications} are sent by Alertmanager, so the monitoring host
 * must run the {@code alertmanager} kind; without it the targets would never hear of an alert.
 */
public final class MonitoringNotifications implements Rule {

  @Override
  public String id() {
    return "HL0461";
  }

  @Override
  public void check(RuleContext ctx) {
    Monitoring m = ctx.spec().monitoring();
    if (m == null || m.notifications() == null || m.host() == null) {
      return;
    }
    Host host = ctx.hosts().get(m.host());
    if (host == null || host.system().endsWith("-darwin")) {
      return; // HL0460
    }
    boolean alertmanager = ctx.services(m.host(), host).stream()
        .anyMatch(s -> s.kind().equals("alertmanager") && s.deployed());
    if (!alertmanager) {
      ctx.errorAtKey("monitoring.notifications", "notifications are sent by Alertmanager, but host `" + m.host()
              + "` runs no `alertmanager` service",
          "add `alertmanager: {}` under hosts." + m.host() + ".services: Prometheus hands it the alerts and it sends them");
    }
  }
}
