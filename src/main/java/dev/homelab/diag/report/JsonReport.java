package dev.homelab.diag.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.homelab.diag.Codes;
import dev.homelab.diag.Diagnostic;
import dev.homelab.diag.Severity;
import dev.homelab.diag.Span;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The findings as one JSON document, described by docs/findings.schema.json. */
final class JsonReport {

  /** The document's format version: raised when a field changes meaning or goes away. */
  static final int SCHEMA_VERSION = 1;

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  static String render(Report report) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schemaVersion", SCHEMA_VERSION);
    doc.put("tool", obj("name", "homelab", "version", report.toolVersion()));
    doc.put("errors", report.count(Severity.ERROR));
    doc.put("warnings", report.count(Severity.WARNING));
    doc.put("suppressed", report.suppressedCount());
    List<Object> findings = new ArrayList<>();
    for (Report.Item item : report.items()) {
      findings.add(finding(report, item));
    }
    doc.put("findings", findings);
    return write(doc);
  }

  private static Map<String, Object> finding(Report report, Report.Item item) {
    Diagnostic d = item.finding();
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("code", d.code());
    f.put("severity", d.severity().label());
    f.put("message", d.message());
    Span s = d.span();
    if (!s.file().isEmpty()) {
      f.put("file", s.file());
    }
    if (s.isKnown()) {
      f.put("line", s.line());
      f.put("column", s.column());
      f.put("length", s.length());
    }
    if (d.path() != null) {
      f.put("path", d.path());
    }
    if (d.hint() != null) {
      f.put("hint", d.hint());
    }
    if (Codes.page(d.code()) != null) {
      f.put("help", report.helpOf(d.code()));
    }
    if (item.suppressed()) {
      f.put("suppressed", obj("reason", item.suppressedBecause()));
    }
    return f;
  }

  /** A JSON object whose keys keep the order given: the same findings print the same bytes. */
  static Map<String, Object> obj(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  static String write(Object doc) {
    try {
      return JSON.writeValueAsString(doc) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
