package dev.homelab.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.model.Host;
import dev.homelab.model.Spec;
import dev.homelab.testing.Examples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fleet's monitoring in every example that has a {@code monitoring:} section (seed 001's
 * forge fleet): the monitoring host scrapes exactly the Linux hosts, each exporter's port is open
 * only on the tailnet the scraper comes from (and nowhere on the monitoring host itself), the
 * fleet's alert rules are there, and Alertmanager reads its receivers' credentials from files.
 */
class MonitoringFactsTest {

  private static final Pattern LABEL_HOST = Pattern.compile("labels\\.host = \"([^\"]+)\";");
  private static final Pattern TARGET = Pattern.compile("targets = \\[ \"([^\"]+)\" \\];");

  /** The examples with monitoring. */
  static List<Path> monitored() {
    List<Path> out = new ArrayList<>();
    for (Path p : Examples.all()) {
      if (Examples.check(p).spec().monitoring() != null) {
        out.add(p);
      }
    }
    return out;
  }

  @Test
  void seed001HasMonitoring() {
    assertThat(monitored()).contains(Path.of("examples/forge.yaml"));
  }

  static Set<String> linuxHosts(Spec spec) {
    Set<String> out = new TreeSet<>();
    spec.hosts().forEach((name, h) -> {
      if (!h.system().endsWith("-darwin")) {
        out.add(name);
      }
    });
    return out;
  }

  /** The text of one scrape job of the monitoring host's file: from its name to the next job. */
  static String job(String server, String name) {
    int at = server.indexOf("job_name = \"" + name + "\";");
    assertThat(at).as("scrape job %s", name).isNotNegative();
    int next = server.indexOf("job_name = ", at + 1);
    int rules = server.indexOf("rules = [", at);
    int end = next < 0 ? rules : Math.min(next, rules < 0 ? next : rules);
    return server.substring(at, end);
  }

  static List<String> all(Pattern p, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("monitored")
  void theMonitoringHostScrapesEveryLinuxHostAndNoOther(Path example) {
    Spec spec = Examples.check(example).spec();
    Map<String, String> out = Examples.render(example);
    String mon = spec.monitoring().host();
    String server = out.get("hosts/" + mon + "/monitoring-server.nix");
    assertThat(server).isNotNull();
    String node = job(server, "node");
    assertThat(new TreeSet<>(all(LABEL_HOST, node))).isEqualTo(linuxHosts(spec));
    // Others by their tailnet name, itself on loopback.
    for (String target : all(TARGET, node)) {
      assertThat(target).matches("(127\\.0\\.0\\.1|[a-z0-9-]+(\\.[a-z0-9.-]+)?):9100");
    }
    assertThat(node).contains("\"127.0.0.1:9100\"");
    // Only the monitoring host has the stack's file; every Linux host has its contribution.
    for (String h : spec.hosts().keySet()) {
      assertThat(out.containsKey("hosts/" + h + "/monitoring-server.nix")).as(h).isEqualTo(h.equals(mon));
      assertThat(out.containsKey("hosts/" + h + "/monitoring.nix")).as(h).isEqualTo(linuxHosts(spec).contains(h));
      if (linuxHosts(spec).contains(h)) {
        assertThat(out.get("hosts/" + h + "/default.nix")).as(h).contains("./monitoring.nix");
      }
    }
    assertThat(out.get("hosts/" + mon + "/default.nix")).contains("./monitoring-server.nix");
    // zfs where a host has a pool, and only there.
    Set<String> pools = new TreeSet<>();
    spec.hosts().forEach((n, h) -> {
      if (h.usesZfs()) {
        pools.add(n);
      }
    });
    assertThat(new TreeSet<>(all(LABEL_HOST, job(server, "zfs")))).isEqualTo(pools);
  }

  @ParameterizedTest
  @MethodSource("monitored")
  void exporterPortsOpenOnlyOnTheTailnetOfTheScrapedHosts(Path example) {
    Spec spec = Examples.check(example).spec();
    Map<String, String> out = Examples.render(example);
    String mon = spec.monitoring().host();
    for (Map.Entry<String, Host> e : spec.hosts().entrySet()) {
      String h = e.getKey();
      String contribution = out.get("hosts/" + h + "/monitoring.nix");
      if (contribution == null) {
        continue;
      }
      List<Integer> ports = new ArrayList<>();
      Matcher m = Pattern.compile("port = (\\d+);").matcher(contribution);
      while (m.find()) {
        ports.add(Integer.valueOf(m.group(1)));
      }
      assertThat(ports).as(h).contains(9100);
      assertThat(contribution).as(h).doesNotContain("openFirewall = true").doesNotContain("firewall.allowedTCPPorts");
      String network = out.get("hosts/" + h + "/network.nix");
      for (int p : ports) {
        assertThat(network).as(h).doesNotContain(" " + p + "\n");
      }
      if (h.equals(mon)) {
        // Scraped on loopback: every exporter listens there, and no port opens.
        assertThat(contribution).doesNotContain("firewall");
        assertThat(contribution.split("listenAddress = \"127.0.0.1\";", -1)).hasSize(ports.size() + 1);
      } else {
        assertThat(contribution).contains("networking.firewall.interfaces.tailscale0.allowedTCPPorts");
        String open = contribution.substring(contribution.indexOf("tailscale0.allowedTCPPorts"));
        Set<Integer> opened = new LinkedHashSet<>();
        Matcher n = Pattern.compile("\\b(\\d{4,5})\\b").matcher(open);
        while (n.find()) {
          opened.add(Integer.valueOf(n.group(1)));
        }
        assertThat(opened).as(h).containsExactlyInAnyOrderElementsOf(ports);
        assertThat(contribution).as(h).doesNotContain("listenAddress");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("monitored")
  void theFleetsAlertRulesArePresent(Path example) {
    Spec spec = Examples.check(example).spec();
    Map<String, String> out = Examples.render(example);
    String server = out.get("hosts/" + spec.monitoring().host() + "/monitoring-server.nix");
    assertThat(server).contains("alert = \"HostDown\";", "expr = \"up{job=\\\"node\\\"} == 0\";",
        "alert = \"SystemdUnitFailed\";", "node_systemd_unit_state{state=\\\"failed\\\"} == 1",
        "zfs_pool_allocated_bytes / zfs_pool_size_bytes * 100 > " + spec.monitoring().poolUsage(),
        "alert = \"DiskSmartFailure\";", "smartctl_device_smart_status == 0", "(builtins.toJSON {");
    // A backup older than its schedule: one rule per restic job of every host.
    int jobs = 0;
    for (String h : spec.hosts().keySet()) {
      String backups = out.get("hosts/" + h + "/backups.nix");
      if (backups == null) {
        continue;
      }
      for (String unit : all(Pattern.compile("services\\.restic\\.backups\\.([a-z0-9-]+) = \\{"), backups)) {
        assertThat(server).contains("host=\\\"" + h + "\\\",name=\\\"restic-backups-" + unit + ".timer\\\"");
        jobs++;
      }
    }
    assertThat(jobs).isPositive();
    assertThat(server.split("alert = \"BackupOverdue\";", -1)).hasSize(jobs + 1);
    // Each deployed kind's own rules come from its descriptor.
    assertThat(server).contains("alert = \"AlertmanagerNotificationsFailing\";", "alert = \"StatusCheckFailing\";",
        "alert = \"LokiRequestErrors\";");
  }

  @ParameterizedTest
  @MethodSource("monitored")
  void alertmanagerReadsItsReceiversCredentialsFromFiles(Path example) {
    Spec spec = Examples.check(example).spec();
    Map<String, String> out = Examples.render(example);
    String mon = spec.monitoring().host();
    String server = out.get("hosts/" + mon + "/monitoring-server.nix");
    var refs = spec.monitoring().secretRefs();
    assertThat(refs).isNotEmpty();
    assertThat(server).contains("user_key_file = \"/run/credentials/alertmanager.service/pushover-user-key\";",
        "token_file = \"/run/credentials/alertmanager.service/pushover-token\";",
        "webhook_url_file = \"/run/credentials/alertmanager.service/discord-webhook\";",
        "systemd.services.alertmanager.serviceConfig.LoadCredential");
    assertThat(server).doesNotContain("user_key =").doesNotContain("token =").doesNotContain("webhook_url =");
    refs.values().forEach(ref -> {
      assertThat(server).contains(":${config.sops.secrets.\"" + ref.name() + "\".path}\"");
      assertThat(server).contains("sops.secrets.\"" + ref.name() + "\" = { };");
      assertThat(out.get("secrets/" + mon + ".required.yaml")).contains(ref.name().substring(ref.name().indexOf('/') + 1));
    });
    // The catalog's default configuration gives way on the monitoring host.
    assertThat(out.get("hosts/" + mon + "/services/alertmanager.nix")).doesNotContain("configText");
    assertThat(server).contains("alertmanagers = [", "\"127.0.0.1:9093\"");
  }

  @Test
  void forgeGathersTheCatalogsContributions() {
    Map<String, String> out = Examples.render(Path.of("examples/forge.yaml"));
    String server = out.get("hosts/forge/monitoring-server.nix");
    // Kinds that declare a metrics path are scraped on loopback with the host label.
    for (String kind : List.of("grafana", "loki", "gatus", "alertmanager")) {
      assertThat(all(LABEL_HOST, job(server, kind))).as(kind).containsExactly("forge");
      assertThat(all(TARGET, job(server, kind)).get(0)).as(kind).startsWith("127.0.0.1:");
    }
    assertThat(server).doesNotContain("job_name = \"sonarr\"");
    // Grafana gets Prometheus and Loki as data sources.
    assertThat(server).contains("services.grafana.provision = {", "url = \"http://127.0.0.1:9090\";",
        "url = \"http://127.0.0.1:3100\";", "type = \"loki\";");
    // Gatus checks services of every host: luna's through its site (internal CA), forge's
    // single-sign-on ones on loopback, the others through their site with the certificate.
    assertThat(server).contains("url = \"https://music.holthome.net/ping\";", "client.insecure = true;",
        "url = \"http://127.0.0.1:8989/ping\";", "url = \"https://status.holthome.net/health\";",
        "\"[CERTIFICATE_EXPIRATION] > 240h\"", "group = \"nixpi\";");
    // The status page is public, through the tunnel, as the seed has it.
    assertThat(out.get("hosts/forge/tunnel.nix")).contains("\"status.holthome.net\" = \"http://127.0.0.1:8444\";");
    // The check list replaces Gatus's own loopback check.
    assertThat(out.get("hosts/forge/services/gatus.nix")).doesNotContain("endpoints").contains("metrics = true;");
    // The docs say what each host contributes and what the monitoring host runs.
    String readme = out.get("docs/README.md");
    assertThat(readme).contains("### Monitoring", "Runs the fleet's monitoring: Prometheus scrapes forge, nas-1, luna, rydev, nixpi",
        "Alertmanager notifies Pushover and Discord",
        "scraped by forge over the tailnet (their ports open on `tailscale0` only)");
    // The VM and the Pi report no SMART data: no smartctl there.
    assertThat(out.get("hosts/rydev/monitoring.nix")).doesNotContain("smartctl");
    assertThat(out.get("hosts/nixpi/monitoring.nix")).doesNotContain("smartctl");
    assertThat(out.get("hosts/luna/monitoring.nix")).contains("smartctl");
  }
}
