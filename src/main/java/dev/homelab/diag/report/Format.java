package dev.homelab.diag.report;

/** How findings are printed: for people, or for CI. */
public enum Format {
  /** Compiler-style text on the error stream (the default). */
  TEXT,
  /** One JSON document on standard output (schema: docs/findings.schema.json). */
  JSON,
  /** One SARIF 2.1.0 log on standard output, for code scanning. */
  SARIF,
  /** GitHub Actions workflow commands on standard output: one annotation per finding. */
  GITHUB
}
