package dev.homelab.diag.report;

import static dev.homelab.diag.report.JsonReport.obj;

import dev.homelab.diag.Codes;
import dev.homelab.diag.Diagnostic;
import dev.homelab.diag.Span;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The findings as a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format), the
 * format GitHub code scanning and other viewers take: one run, its rules (each code that
 * occurs, with its meaning from the index and its page as help), one result per finding with
 * its region, suppressed warnings marked with the spec's reason.
 */
final class SarifReport {

  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private SarifReport() {}

  static String render(Report report) {
    List<Report.Item> items = report.items();
    // One rule per code that occurs, in code order; results point at them by index.
    TreeMap<String, Diagnostic> codes = new TreeMap<>();
    items.forEach(i -> codes.putIfAbsent(i.finding().code(), i.finding()));
    List<String> ruleIds = new ArrayList<>(codes.keySet());
    List<Object> rules = new ArrayList<>();
    for (String code : ruleIds) {
      rules.add(rule(report, code, codes.get(code)));
    }
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", "homelab");
    driver.put("version", report.toolVersion());
    driver.put("rules", rules);
    List<Object> results = new ArrayList<>();
    for (Report.Item item : items) {
      results.add(result(item, ruleIds.indexOf(item.finding().code())));
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", obj("driver", driver));
    run.put("columnKind", "utf16CodeUnits");
    run.put("results", results);
    Map<String, Object> log = new LinkedHashMap<>();
    log.put("$schema", SCHEMA);
    log.put("version", "2.1.0");
    log.put("runs", List.of(run));
    return JsonReport.write(log);
  }

  private static Map<String, Object> rule(Report report, String code, Diagnostic first) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", code);
    Codes.Entry e = Codes.entry(code);
    r.put("shortDescription", obj("text", e != null ? e.meaning() : first.message()));
    String page = Codes.page(code);
    if (page != null) {
      if (report.helpUri(code) != null) {
        r.put("helpUri", report.helpUri(code));
      }
      r.put("help", obj("text", (e != null ? e.meaning() : code) + " (" + Codes.pagePath(code) + ")", "markdown", page));
    }
    String level = e != null && e.severity().equals("error") ? "error" : e != null && e.severity().equals("warning") ? "warning"
        : level(first);
    r.put("defaultConfiguration", obj("level", level));
    if (page != null) {
      r.put("properties", obj("page", Codes.pagePath(code)));
    }
    return r;
  }

  private static Map<String, Object> result(Report.Item item, int ruleIndex) {
    Diagnostic d = item.finding();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("ruleId", d.code());
    r.put("ruleIndex", ruleIndex);
    r.put("level", level(d));
    r.put("message", obj("text", d.message() + (d.hint() == null ? "" : " (help: " + d.hint() + ")")));
    Span s = d.span();
    if (!s.file().isEmpty()) {
      Map<String, Object> physical = new LinkedHashMap<>();
      physical.put("artifactLocation", obj("uri", uri(s.file())));
      if (s.isKnown()) {
        physical.put("region", obj("startLine", s.line(), "startColumn", s.column(), "endColumn", s.column() + s.length()));
      }
      r.put("locations", List.of(obj("physicalLocation", physical)));
    }
    if (d.path() != null) {
      r.put("properties", obj("path", d.path()));
    }
    if (item.suppressed()) {
      r.put("suppressions", List.of(obj("kind", "inSource", "justification", item.suppressedBecause())));
    }
    return r;
  }

  private static String level(Diagnostic d) {
    return d.isError() ? "error" : "warning";
  }

  /** A file as the user named it, as a URI reference: relative stays relative, absolute becomes file:. */
  static String uri(String file) {
    try {
      String path = file.replace('\\', '/');
      return path.startsWith("/") ? new URI("file", "", path, null).toASCIIString() : new URI(null, null, path, null).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a file name: " + file, e);
    }
  }
}
