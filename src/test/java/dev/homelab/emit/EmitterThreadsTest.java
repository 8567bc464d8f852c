package dev.homelab.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.bench.FleetSpecTest;
import dev.homelab.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet's files are written by several threads: every file is whole, the manifest lists
 * each, and no temporary file is left; a second gen finds everything up to date.
 */
class EmitterThreadsTest {

  @TempDir
  Path tmp;

  @Test
  void aFleetWrittenOnSeveralThreadsIsCompleteAndUpToDate() throws Exception {
    Path spec = FleetSpecTest.write(tmp, 12, 25);
    Path out = tmp.resolve("out");
    Cli.Run gen = Cli.run("gen", "-f", spec.toString(), "-o", out.toString());
    assertThat(gen.exit()).as(gen.err()).isZero();

    List<Path> written;
    try (Stream<Path> files = Files.walk(out)) {
      written = files.filter(Files::isRegularFile).toList();
    }
    assertThat(written).hasSizeGreaterThan(Emitter.PARALLEL_FROM);
    assertThat(written).noneMatch(p -> p.getFileName().toString().startsWith(FileOps.TEMP_PREFIX));
    Manifest manifest = Manifest.parse(Files.readAllBytes(out.resolve(Manifest.NAME)));
    for (String path : manifest.paths()) {
      byte[] bytes = Files.readAllBytes(out.resolve(path));
      assertThat(manifest.accepts(path, Manifest.sha256(bytes))).as(path).isTrue();
    }

    Cli.Run check = Cli.run("gen", "--check", "-f", spec.toString(), "-o", out.toString());
    assertThat(check.exit()).as(check.err()).isZero();
    assertThat(check.out()).contains("up to date: ");
  }
}
