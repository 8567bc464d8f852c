package dev.homelab.cli;

import dev.homelab.diag.Diagnostics;
import dev.homelab.diag.Sources;
import dev.homelab.diag.TextRenderer;
import java.io.PrintWriter;

/** Prints findings to the error stream in the compiler style. */
final class Reporter {

  private Reporter() {}

  static void print(Diagnostics diagnostics, Sources sources, PrintWriter err) {
    new TextRenderer(sources).print(diagnostics, err);
  }
}
