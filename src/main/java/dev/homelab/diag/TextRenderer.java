package dev.homelab.diag;

import java.io.PrintWriter;

/**
 * Prints findings the way compilers do: level and code, message, {@code --> file:line:col},
 * the quoted line with a caret under the span, then the hint and the page that explains it:
 * {@code = see: homelab explain HL0301}, or the page's address under {@code --docs-url}.
 */
public final class TextRenderer {

  private final Sources sources;
  private final String docsUrl;

  public TextRenderer(Sources sources) {
    this(sources, null);
  }

  /** A renderer whose page references point under {@code docsUrl} (ends with /) when not null. */
  public TextRenderer(Sources sources, String docsUrl) {
    this.sources = sources;
    this.docsUrl = docsUrl;
  }

  /** Where a code's page is read: {@code homelab explain HL0301}, or its address under the docs URL; null without a page. */
  public String see(String code) {
    if (Codes.entry(code) == null) {
      return null;
    }
    return docsUrl != null ? docsUrl + code + ".md" : "homelab explain " + code;
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
      see(d, pad + " ", out);
    } else {
      if (!s.file().isEmpty()) {
        out.println("  --> " + s.file());
      }
      if (d.hint() != null) {
        out.println("   = help: " + d.hint());
      }
      see(d, "   ", out);
    }
    out.println();
  }

  private void see(Diagnostic d, String indent, PrintWriter out) {
    String see = see(d.code());
    if (see != null) {
      out.println(indent + "= see: " + see);
    }
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
