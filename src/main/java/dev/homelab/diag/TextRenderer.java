package dev.homelab.diag;

import java.io.PrintWriter;

/**
 * Prints findings the way compilers do: level and code, message, {@code --> file:line:col},
 * the quoted line with a caret under the span, then the hint and the page that explains it.
 */
public final class TextRenderer {

  private final Sources sources;

  public TextRenderer(Sources sources) {
    this.sources = sources;
  }

  public void print(Diagnostics diagnostics, PrintWriter out) {
    for (Diagnostic d : diagnostics.sorted()) {
      print(d, out);
    }
    long errors = diagnostics.count(Severity.ERROR);
    long warnings = diagnostics.count(Severity.WARNING);
    if (errors + warnings > 0) {
      out.println(summary(errors, warnings));
    }
    out.flush();
  }

  void print(Diagnostic d, PrintWriter out) {
    out.println(d.severity().label() + "[" + d.code() + "]: " + d.message());
    Span s = d.span();
    if (s.isKnown()) {
      String number = Integer.toString(s.line());
      String pad = " ".repeat(number.length());
      out.println(pad + "--> " + s);
      String text = sources.line(s.file(), s.line());
      if (text != null) {
        String shown = text.replace('\t', ' ');
        out.println(pad + " |");
        out.println(number + " | " + shown);
        int col = Math.max(1, Math.min(s.column(), shown.length() + 1));
        int len = Math.max(1, Math.min(s.length(), shown.length() - col + 1));
        out.println(pad + " | " + " ".repeat(col - 1) + "^".repeat(len));
      }
      if (d.hint() != null) {
        out.println(pad + " = help: " + d.hint());
      }
    } else if (!s.file().isEmpty()) {
      out.println("  --> " + s.file());
      if (d.hint() != null) {
        out.println("   = help: " + d.hint());
      }
    } else if (d.hint() != null) {
      out.println("   = help: " + d.hint());
    }
    out.println();
  }

  static String summary(long errors, long warnings) {
    StringBuilder b = new StringBuilder();
    if (errors > 0) {
      b.append(errors).append(errors == 1 ? " error" : " errors");
    }
    if (warnings > 0) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(warnings).append(warnings == 1 ? " warning" : " warnings");
    }
    return b.toString();
  }
}
