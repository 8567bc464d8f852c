package dev.homelab.diag.report;

import dev.homelab.diag.Diagnostic;
import dev.homelab.diag.Span;

/**
 * The findings as GitHub Actions workflow commands ({@code ::error file=..,line=..::text}):
 * the runner turns each into an annotation on the file and line of the pull request.
 * Suppressed warnings are left out.
 */
final class GithubReport {

  private GithubReport() {}

  static String render(Report report) {
    StringBuilder b = new StringBuilder();
    for (Report.Item item : report.items()) {
      if (item.suppressed()) {
        continue;
      }
      Diagnostic d = item.finding();
      b.append("::").append(d.isError() ? "error" : "warning").append(' ');
      Span s = d.span();
      StringBuilder props = new StringBuilder();
      if (!s.file().isEmpty()) {
        props.append("file=").append(property(s.file()));
        if (s.isKnown()) {
          props.append(",line=").append(s.line()).append(",col=").append(s.column())
              .append(",endColumn=").append(s.column() + s.length());
        }
        props.append(',');
      }
      props.append("title=").append(property(d.code()));
      b.append(props).append("::").append(message(d)).append('\n');
    }
    return b.toString();
  }

  private static String message(Diagnostic d) {
    String text = d.code() + ": " + d.message() + (d.hint() == null ? "" : "\nhelp: " + d.hint());
    return data(text);
  }

  /** A command's message: {@code %}, CR and LF escaped, as the runner reads them back. */
  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A property value: also {@code :} and {@code ,}, which end a property. */
  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
