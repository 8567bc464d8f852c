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

  // Written out rather than left to the record (see Span): findings are de-duplicated by a set.
  @Override
  public boolean equals(Object o) {
    return o instanceof Diagnostic d && code.equals(d.code) && severity == d.severity && message.equals(d.message)
        && span.equals(d.span) && Objects.equals(hint, d.hint) && Objects.equals(path, d.path);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, severity, message, span, hint, path);
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
