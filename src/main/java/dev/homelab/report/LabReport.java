package dev.homelab.report;

import dev.homelab.catalog.Effective;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.diag.Diagnostic;
import dev.homelab.diag.Diagnostics;
import dev.homelab.graph.Topology;
import dev.homelab.inspect.PortRow;
import dev.homelab.inspect.Ports;
import dev.homelab.model.BackupJob;
import dev.homelab.model.Exposure;
import dev.homelab.model.Retention;
import dev.homelab.model.SnapshotPolicy;
import dev.homelab.model.Spec;
import dev.homelab.plan.Plan;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.lab.SecretsPlanner;
import dev.homelab.plan.storage.DatasetLayout;
import dev.homelab.plan.storage.PlannedDataset;
import freemarker.cache.ClassTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lab on one self-contained HTML page: the topology as inline SVG ({@link SvgLayout}),
 * the port table, the exposure matrix, datasets with quotas and snapshot policies, backup
 * jobs with schedule and retention, the secrets to create, and the warnings validation gave.
 * Everything is read from the checked spec and its plan; the page is rendered by the
 * template {@code report/lab.html.ftlh} (HTML auto-escaping), with its CSS and script inline.
 */
public final class LabReport {

  private LabReport() {}

  /** A row of the port table, as the page shows it. */
  public record PortLine(String host, int port, String protocol, String service, String bind, String exposure, String url) {}

  /** A row of the exposure matrix: one service, and for each way in whether it is served, held back or neither. */
  public record Matrix(String host, String service, String lan, String tailnet, String internet) {}

  /** A dataset: where it mounts, its quota and its snapshot policy (with the policy's counts). */
  public record DatasetRow(String host, String name, String mountpoint, String quota, String policy, String keeps) {}

  /** A backup job on one host: where it goes, when, and what it keeps. */
  public record BackupRow(String job, String host, String repositories, String when, String keep) {}

  /** A secret a host needs: its name, what uses it, who reads it. */
  public record SecretRow(String host, String name, String usedBy, String owner, String hint) {}

  /** A finding: code, where, what. */
  public record FindingRow(String code, String where, String message, String hint) {}

  /** The page's data. */
  public static Map<String, Object> model(Spec spec, Plan plan, Diagnostics warnings, ServiceCatalog catalog) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lab", spec.homelab().name());
    m.put("domain", spec.homelab().domain());
    Topology topology = Topology.of(spec, catalog);
    m.put("svg", SvgLayout.render(topology));
    m.put("hosts", List.copyOf(spec.hosts().keySet()));
    List<PortLine> ports = new ArrayList<>();
    for (PortRow r : Ports.of(spec, catalog)) {
      List<String> words = r.exposure().stream().map(w -> w.equals(Exposure.TAILSCALE.wire()) ? "tailnet" : w).toList();
      ports.add(new PortLine(r.host(), r.port(), r.protocol(), r.service(), r.bind(),
          words.isEmpty() ? "local" : String.join(", ", words), r.url() == null ? "" : r.url()));
    }
    m.put("ports", ports);
    List<Matrix> matrix = new ArrayList<>();
    List<DatasetRow> datasets = new ArrayList<>();
    spec.hosts().forEach((name, host) -> {
      List<EffectiveService> all = Effective.services(spec, name, host, catalog);
      for (EffectiveService s : all) {
        if (s.deployed()) {
          matrix.add(new Matrix(name, s.name(), cell(s, Exposure.LAN), cell(s, Exposure.TAILSCALE), cell(s, Exposure.PUBLIC)));
        }
      }
      if (!host.isDarwin()) {
        for (PlannedDataset d : DatasetLayout.of(spec, host, all).all()) {
          // The spec's `quota` is ZFS's refquota (the dataset's own data), `totalQuota` its quota (with descendants).
          List<String> q = new ArrayList<>();
          if (d.property("refquota") != null) {
            q.add(d.property("refquota"));
          }
          if (d.property("quota") != null) {
            q.add(d.property("quota") + " with descendants");
          }
          String quota = q.isEmpty() ? null : String.join(", ", q);
          SnapshotPolicy p = spec.snapshots().get(d.policy());
          datasets.add(new DatasetRow(name, d.name(), d.mountpoint() == null ? "" : d.mountpoint(),
              quota == null ? "none" : quota, d.policy(), p == null ? "" : keeps(p)));
        }
      }
    });
    m.put("matrix", matrix);
    m.put("datasets", datasets);
    m.put("backups", backups(spec, topology));
    m.put("secrets", secrets(plan));
    List<FindingRow> findings = new ArrayList<>();
    for (Diagnostic d : warnings.sorted()) {
      findings.add(new FindingRow(d.code(), d.span().isKnown() ? d.span().toString() : "",
          d.message(), d.hint() == null ? "" : d.hint()));
    }
    m.put("findings", findings);
    return m;
  }

  /** Renders the page. */
  public static String render(Map<String, Object> model) {
    Configuration config = new Configuration(Configuration.VERSION_2_3_34);
    config.setTemplateLoader(new ClassTemplateLoader(LabReport.class.getClassLoader(), "templates"));
    config.setDefaultEncoding("UTF-8");
    config.setLocale(Locale.ROOT);
    config.setNumberFormat("computer");
    config.setOutputFormat(HTMLOutputFormat.INSTANCE);
    config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    config.setLogTemplateExceptions(false);
    config.setAPIBuiltinEnabled(false);
    try {
      StringWriter out = new StringWriter();
      config.getTemplate("report/lab.html.ftlh").process(model, out);
      return out.toString();
    } catch (IOException | TemplateException e) {
      throw new IllegalStateException("the report template failed: " + e.getMessage(), e);
    }
  }

  private static String cell(EffectiveService s, Exposure x) {
    if (s.expose().contains(x)) {
      return "yes";
    }
    return s.heldBack().contains(x) ? "held back" : "";
  }

  private static String keeps(SnapshotPolicy p) {
    List<String> out = new ArrayList<>();
    add(out, p.frequent(), "frequent");
    add(out, p.hourly(), "hourly");
    add(out, p.daily(), "daily");
    add(out, p.weekly(), "weekly");
    add(out, p.monthly(), "monthly");
    add(out, p.yearly(), "yearly");
    return out.isEmpty() ? "nothing" : String.join(", ", out);
  }

  private static void add(List<String> out, Integer n, String what) {
    if (n != null && n > 0) {
      out.add(n + " " + what);
    }
  }

  /** The backup jobs per host they run on, as the graph's backup edges say. */
  private static List<BackupRow> backups(Spec spec, Topology t) {
    Map<String, String> hostById = new LinkedHashMap<>();
    t.hosts().forEach(h -> hostById.put(h.node().id(), h.name()));
    List<BackupRow> out = new ArrayList<>();
    spec.backups().jobs().forEach((name, job) -> {
      for (Topology.HostBox h : t.hosts()) {
        String prefix = name + " (";
        boolean runs = t.edges().stream().anyMatch(e -> e.kind() == Topology.EdgeKind.BACKUP
            && e.from().equals(h.node().id()) && e.label().startsWith(prefix));
        if (runs) {
          out.add(new BackupRow(name, h.name(), String.join(", ", job.to()), Topology.when(job), retention(job)));
        }
      }
    });
    return out;
  }

  private static String retention(BackupJob job) {
    Retention k = job.keep();
    if (k == null) {
      return "";
    }
    List<String> out = new ArrayList<>();
    if (k.within() != null) {
      out.add("all within " + k.within());
    }
    add(out, k.last(), "last");
    add(out, k.daily(), "daily");
    add(out, k.weekly(), "weekly");
    add(out, k.monthly(), "monthly");
    add(out, k.yearly(), "yearly");
    return String.join(", ", out);
  }

  /** The secrets each host needs, from the plan's {@code secrets/<host>.required.yaml}. */
  private static List<SecretRow> secrets(Plan plan) {
    List<SecretRow> out = new ArrayList<>();
    for (PlannedFile f : plan.files()) {
      if (!f.path().startsWith("secrets/") || !f.path().endsWith(".required.yaml")) {
        continue;
      }
      String host = f.path().substring("secrets/".length(), f.path().length() - ".required.yaml".length());
      Object entries = f.model().get("entries");
      if (entries instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof SecretsPlanner.Entry e && e.secret() != null) {
            var u = e.secret();
            out.add(new SecretRow(host, u.name(), u.usedBy() == null ? "" : u.usedBy(),
                u.owner() == null ? "root" : u.owner(), u.hint() == null ? "" : u.hint()));
          }
        }
      }
    }
    return out;
  }
}
