package dev.homelab.diag;

import java.util.Objects;

/**
 * One finding: a stable code ({@code HL0301}), a severity, a short lowercase message that
 * makes sense alone, where it is, an optional hint proposing a fix, and the spec path it is
 * about ({@code hosts.nuc.services.immich}; null when it is about no one value), which a
 * suppression names.
 */
public record Diagnostic(String code, Severity severity, String message, Span span, String hint, String path) {

  public Diagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    span = span == null ? Span.NONE : span;
    hint = hint == null || hint.isBlank() ? null : hint;
    path = path == null || path.isEmpty() ? null : path;
  }

  public Diagnostic(String code, Severity severity, String message, Span span, String hint) {
    this(code, severity, message, span, hint, null);
  }

  public static Diagnostic error(String code, String message, Span span, String hint) {
    return new Diagnostic(code, Severity.ERROR, message, span, hint);
  }

  public static Diagnostic warning(String code, String message, Span span, String hint) {
    return new Diagnostic(code, Severity.WARNING, message, span, hint);
  }

  /** The same finding, about the value at this spec path. */
  public Diagnostic at(String specPath) {
    return new Diagnostic(code, severity, message, span, hint, specPath);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
