package dev.homelab.cli;

import dev.homelab.diag.Diagnostics;
import dev.homelab.diag.Suppressed;
import dev.homelab.diag.TextRenderer;
import dev.homelab.diag.report.Format;
import dev.homelab.diag.report.Report;
import java.io.PrintWriter;
import java.util.List;

/**
 * Reports a run's findings in the chosen format: text as they come, on the error stream; a
 * machine format as one document on standard output when the run ends ({@link #finish}), with
 * every other message of the command moved to the error stream ({@link #human}).
 */
final class Reporter {

  private final Format format;
  private final Pipeline pipeline;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Report report;
  private final String docsUrl;

  Reporter(FindingsOptions options, Pipeline pipeline, PrintWriter out, PrintWriter err) {
    this.format = options.format;
    this.report = new Report(version(), options.docsUrl);
    this.docsUrl = options.docsUrl;
    this.pipeline = pipeline;
    this.out = out;
    this.err = err;
    StageClock.start();
  }

  void print(Diagnostics findings) {
    if (format == Format.TEXT) {
      new TextRenderer(pipeline.sources(), docsUrl).print(findings, err);
    } else {
      report.add(findings);
    }
    StageClock.mark("findings");
  }

  /** The warnings the spec's suppressions set aside: machine formats carry them, marked. */
  void suppressed(List<Suppressed> suppressed) {
    if (format != Format.TEXT) {
      report.addSuppressed(suppressed);
    } else if (!suppressed.isEmpty()) {
      err.println(suppressed.size() + (suppressed.size() == 1 ? " warning" : " warnings") + " suppressed by the spec's `suppress:` list");
      err.flush();
    }
  }

  /** Where the command's own messages go: standard output, unless it holds the findings document. */
  PrintWriter human() {
    return format == Format.TEXT ? out : err;
  }

  void finish() {
    if (format != Format.TEXT) {
      out.print(report.render(format));
      out.flush();
    }
    StageClock.mark("finish");
    StageClock.print(err);
  }

  private static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
