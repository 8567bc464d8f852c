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
    out.println(d.severity().label() + "[" + d.code() + "]: " + printable(d.message()));
    Span s = d.span();
    if (s.isKnown()) {
      String number = Integer.toString(s.line());
      String pad = " ".repeat(number.length());
      out.println(pad + "--> " + s);
      String text = sources.line(s.file(), s.line());
      if (text != null) {
        String shown = printable(text.replace('\t', ' '));
        out.println(pad + " |");
        out.println(number + " | " + shown);
        int col = Math.max(1, Math.min(s.column(), shown.length() + 1));
        int len = Math.max(1, Math.min(s.length(), shown.length() - col + 1));
        out.println(pad + " | " + " ".repeat(col - 1) + "^".repeat(len));
      }
      if (d.hint() != null) {
        out.println(pad + " = help: " + printable(d.hint()));
      }
      see(d, pad + " ", out);
    } else {
      if (!s.file().isEmpty()) {
        out.println("  --> " + printable(s.file()));
      }
      if (d.hint() != null) {
        out.println("   = help: " + printable(d.hint()));
      }
      see(d, "   ", out);
    }
    out.println();
  }

  /**
   * The text with control characters and bidirectional overrides shown as escapes ({@code \n},
   * {@code \u001b}): a value quoted from a hostile spec must not break the finding's lines, move
   * the terminal's cursor or reorder what the reader sees.
   */
  static String printable(String text) {
    StringBuilder b = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean bidi = c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069' || c == '\u200e' || c == '\u200f';
      if (!Character.isISOControl(c) && !bidi) {
        if (b != null) {
          b.append(c);
        }
        continue;
      }
      if (b == null) {
        b = new StringBuilder(text.substring(0, i));
      }
      b.append(switch (c) {
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        default -> String.format("\\u%04x", (int) c);
      });
    }
    return b == null ? text : b.toString();
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
