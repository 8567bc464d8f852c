package dev.homelab.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.diag.SpecException;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs of gen on one folder take turns; a run that cannot get its turn is refused. */
class OutputLockTest {

  @TempDir
  Path dir;

  @Test
  void aSecondGenWaitsForTheFirstThenWrites() throws Exception {
    Path spec = Specs.write(dir, "lab.yaml", Specs.MINIMAL);
    Path out = dir.resolve("out");
    // The second run is a process of its own, as two gens in two terminals (or CI jobs) are.
    Process second;
    StringBuilder said = new StringBuilder();
    try (OutputLock first = OutputLock.take(out, Duration.ofSeconds(1), () -> { })) {
      second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "dev.homelab.cli.Main",
          "gen", "-f", spec.toString(), "-o", out.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      var err = new java.io.BufferedReader(new java.io.InputStreamReader(second.getErrorStream(), java.nio.charset.StandardCharsets.UTF_8));
      String line;
      while ((line = err.readLine()) != null && !line.startsWith("waiting for another")) {
        said.append(line).append('\n');
      }
      assertThat(line).as(said.toString()).isEqualTo("waiting for another `homelab gen` writing to " + out + " ...");
      // It waits: nothing written while the first run holds the folder.
      Thread.sleep(300);
      assertThat(second.isAlive()).isTrue();
      assertThat(out.resolve("flake.nix")).doesNotExist();
    }
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).isZero();
    assertThat(out.resolve("flake.nix")).exists();
  }

  @Test
  void aRunThatCannotGetItsTurnIsRefusedWithALocatedMessage() throws Exception {
    Path out = dir.resolve("out");
    AtomicBoolean told = new AtomicBoolean();
    try (OutputLock first = OutputLock.take(out, Duration.ofSeconds(1), () -> { })) {
      assertThatThrownBy(() -> OutputLock.take(out, Duration.ofMillis(300), () -> told.set(true)))
          .isInstanceOf(SpecException.class)
          .satisfies(e -> assertThat(((SpecException) e).diagnostics().sorted()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("HL0509");
            assertThat(d.message()).contains("another `homelab gen` is writing to " + out);
            assertThat(d.hint()).contains("a run that was killed releases the folder");
          }));
    }
    assertThat(told).isTrue();
    // Released: the next run takes it at once.
    try (OutputLock again = OutputLock.take(out, Duration.ZERO, () -> { throw new AssertionError("waited"); })) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void everyPathToOneFolderSharesOneLockAndNothingIsPutInTheFolder() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), out);
    assertThat(OutputLock.lockFile(link)).isEqualTo(OutputLock.lockFile(out));
    assertThat(OutputLock.lockFile(dir.resolve("out/../out"))).isEqualTo(OutputLock.lockFile(out));
    assertThat(OutputLock.lockFile(dir.resolve("other"))).isNotEqualTo(OutputLock.lockFile(out));
    try (OutputLock lock = OutputLock.take(out, Duration.ZERO, () -> { })) {
      try (var listing = Files.list(out)) {
        assertThat(listing).isEmpty();
      }
    }
  }
}
