package dev.homelab.diag;

/**
 * A place in a source: file name as the user gave it, 1-based line and column, and the
 * length of the marked text (at least 1). {@link #NONE} marks findings that have no place.
 */
public record Span(String file, int line, int column, int length) {

  /** A finding without a place in any file. */
  public static final Span NONE = new Span("", 0, 0, 0);

  public Span {
    file = file == null ? "" : file;
    length = Math.max(length, line > 0 ? 1 : 0);
  }

  /** True when this span points into a file. */
  public boolean isKnown() {
    return line > 0;
  }

  /** {@code file:line:col}, the form editors and CI annotate. */
  @Override
  public String toString() {
    return isKnown() ? file + ":" + line + ":" + column : file;
  }
}
