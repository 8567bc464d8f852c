package dev.homelab.diag;

/** Stops a stage whose input is invalid; carries every finding collected so far. */
public final class SpecException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient Diagnostics diagnostics;

  public SpecException(Diagnostics diagnostics) {
    super(diagnostics.sorted().isEmpty() ? "invalid spec" : diagnostics.sorted().get(0).message());
    this.diagnostics = diagnostics;
  }

  public static SpecException of(Diagnostic diagnostic) {
    Diagnostics d = new Diagnostics();
    d.add(diagnostic);
    return new SpecException(d);
  }

  public Diagnostics diagnostics() {
    return diagnostics;
  }
}
