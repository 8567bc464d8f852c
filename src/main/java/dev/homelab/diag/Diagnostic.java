package dev.homelab.diag;

import java.util.Objects;

/**
 * One finding: a stable code ({@code HL0301}), a severity, a short lowercase message that
 * makes sense alone, where it is, and an optional hint proposing a fix.
 */
public record Diagnostic(String code, Severity severity, String message, Span span, String hint) {

  public Diagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    span = span == null ? Span.NONE : span;
    hint = hint == null || hint.isBlank() ? null : hint;
  }

  public static Diagnostic error(String code, String message, Span span, String hint) {
    return new Diagnostic(code, Severity.ERROR, message, span, hint);
  }

  public static Diagnostic warning(String code, String message, Span span, String hint) {
    return new Diagnostic(code, Severity.WARNING, message, span, hint);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
