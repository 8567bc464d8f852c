package dev.homelab.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects findings from every stage, so all of them are reported together. */
public final class Diagnostics {

  private static final Comparator<Diagnostic> BY_PLACE =
      Comparator.comparing((Diagnostic d) -> d.span().file())
          .thenComparingInt(d -> d.span().line())
          .thenComparingInt(d -> d.span().column())
          .thenComparing(Diagnostic::code)
          .thenComparing(Diagnostic::message);

  private final List<Diagnostic> items = new ArrayList<>();
  /** The same findings, to refuse a repeated one in constant time (a fleet has thousands). */
  private final java.util.Set<Diagnostic> seen = new java.util.HashSet<>();

  public void add(Diagnostic diagnostic) {
    if (seen.add(diagnostic)) {
      items.add(diagnostic);
    }
  }

  /** Every finding of {@code other}, in the order it found them (a repeated one is dropped). */
  public void addAll(Diagnostics other) {
    other.items.forEach(this::add);
  }

  public void error(String code, String message, Span span, String hint) {
    add(Diagnostic.error(code, message, span, hint));
  }

  public void warning(String code, String message, Span span, String hint) {
    add(Diagnostic.warning(code, message, span, hint));
  }

  /** An error about the value at a spec path. */
  public void error(String code, String message, Span span, String hint, String path) {
    add(Diagnostic.error(code, message, span, hint).at(path));
  }

  /** A warning about the value at a spec path. */
  public void warning(String code, String message, Span span, String hint, String path) {
    add(Diagnostic.warning(code, message, span, hint).at(path));
  }


  public boolean hasErrors() {
    return items.stream().anyMatch(Diagnostic::isError);
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  /** Every finding, sorted by file, line and column. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> copy = new ArrayList<>(items);
    copy.sort(BY_PLACE);
    return List.copyOf(copy);
  }

  public long count(Severity severity) {
    return items.stream().filter(d -> d.severity() == severity).count();
  }
}
