package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.diag.Suggest;
import dev.homelab.model.Host;
import dev.homelab.model.Monitoring;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;

/**
 * HL0460: {@code monitoring.host} names a host of the spec that can run the stack: a Linux host
 * (NixOS modules; a darwin host runs none) that runs the {@code prometheus} kind, where the
 * spec says how Prometheus is kept (port, dataset, exposure, retention).
 */
public final class MonitoringHost implements Rule {

  @Override
  public String id() {
    return "HL0460";
  }

  @Override
  public void check(RuleContext ctx) {
    Monitoring m = ctx.spec().monitoring();
    if (m == null || m.host() == null) {
      return;
    }
    String at = "monitoring.host";
    Host host = ctx.hosts().get(m.host());
    if (host == null) {
      String hint = Suggest.didYouMean(m.host(), ctx.hosts().keySet());
      ctx.error(at, "unknown host `" + m.host() + "`", hint != null ? hint
          : ctx.hosts().isEmpty() ? "declare the host under `hosts:`" : "hosts of the spec: " + String.join(", ", ctx.hosts().keySet()));
      return;
    }
    if (host.system().endsWith("-darwin")) {
      ctx.error(at, "host `" + m.host() + "` is a darwin host (" + host.system() + "): it cannot run the monitoring stack",
          "Prometheus, Alertmanager, Grafana and Gatus are NixOS services: name a Linux host");
      return;
    }
    boolean prometheus = ctx.services(m.host(), host).stream()
        .anyMatch(s -> s.kind().equals("prometheus") && s.deployed());
    if (!prometheus) {
      ctx.error(at, "host `" + m.host() + "` runs no `prometheus` service, which is where the fleet's metrics and alerts go",
          "add `prometheus: {}` under " + SourceMap.path("hosts", m.host(), "services") + " (its port, dataset and"
              + " retention stay the service's own)");
    }
  }
}
