package dev.homelab.diag.report;

import dev.homelab.diag.Diagnostic;
import dev.homelab.diag.Diagnostics;
import dev.homelab.diag.Severity;
import dev.homelab.diag.Suppressed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything a run found, gathered for one machine-readable document: the findings still
 * reported, and the warnings the spec's suppressions set aside (with their reasons), in the
 * order of their place in the files.
 */
public final class Report {

  /** One finding as reported: suppressed when {@code reason} is not null. */
  public record Item(Diagnostic finding, String suppressedBecause) {
    public boolean suppressed() {
      return suppressedBecause != null;
    }
  }

  private final String toolVersion;
  private final String docsUrl;
  private final List<Item> items = new ArrayList<>();

  /** A report; {@code docsUrl}, when not null, is where the code pages are published (ends with /). */
  public Report(String toolVersion, String docsUrl) {
    this.toolVersion = toolVersion;
    this.docsUrl = docsUrl;
  }

  /** A code's page: under the published docs when known, else its path in the repository. */
  String helpOf(String code) {
    return docsUrl != null ? docsUrl + code + ".md" : dev.homelab.diag.Codes.pagePath(code);
  }

  /** The published page of a code, or null when the docs' address is not known. */
  String helpUri(String code) {
    return docsUrl != null ? docsUrl + code + ".md" : null;
  }

  public void add(Diagnostics findings) {
    findings.sorted().forEach(d -> items.add(new Item(d, null)));
  }

  public void addSuppressed(List<Suppressed> suppressed) {
    suppressed.forEach(s -> items.add(new Item(s.finding(), s.reason())));
  }

  public String toolVersion() {
    return toolVersion;
  }

  /** Every item, by file, line, column and code. */
  public List<Item> items() {
    List<Item> out = new ArrayList<>(items);
    out.sort(Comparator.comparing((Item i) -> i.finding().span().file())
        .thenComparingInt(i -> i.finding().span().line())
        .thenComparingInt(i -> i.finding().span().column())
        .thenComparing(i -> i.finding().code()));
    return out;
  }

  /** How many findings of this severity are reported (not suppressed). */
  public long count(Severity severity) {
    return items.stream().filter(i -> !i.suppressed() && i.finding().severity() == severity).count();
  }

  public long suppressedCount() {
    return items.stream().filter(Item::suppressed).count();
  }

  /** The document in this format, ending with a newline. */
  public String render(Format format) {
    return switch (format) {
      case JSON -> JsonReport.render(this);
      case SARIF -> SarifReport.render(this);
      case GITHUB -> GithubReport.render(this);
      case TEXT -> throw new IllegalArgumentException("text findings are printed as they come");
    };
  }
}
