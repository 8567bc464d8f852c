package dev.homelab.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.cli.Main;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.io.StringWriter;

/** Runs the command line in-process, as a user would, and keeps what it printed. */
public final class Cli {

  /** One run: the exit code and both streams. */
  public record Run(int exit, String out, String err) {

    /** Both streams, for assertions that do not care which one. */
    public String all() {
      return out + err;
    }
  }

  private Cli() {}

  public static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  /**
   * Writes {@code spec} to {@code dir}/lab.yaml and generates it into {@code dir}/out, which it
   * returns; the run must succeed.
   */
  public static Path gen(Path dir, String spec) {
    Path file = Specs.write(dir, "lab.yaml", spec);
    Path out = dir.resolve("out");
    Run run = run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    return out;
  }
}
