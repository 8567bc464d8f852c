package dev.homelab.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher picks the parallel collector for a fleet's spec (more than 256 KiB of spec
 * files in all) and the serial one otherwise, reading the files named by {@code -f} and
 * {@code --file} (else homelab.yaml) itself, and never a device such as /dev/stdin. Its
 * {@code large_spec} function is run on its own, as the launcher defines it.
 */
class LauncherCollectorTest {

  private static final int LIMIT = 256 * 1024;

  @TempDir
  Path tmp;

  private boolean large(Path cwd, String... args) throws Exception {
    Path launcher = Path.of("homelab").toAbsolutePath();
    List<String> command = new ArrayList<>(List.of("bash", "-c",
        "set -euo pipefail; eval \"$(sed -n '/^large_spec() {/,/^}/p' \"$0\")\"; large_spec \"$@\"", launcher.toString()));
    command.addAll(List.of(args));
    Proc.Result r = Proc.run(cwd, Map.of(), command);
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).as("exit of large_spec").isIn(0, 1);
    return r.exit() == 0;
  }

  @Test
  void theSizeOfTheSpecFilesDecides() throws Exception {
    Path lab = Files.writeString(tmp.resolve("lab.yaml"), "hosts: {}\n".repeat(100));
    Path fleet = Files.writeString(tmp.resolve("fleet.yaml"), "x".repeat(LIMIT + 1));
    Path half = Files.writeString(tmp.resolve("half.yaml"), "x".repeat(LIMIT / 2 + 1));
    Path exact = Files.writeString(tmp.resolve("exact.yaml"), "x".repeat(LIMIT));

    assertThat(large(tmp, "validate", "-f", lab.toString())).isFalse();
    assertThat(large(tmp, "validate", "-f", exact.toString())).isFalse();
    assertThat(large(tmp, "gen", "-f", fleet.toString(), "-o", "out")).isTrue();
    assertThat(large(tmp, "gen", "--file", fleet.toString())).isTrue();
    assertThat(large(tmp, "gen", "--file=" + fleet)).isTrue();
    assertThat(large(tmp, "gen", "-f" + fleet)).isTrue();
    // Several files count together.
    assertThat(large(tmp, "gen", "-f", half.toString())).isFalse();
    assertThat(large(tmp, "gen", "-f", half.toString(), "-f", half.toString())).isTrue();
    // A file that is not there, or not a file, counts nothing (homelab says what is wrong).
    assertThat(large(tmp, "gen", "-f", tmp.resolve("missing.yaml").toString())).isFalse();
    assertThat(large(tmp, "gen", "-f", tmp.toString())).isFalse();
    // Other options' values are not spec files.
    assertThat(large(tmp, "gen", "-o", fleet.toString(), "--set", fleet.toString())).isFalse();
  }

  @Test
  void withoutFileOptionsItIsHomelabYamlOfTheFolder() throws Exception {
    assertThat(large(tmp, "validate")).isFalse();
    Files.writeString(tmp.resolve("homelab.yaml"), "x".repeat(LIMIT + 1));
    assertThat(large(tmp, "validate")).isTrue();
  }

  @Test
  void aDeviceIsNeverRead() throws Exception {
    assertThat(large(tmp, "validate", "-f", "/dev/stdin")).isFalse();
    assertThat(large(tmp, "validate", "-f", "/dev/zero")).isFalse();
  }
}
