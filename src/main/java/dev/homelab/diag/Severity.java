package dev.homelab.diag;

/** How bad a finding is: errors stop the run, warnings are printed and the run goes on. */
public enum Severity {
  ERROR("error"),
  WARNING("warning");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  /** The lowercase word printed before the code. */
  public String label() {
    return label;
  }
}
