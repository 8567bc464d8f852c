package dev.homelab.catalog;

import java.util.List;

/**
 * What a service kind contributes to the fleet's monitoring ({@code monitoring:} in its
 * descriptor): the path on its own port that serves Prometheus metrics ({@code metrics}, null
 * when it serves none), and the alert rules that watch it ({@code alerts}), evaluated by the
 * monitoring host's Prometheus when some host of the fleet runs the kind. Its status check
 * comes from the descriptor's {@code health} path.
 */
public record ServiceMonitoring(String metrics, List<AlertRule> alerts) {

  public ServiceMonitoring {
    if (metrics != null && !metrics.matches("/[A-Za-z0-9._/-]*")) {
      throw new IllegalArgumentException("monitoring.metrics `" + metrics + "` is not a path such as /metrics");
    }
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
  }

  /**
   * One Prometheus alerting rule: its name ({@code alert}, CamelCase), the PromQL condition
   * ({@code expr}), how long it must hold before the alert fires ({@code after}, Prometheus's
   * {@code for}), {@code severity} ({@code warning} or {@code critical}) and a one-line
   * {@code summary}, which may use Prometheus's template {@code {{ $labels.host }}}.
   */
  public record AlertRule(String alert, String expr, String after, String severity, String summary) {

    public AlertRule {
      if (alert == null || !alert.matches("[A-Z][A-Za-z0-9]*")) {
        throw new IllegalArgumentException("an alert's name is CamelCase, such as LokiRequestErrors: " + alert);
      }
      if (expr == null || expr.isBlank() || expr.contains("\n")) {
        throw new IllegalArgumentException("alert " + alert + " needs `expr`, one line of PromQL");
      }
      after = after == null ? "5m" : after;
      if (!after.matches("[0-9]+[smhd]")) {
        throw new IllegalArgumentException("alert " + alert + ": `after` is a duration such as 10m, not " + after);
      }
      severity = severity == null ? "warning" : severity;
      if (!severity.equals("warning") && !severity.equals("critical")) {
        throw new IllegalArgumentException("alert " + alert + ": severity is warning or critical, not " + severity);
      }
      if (summary == null || summary.isBlank()) {
        throw new IllegalArgumentException("alert " + alert + " needs a `summary`");
      }
    }
  }
}
