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

  // Written out rather than left to the record: the generated ones are linked through method
  // handles at their first use, classes a JDK 17 start spins anew every run (findings are
  // kept in sets, so every run hashes spans).
  @Override
  public boolean equals(Object o) {
    return o instanceof Span s && line == s.line && column == s.column && length == s.length && file.equals(s.file);
  }

  @Override
  public int hashCode() {
    return ((file.hashCode() * 31 + line) * 31 + column) * 31 + length;
  }

  /** {@code file:line:col}, the form editors and CI annotate. */
  @Override
  public String toString() {
    return isKnown() ? file + ":" + line + ":" + column : file;
  }
}
