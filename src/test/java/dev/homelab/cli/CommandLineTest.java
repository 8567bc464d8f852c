package dev.homelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line itself: help, version, usage errors and their exit codes. */
class CommandLineTest {

  @TempDir
  Path tmp;

  @Test
  void topLevelHelpListsCommandsAndExitCodes() {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"-h"}, new String[] {})) {
      Cli.Run r = Cli.run(args);
      assertThat(r.exit()).as(r.all()).isZero();
      assertThat(r.out()).contains("validate", "gen", "catalog", "Exit codes", "  2  usage error", "  3  output stale");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "gen", "catalog"})
  void everyCommandHasHelp(String command) {
    Cli.Run r = Cli.run(command, "--help");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("Usage:", "--help", "--version");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void helpOfSpecCommandsNamesTheirOptions() {
    assertThat(Cli.run("gen", "--help").out()).contains("--file", "--set", "--output", "--check", "--dry-run", "--force");
    assertThat(Cli.run("validate", "--help").out()).contains("--file", "--set", "Exit 0", "1 when invalid", "2 on a usage");
  }

  @Test
  void versionExitsZero() {
    Cli.Run r = Cli.run("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("homelab ");
    assertThat(Cli.run("gen", "--version").exit()).isZero();
  }

  @Test
  void anUnknownFlagIsAUsageError() {
    Cli.Run top = Cli.run("--no-such-flag");
    assertThat(top.exit()).isEqualTo(2);
    assertThat(top.err()).contains("--no-such-flag", "--help");
    Path spec = Specs.write(tmp, "homelab.yaml", Specs.MINIMAL);
    Cli.Run gen = Cli.run("gen", "-f", spec.toString(), "--frobnicate");
    assertThat(gen.exit()).isEqualTo(2);
    assertThat(gen.err()).contains("--frobnicate");
    assertThat(Cli.run("no-such-command").exit()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "gen"})
  void aMissingSpecFileIsAUsageError(String command) {
    Path out = tmp.resolve("out");
    Cli.Run r = run(command, tmp.resolve("missing.yaml"), out);
    assertThat(r.exit()).as(r.all()).isEqualTo(2);
    assertThat(r.err()).contains("missing.yaml").doesNotContain("\tat ");
    assertThat(out).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "gen"})
  void aFolderGivenAsSpecIsAUsageError(String command) {
    Cli.Run r = Cli.run(command, "-f", tmp.toString());
    assertThat(r.exit()).as(r.all()).isEqualTo(2);
    assertThat(r.err()).contains("not a regular file").doesNotContain("\tat ");
  }

  @Test
  void checkCannotBeCombinedWithForceOrDryRun() {
    Path spec = Specs.write(tmp, "homelab.yaml", Specs.MINIMAL);
    Path out = tmp.resolve("out");
    for (String other : List.of("--force", "--dry-run")) {
      Cli.Run r = Cli.run("gen", "-f", spec.toString(), "-o", out.toString(), "--check", other);
      assertThat(r.exit()).as(r.all()).isEqualTo(2);
      assertThat(r.err()).contains("--check");
    }
    assertThat(out).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "gen"})
  void anInvalidSpecExitsOneWithFileLineColumnAndNoStackTrace(String command) {
    String text = Specs.MINIMAL.replace("immich: { tier: critical, claimed: true }", "immich: { tier: critcal }");
    assertThat(text).isNotEqualTo(Specs.MINIMAL);
    int line = text.lines().toList().indexOf("      immich: { tier: critcal }") + 1;
    assertThat(line).isPositive();
    Path spec = Specs.write(tmp, "bad.yaml", text);
    Path out = tmp.resolve("out");

    Cli.Run r = run(command, spec, out);
    assertThat(r.exit()).as(r.all()).isEqualTo(1);
    assertThat(r.err()).containsPattern("bad\\.yaml:" + line + ":\\d+").contains("error[")
        .doesNotContain("\tat ", "Exception");
    assertThat(out).doesNotExist();
  }

  @Test
  void aYamlSyntaxErrorIsLocatedToo() {
    Path spec = Specs.write(tmp, "broken.yaml", "homelab:\n  name: [unclosed\n");
    Cli.Run r = Cli.run("validate", "-f", spec.toString());
    assertThat(r.exit()).as(r.all()).isEqualTo(1);
    assertThat(r.err()).containsPattern("broken\\.yaml:\\d+:\\d+").doesNotContain("\tat ");
  }

  @Test
  void withoutDashFTheSpecIsHomelabYamlInTheCurrentFolder() {
    // The tests run in the project folder, which has no homelab.yaml.
    assertThat(Path.of("homelab.yaml")).doesNotExist();
    Cli.Run r = Cli.run("validate");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("homelab.yaml", "-f");
  }

  @Test
  void withoutDashFGenReadsHomelabYamlOfTheWorkingFolder() throws Exception {
    // A working folder cannot be changed in-process: run the CLI as a child JVM there.
    Specs.write(tmp, "homelab.yaml", Specs.MINIMAL);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    String classpath = System.getProperty("java.class.path");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", absolute(classpath), Main.class.getName(), "gen", "-o", "out")
        .directory(tmp.toFile()).redirectErrorStream(true);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(tmp.resolve("out/flake.nix")).exists();
    assertThat(Files.readString(tmp.resolve("out/flake.nix"))).contains("homelab.yaml");
  }

  /** The command with {@code -f spec}, and {@code -o out} for gen. */
  private static Cli.Run run(String command, Path spec, Path out) {
    return command.equals("gen")
        ? Cli.run(command, "-f", spec.toString(), "-o", out.toString())
        : Cli.run(command, "-f", spec.toString());
  }

  /** The test class path with every entry made absolute, for a child started elsewhere. */
  private static String absolute(String classpath) {
    StringBuilder b = new StringBuilder();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        b.append(b.length() == 0 ? "" : File.pathSeparator).append(Path.of(entry).toAbsolutePath());
      }
    }
    return b.toString();
  }
}
