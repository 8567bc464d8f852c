package dev.homelab.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec files the command line cannot use are usage errors (exit 2), never a stack trace. */
class CommandLineUsageTest {

  @TempDir
  Path dir;

  private static void assertUsageError(Cli.Run run) {
    assertThat(run.exit()).as(run.all()).isEqualTo(2);
    assertThat(run.all()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void missingSpecFileExitsTwo() {
    Path missing = dir.resolve("nope.yaml");
    Cli.Run run = Cli.run("validate", "-f", missing.toString());
    assertUsageError(run);
    assertThat(run.err()).contains("spec file not found").contains(missing.toString());
  }

  @Test
  void missingSecondSpecFileExitsTwo() {
    Path file = Specs.write(dir, "spec.yaml", Specs.MINIMAL);
    assertUsageError(Cli.run("validate", "-f", file.toString(), "-f", dir.resolve("nope.yaml").toString()));
  }

  @Test
  void directoryAsSpecFileExitsTwo() {
    Cli.Run run = Cli.run("validate", "-f", dir.toString());
    assertUsageError(run);
    assertThat(run.err()).contains("not a regular file");
  }

  @Test
  void unknownFlagExitsTwo() {
    Path file = Specs.write(dir, "spec.yaml", Specs.MINIMAL);
    Cli.Run run = Cli.run("validate", "-f", file.toString(), "--frobnicate");
    assertUsageError(run);
    assertThat(run.err()).contains("--frobnicate");
  }

  @Test
  void genWithMissingSpecFileExitsTwo() {
    assertUsageError(Cli.run("gen", "-f", dir.resolve("nope.yaml").toString(), "-o", dir.resolve("out").toString()));
  }

  @Test
  void validSpecExitsZero() {
    Path file = Specs.write(dir, "spec.yaml", Specs.MINIMAL);
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).as(run.all()).isEqualTo(0);
    assertThat(run.out()).contains("valid: 1 host(s), 2 service(s)");
  }
}
