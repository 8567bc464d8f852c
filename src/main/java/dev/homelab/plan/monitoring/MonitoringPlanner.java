package dev.homelab.plan.monitoring;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.catalog.ServiceMonitoring.AlertRule;
import dev.homelab.model.Exposure;
import dev.homelab.model.Host;
import dev.homelab.model.Monitoring;
import dev.homelab.model.SecretRef;
import dev.homelab.model.Spec;
import dev.homelab.model.TlsMode;
import dev.homelab.nix.Binding;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.backup.BackupPlanner;
import dev.homelab.plan.storage.DatasetLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plans the fleet's monitoring ({@code monitoring:}) by contribution: every Linux host
 * contributes exporters ({@code hosts/<h>/monitoring.nix}: node everywhere, zfs where it has a
 * pool, smartctl where it has physical disks), and each service kind contributes what its
 * descriptor declares ({@code monitoring.metrics}, {@code monitoring.alerts}, its {@code health}
 * path). The monitoring host gathers them ({@code hosts/<h>/monitoring-server.nix}): Prometheus's
 * scrape jobs and rules, Alertmanager's route to the {@code notifications} targets, Grafana's data
 * sources and Gatus's checks. Other hosts are scraped over the tailnet, where alone their
 * exporters' ports are open; the monitoring host scrapes itself on loopback.
 */
public final class MonitoringPlanner {

  /** The exporters' ports: the modules' defaults, written out so firewall and scrape jobs agree visibly. */
  public static final int NODE_PORT = 9100;

  public static final int ZFS_PORT = 9134;

  public static final int SMARTCTL_PORT = 9633;

  static final String TAILSCALE_INTERFACE = "tailscale0";

  private static final String CREDENTIALS = "/run/credentials/alertmanager.service/";

  private MonitoringPlanner() {}

  /** One exporter a host runs: its name under {@code services.prometheus.exporters} and its port. */
  public record Exporter(String name, int port) {}

  /** A darwin host runs no NixOS exporters; every other host is Linux. */
  public static boolean isLinux(Host host) {
    return !host.system().endsWith("-darwin");
  }

  /**
   * True when the host's disks report SMART: not a virtual machine (virtual disks) and not a
   * Raspberry Pi (an SD card or USB stick).
   */
  static boolean hasPhysicalDisks(Host host) {
    String role = String.valueOf(host.role()).toLowerCase(Locale.ROOT);
    return !role.equals("vm") && !role.equals("pi");
  }

  /** The exporters a Linux host contributes, in scrape-job order. */
  public static List<Exporter> exporters(Host host) {
    List<Exporter> out = new ArrayList<>();
    out.add(new Exporter("node", NODE_PORT));
    if (host.usesZfs()) {
      out.add(new Exporter("zfs", ZFS_PORT));
    }
    if (hasPhysicalDisks(host)) {
      out.add(new Exporter("smartctl", SMARTCTL_PORT));
    }
    return out;
  }

  /** True when the spec has monitoring and this host runs its stack. */
  public static boolean isMonitoringHost(Spec spec, String host) {
    return spec.monitoring() != null && host.equals(spec.monitoring().host());
  }

  /** Every host of the spec scraped by the monitoring host: its Linux hosts, in spec order. */
  public static List<String> scraped(Spec spec) {
    return spec.hosts().entrySet().stream().filter(e -> isLinux(e.getValue())).map(Map.Entry::getKey).toList();
  }

  /** Where the monitoring host reaches a port of a host: loopback on itself, else the host's tailnet name. */
  static String target(Spec spec, String host, int port) {
    Monitoring m = spec.monitoring();
    if (host.equals(m.host())) {
      return "127.0.0.1:" + port;
    }
    return (m.tailnet() == null ? host : host + "." + m.tailnet()) + ":" + port;
  }

  /**
   * What the planners need of every host to plan the monitoring host's file: a context per host,
   * apart from the one each host is planned with. Only the monitoring host's planning reads
   * them ({@link #server} and {@link #docLines} of that host), on the one thread that plans it:
   * the planners fill a context's caches as they ask, so no other host's may touch them.
   */
  public static Map<String, HostContext> fleet(Spec spec, Map<String, List<EffectiveService>> deployed,
      Map<String, DatasetLayout> layouts, Headers headers) {
    Map<String, HostContext> out = new LinkedHashMap<>();
    if (spec.monitoring() == null) {
      return out;
    }
    Map<String, DatasetLayout> shared = java.util.Collections.unmodifiableMap(layouts);
    spec.hosts().forEach((name, host) -> {
      HostContext c = new HostContext(spec, name, host, deployed.get(name), layouts.get(name), headers, shared);
      out.put(name, c);
    });
    return out;
  }

  /** A binding's comment, wrapped so that with its indentation and `# ` it stays within the width. */
  static List<String> note(String text) {
    return Headers.wrap(text, "    ").stream().map(l -> l.substring(4)).toList();
  }

  // ---- hosts/<h>/monitoring.nix: what every Linux host contributes

  /** The host's exporters, and the firewall opened for them on the tailnet; null without monitoring or on darwin. */
  public static PlannedFile contribution(HostContext ctx) {
    Monitoring m = ctx.spec.monitoring();
    if (m == null || !isLinux(ctx.host)) {
      return null;
    }
    boolean self = ctx.name.equals(m.host());
    List<Exporter> exporters = exporters(ctx.host);
    Bindings all = new Bindings();
    for (Exporter e : exporters) {
      Bindings x = new Bindings();
      x.bool("enable", true);
      if (self) {
        x.str("listenAddress", "127.0.0.1");
      }
      x.set("port", NixValue.integer(e.port()));
      if (e.name().equals("node")) {
        x.comment("The systemd collector: failed units, and when each backup timer last started its job.")
            .set("enabledCollectors", NixValue.strings(List.of("systemd")));
      }
      all.set(List.of(e.name()), x.attrs());
    }
    Bindings b = new Bindings();
    List<String> names = exporters.stream().map(Exporter::name).toList();
    if (self) {
      b.comment(note("On loopback: this host runs the monitoring stack and scrapes itself there; no port opens."))
          .set("services.prometheus.exporters", all.attrs());
    } else {
      b.comment(note("They listen on every address (the modules' default) but the firewall opens their ports on"
              + " the tailnet only, where " + m.host() + " scrapes them from."))
          .set("services.prometheus.exporters", all.attrs());
      List<NixValue> ports = new ArrayList<>();
      exporters.forEach(e -> ports.add(NixValue.integer(e.port())));
      b.set(List.of("networking", "firewall", "interfaces", TAILSCALE_INTERFACE, "allowedTCPPorts"), NixValue.list(ports));
    }
    return ctx.module("monitoring.nix", "hosts/module.nix.ftl",
        Headers.wrap("Monitoring: the exporters this host contributes (" + String.join(", ", names) + "), scraped by "
            + (self ? "its own Prometheus." : m.host() + "'s Prometheus over the tailnet.")),
        b.build());
  }

  // ---- hosts/<monitoring host>/monitoring-server.nix: the stack, gathered from the fleet

  /** The monitoring host's file; null on every other host. */
  public static PlannedFile server(HostContext ctx, Map<String, HostContext> fleet) {
    if (!isMonitoringHost(ctx.spec, ctx.name)) {
      return null;
    }
    Monitoring m = ctx.spec.monitoring();
    Bindings b = new Bindings();
    List<String> unscraped = new ArrayList<>();
    Bindings prometheus = new Bindings();
    prometheus.set("scrapeConfigs", NixValue.list(scrapeJobs(ctx.spec, fleet, unscraped)));
    EffectiveService alertmanager = local(ctx, "alertmanager");
    if (alertmanager != null) {
      prometheus.set("alertmanagers", NixValue.list(List.of(new Bindings()
          .set("static_configs", NixValue.list(List.of(new Bindings()
              .set("targets", NixValue.strings(List.of(alertmanager.upstream()))).attrs()))).attrs())));
    }
    prometheus.set("rules", NixValue.list(List.of(new NixValue.Apply(new NixValue.Ref("builtins.toJSON"),
        new Bindings().set("groups", NixValue.list(ruleGroups(ctx.spec, fleet))).attrs()))));
    List<String> comment = new ArrayList<>(note("Prometheus scrapes every Linux host's exporters (by its tailnet"
        + " name; itself on loopback) and every service whose kind serves metrics, and evaluates the fleet's rules and"
        + " each deployed kind's own."));
    if (!unscraped.isEmpty()) {
      comment.addAll(note("Not scraped (their metrics are behind single sign-on, client certificates or off the"
          + " tailnet): " + String.join(", ", unscraped) + "."));
    }
    b.comment(comment).set("services.prometheus", prometheus.attrs());
    if (alertmanager != null) {
      alertmanager(ctx, m, b);
    }
    EffectiveService grafana = local(ctx, "grafana");
    if (grafana != null) {
      grafana(ctx, b);
    }
    EffectiveService gatus = local(ctx, "gatus");
    if (gatus != null) {
      b.comment(note("Gatus checks the health path the catalog gives for every proxied service of the fleet, through"
              + " its site (proxy and certificate included); a service behind single sign-on on this host on loopback, one"
              + " on another host only as far as its proxy (the sign-in redirect)."))
          .set("services.gatus.settings.endpoints", NixValue.list(checks(ctx.spec, fleet, gatus)));
    }
    if (alertmanager != null) {
      List<Binding> sops = new ArrayList<>();
      for (SecretRef ref : m.secretRefs().values()) {
        sops.add(ctx.sopsBinding(ref.name()));
      }
      b.addAll(sops);
    }
    return ctx.module("monitoring-server.nix", "hosts/module.nix.ftl",
        Headers.wrap("Monitoring stack of the fleet: what Prometheus scrapes and alerts on, where Alertmanager sends alerts,"
            + " Grafana's data sources and Gatus's status checks, gathered from every host and service kind."),
        b.build());
  }

  /** The deployed service of a kind on the monitoring host, or null. */
  private static EffectiveService local(HostContext ctx, String kind) {
    return ctx.services.stream().filter(s -> s.kind().equals(kind)).findFirst().orElse(null);
  }

  private static List<NixValue> scrapeJobs(Spec spec, Map<String, HostContext> fleet, List<String> unscraped) {
    List<NixValue> jobs = new ArrayList<>();
    for (String exporter : List.of("node", "zfs", "smartctl")) {
      List<NixValue> statics = new ArrayList<>();
      for (String host : scraped(spec)) {
        exporters(spec.hosts().get(host)).stream().filter(e -> e.name().equals(exporter))
            .forEach(e -> statics.add(staticConfig(target(spec, host, e.port()), host)));
      }
      if (!statics.isEmpty()) {
        jobs.add(job(exporter, null, null, false, statics));
      }
    }
    // Services whose kind serves metrics: on this host on loopback, elsewhere through their site.
    Map<String, List<NixValue>> local = new LinkedHashMap<>();
    List<NixValue> remote = new ArrayList<>();
    for (String host : scraped(spec)) {
      HostContext c = fleet.get(host);
      for (EffectiveService s : c.services) {
        String path = s.descriptor().monitoring().metrics();
        if (path == null) {
          continue;
        }
        if (host.equals(spec.monitoring().host())) {
          local.computeIfAbsent(s.kind() + "\n" + path, k -> new ArrayList<>()).add(staticConfig(s.upstream(), host));
        } else if (s.isProxied() && s.expose().contains(Exposure.TAILSCALE) && !s.hasSso() && !s.spec().mtls()) {
          boolean internal = c.host.network().proxy().tls() == TlsMode.INTERNAL;
          remote.add(job(s.name() + "-" + host, path, "https", internal, List.of(staticConfig(s.fqdn(), host))));
        } else {
          unscraped.add(s.name() + " on " + host);
        }
      }
    }
    local.forEach((key, statics) -> {
      String[] kp = key.split("\n");
      jobs.add(job(kp[0], kp[1], null, false, statics));
    });
    jobs.addAll(remote);
    return jobs;
  }

  private static NixValue staticConfig(String target, String host) {
    return new Bindings().set("targets", NixValue.strings(List.of(target))).str("labels.host", host).attrs();
  }

  private static NixValue job(String name, String path, String scheme, boolean insecure, List<NixValue> statics) {
    Bindings j = new Bindings().str("job_name", name);
    if (path != null && !path.equals("/metrics")) {
      j.str("metrics_path", path);
    }
    if (scheme != null) {
      j.str("scheme", scheme);
    }
    if (insecure) {
      // The host's proxy signs with its own internal CA, which this host does not hold.
      j.bool("tls_config.insecure_skip_verify", true);
    }
    return j.set("static_configs", NixValue.list(statics)).attrs();
  }

  // ---- rules

  private static NixValue rule(String alert, String expr, String after, String severity, String summary) {
    return new Bindings().str("alert", alert).str("expr", expr).str("for", after).str("labels.severity", severity)
        .str("annotations.summary", summary).attrs();
  }

  private static NixValue group(String name, List<NixValue> rules) {
    return new Bindings().str("name", name).set("rules", NixValue.list(rules)).attrs();
  }

  private static List<NixValue> ruleGroups(Spec spec, Map<String, HostContext> fleet) {
    Monitoring m = spec.monitoring();
    List<NixValue> groups = new ArrayList<>();
    List<NixValue> hosts = new ArrayList<>();
    hosts.add(rule("HostDown", "up{job=\"node\"} == 0", "5m", "critical",
        "{{ $labels.host }} is down, or " + m.host() + " cannot reach it"));
    hosts.add(rule("SystemdUnitFailed", "node_systemd_unit_state{state=\"failed\"} == 1", "5m", "warning",
        "{{ $labels.name }} failed on {{ $labels.host }}"));
    hosts.add(rule("MetricsTargetDown", "up{job!=\"node\"} == 0", "10m", "warning",
        "{{ $labels.job }} on {{ $labels.host }} serves no metrics"));
    groups.add(group("hosts", hosts));
    List<String> scraped = scraped(spec);
    if (scraped.stream().anyMatch(h -> spec.hosts().get(h).usesZfs())) {
      groups.add(group("zfs", List.of(
          rule("ZfsPoolFull", "zfs_pool_allocated_bytes / zfs_pool_size_bytes * 100 > " + m.poolUsage(), "15m", "warning",
              "pool {{ $labels.pool }} on {{ $labels.host }} is over " + m.poolUsage() + " % full"),
          rule("ZfsPoolDegraded", "zfs_pool_health > 0", "5m", "critical",
              "pool {{ $labels.pool }} on {{ $labels.host }} is not online (degraded, faulted or unavailable)"))));
    }
    if (scraped.stream().anyMatch(h -> hasPhysicalDisks(spec.hosts().get(h)))) {
      groups.add(group("disks", List.of(rule("DiskSmartFailure", "smartctl_device_smart_status == 0", "5m", "critical",
          "disk {{ $labels.device }} on {{ $labels.host }} fails its SMART health check"))));
    }
    List<NixValue> backups = new ArrayList<>();
    for (String host : scraped) {
      BackupPlanner.timedUnits(fleet.get(host)).forEach((unit, calendar) -> {
        long limit = periodSeconds(calendar) * 3 / 2;
        backups.add(rule("BackupOverdue", "time() - node_systemd_timer_last_trigger_seconds{host=\"" + host + "\",name=\""
                + unit + ".timer\"} > " + limit, "10m", "warning",
            unit + " on " + host + " has not started for " + duration(limit) + " (it runs " + calendar
                + "); a run that fails shows as a failed unit"));
      });
    }
    if (!backups.isEmpty()) {
      groups.add(group("backups", backups));
    }
    List<NixValue> services = new ArrayList<>();
    TreeSet<String> kinds = new TreeSet<>();
    for (String host : scraped) {
      for (EffectiveService s : fleet.get(host).services) {
        if (kinds.add(s.kind())) {
          for (AlertRule r : s.descriptor().monitoring().alerts()) {
            services.add(rule(r.alert(), r.expr(), r.after(), r.severity(), r.summary()));
          }
        }
      }
    }
    if (!services.isEmpty()) {
      groups.add(group("services", services));
    }
    return groups;
  }

  private static final Pattern WEEKDAYS = Pattern.compile(
      "((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:(?:\\.\\.|,)(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun))*)\\s+.*");

  private static final List<String> DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");

  /**
   * The longest time between two runs of a systemd calendar expression, coarsely: a shorthand
   * by its name, a weekday list by its longest gap, a time with an hour wildcard hourly, a date
   * with a fixed day of the month monthly, anything else daily.
   */
  static long periodSeconds(String calendar) {
    long day = 86_400;
    String c = calendar.trim();
    switch (c) {
      case "minutely":
        return 60;
      case "hourly":
        return 3_600;
      case "daily":
        return day;
      case "weekly":
        return 7 * day;
      case "monthly":
        return 31 * day;
      case "quarterly":
        return 92 * day;
      case "semiannually":
        return 184 * day;
      case "yearly":
      case "annually":
        return 366 * day;
      default:
        break;
    }
    Matcher w = WEEKDAYS.matcher(c);
    if (w.matches()) {
      TreeSet<Integer> days = new TreeSet<>();
      for (String part : w.group(1).split(",")) {
        String[] range = part.split("\\.\\.");
        int from = DAYS.indexOf(range[0]);
        int to = DAYS.indexOf(range[range.length - 1]);
        for (int d = from; ; d = (d + 1) % 7) {
          days.add(d);
          if (d == to) {
            break;
          }
        }
      }
      int gap = 0;
      List<Integer> list = new ArrayList<>(days);
      for (int i = 0; i < list.size(); i++) {
        int next = i + 1 < list.size() ? list.get(i + 1) : list.get(0) + 7;
        gap = Math.max(gap, next - list.get(i));
      }
      return gap * day;
    }
    String[] parts = c.split("\\s+");
    String time = parts[parts.length - 1];
    if (time.startsWith("*:")) {
      return 3_600;
    }
    if (parts.length > 1 && parts[0].matches("[0-9*]+-[0-9*]+-[0-9]+")) {
      return 31 * day;
    }
    return day;
  }

  /** Seconds as hours, or days when whole. */
  static String duration(long seconds) {
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + (seconds == 86_400 ? " day" : " days");
    }
    if (seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    return seconds / 60 + " min";
  }

  // ---- Alertmanager

  private static void alertmanager(HostContext ctx, Monitoring m, Bindings b) {
    Bindings receiver = new Bindings().str("name", "notify");
    List<NixValue> credentials = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    var notify = m.notifications();
    if (notify != null && notify.pushover() != null) {
      receiver.set("pushover_configs", NixValue.list(List.of(new Bindings()
          .str("user_key_file", CREDENTIALS + "pushover-user-key")
          .str("token_file", CREDENTIALS + "pushover-token").attrs())));
      credentials.add(credential(ctx, "pushover-user-key", notify.pushover().userKey(), "the Pushover user (or group) key"));
      credentials.add(credential(ctx, "pushover-token", notify.pushover().token(), "the Pushover application's API token"));
      targets.add("Pushover");
    }
    if (notify != null && notify.discord() != null) {
      receiver.set("discord_configs", NixValue.list(List.of(new Bindings()
          .str("webhook_url_file", CREDENTIALS + "discord-webhook").attrs())));
      credentials.add(credential(ctx, "discord-webhook", notify.discord().webhook(),
          "the Discord channel's webhook URL (Server Settings, Integrations, Webhooks)"));
      targets.add("Discord");
    }
    Bindings config = new Bindings();
    config.set("route", new Bindings().str("receiver", "notify")
        .set("group_by", NixValue.strings(List.of("alertname", "host"))).attrs());
    config.set("receivers", NixValue.list(List.of(receiver.attrs())));
    b.comment(note(targets.isEmpty()
            ? "Alertmanager groups the alerts by name and host; the spec names no `notifications` target, so they show only in"
                + " its web interface."
            : "Alertmanager sends every alert, grouped by name and host, to " + String.join(" and ", targets)
                + ". It reads their credentials from files systemd hands it (LoadCredential), copied from the sops"
                + " secrets: it runs as a dynamic user, which could not read them where sops-nix puts them."))
        .set("services.prometheus.alertmanager.configuration", config.attrs());
    if (!credentials.isEmpty()) {
      b.set("systemd.services.alertmanager.serviceConfig.LoadCredential", NixValue.list(credentials));
    }
  }

  private static NixValue credential(HostContext ctx, String id, SecretRef secret, String hint) {
    ctx.useSecret(secret.name(), null, null, "alertmanager (" + id + ")", hint);
    return new NixValue.Interpolated(List.of(NixValue.str(id + ":"), new NixValue.SecretPath(secret.name())));
  }

  // ---- Grafana

  private static void grafana(HostContext ctx, Bindings b) {
    List<NixValue> sources = new ArrayList<>();
    EffectiveService prometheus = local(ctx, "prometheus");
    sources.add(new Bindings().str("name", "Prometheus").str("type", "prometheus").str("uid", "prometheus")
        .str("access", "proxy").str("url", "http://" + prometheus.upstream()).bool("isDefault", true).attrs());
    EffectiveService loki = local(ctx, "loki");
    if (loki != null) {
      sources.add(new Bindings().str("name", "Loki").str("type", "loki").str("uid", "loki").str("access", "proxy")
          .str("url", "http://" + loki.upstream()).attrs());
    }
    b.comment(note("Grafana's data sources, provisioned: this host's Prometheus" + (loki == null ? "" : " and Loki")
            + ", on loopback."))
        .set("services.grafana.provision", new Bindings().bool("enable", true)
            .set("datasources.settings", new Bindings().set("apiVersion", NixValue.integer(1))
                .set("datasources", NixValue.list(sources)).attrs()).attrs());
  }

  // ---- Gatus

  private static List<NixValue> checks(Spec spec, Map<String, HostContext> fleet, EffectiveService gatus) {
    List<NixValue> out = new ArrayList<>();
    for (Map.Entry<String, HostContext> e : fleet.entrySet()) {
      String host = e.getKey();
      HostContext c = e.getValue();
      boolean internal = c.host.network().proxy().tls() == TlsMode.INTERNAL;
      for (EffectiveService s : c.services) {
        String health = s.descriptor().health();
        if (health == null || !s.isProxied()) {
          continue;
        }
        boolean guarded = s.hasSso() || s.spec().mtls();
        Bindings check = new Bindings().str("name", s.name().equals(s.kind()) ? s.descriptor().title() : s.name())
            .str("group", host);
        List<String> conditions = new ArrayList<>();
        if (guarded && host.equals(spec.monitoring().host())) {
          check.str("url", "http://" + s.upstream() + health);
          conditions.add("[STATUS] == 200");
        } else {
          check.str("url", "https://" + s.fqdn() + health);
          if (guarded) {
            check.bool("client.ignore-redirect", true);
            conditions.add("[STATUS] < 500");
          } else {
            conditions.add("[STATUS] == 200");
          }
          if (internal) {
            check.bool("client.insecure", true);
          } else {
            conditions.add("[CERTIFICATE_EXPIRATION] > 240h");
          }
        }
        check.str("interval", "5m").set("conditions", NixValue.strings(conditions));
        out.add(check.attrs());
      }
    }
    if (out.isEmpty()) {
      // Gatus refuses to start without an endpoint: with nothing of the fleet to check, its own health on loopback.
      out.add(new Bindings().str("name", gatus.descriptor().title()).str("url", "http://" + gatus.upstream() + "/health")
          .str("interval", "5m").set("conditions", NixValue.strings(List.of("[STATUS] == 200"))).attrs());
    }
    return out;
  }

  // ---- the flake's docs

  /** What the host's section of docs/README.md says about its monitoring; empty without. */
  public static List<String> docLines(HostContext ctx, Map<String, HostContext> fleet) {
    Monitoring m = ctx.spec.monitoring();
    List<String> out = new ArrayList<>();
    if (m == null || !isLinux(ctx.host)) {
      return out;
    }
    boolean self = ctx.name.equals(m.host());
    out.add("Exporters " + String.join(", ", exporters(ctx.host).stream().map(e -> "`" + e.name() + "` (" + e.port() + ")")
        .toList()) + (self ? ", on loopback for this host's own Prometheus."
            : ", scraped by " + m.host() + " over the tailnet (their ports open on `tailscale0` only)."));
    if (self) {
      List<String> unscraped = new ArrayList<>();
      int jobs = scrapeJobs(ctx.spec, fleet, unscraped).size();
      out.add("Runs the fleet's monitoring: Prometheus scrapes " + String.join(", ", scraped(ctx.spec)) + " (" + jobs
          + " scrape jobs) and alerts on hosts down, failed units, pools over " + m.poolUsage()
          + " %, SMART failures, overdue backups and each service kind's own rules.");
      if (local(ctx, "alertmanager") != null) {
        List<String> targets = new ArrayList<>();
        if (m.notifications() != null && m.notifications().pushover() != null) {
          targets.add("Pushover");
        }
        if (m.notifications() != null && m.notifications().discord() != null) {
          targets.add("Discord");
        }
        out.add("Alertmanager notifies " + (targets.isEmpty() ? "no one (no `notifications` target): alerts show in its web interface"
            : String.join(" and ", targets) + ", with credentials read from sops secrets") + ".");
      }
      if (local(ctx, "grafana") != null) {
        out.add("Grafana's data sources are provisioned: Prometheus" + (local(ctx, "loki") == null ? "" : " and Loki") + ".");
      }
      if (local(ctx, "gatus") != null) {
        int checks = checks(ctx.spec, fleet, local(ctx, "gatus")).size();
        out.add("Gatus checks " + checks + " services of the fleet on its status page.");
      }
    }
    return out;
  }
}
