package dev.homelab.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Examples;
import dev.homelab.testing.NixTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every generated .nix file of every example parses with the real Nix parser. */
class GeneratedNixParsesTest {

  @TempDir
  Path tmp;

  @TestFactory
  Stream<DynamicTest> everyGeneratedNixFileParses() {
    NixTool.require();
    return Examples.all().stream().flatMap(spec -> {
      Map<String, String> files = Examples.render(spec);
      return files.entrySet().stream().filter(e -> e.getKey().endsWith(".nix")).map(e ->
          DynamicTest.dynamicTest(Examples.name(spec) + "/" + e.getKey(), () -> {
            Path f = tmp.resolve(Examples.name(spec)).resolve(e.getKey());
            write(f, e.getValue());
            NixTool.Result r = NixTool.parse(f);
            assertThat(r.exit()).as("nix-instantiate --parse %s: %s", e.getKey(), r.err()).isZero();
          }));
    });
  }

  private static void write(Path f, String text) throws IOException {
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }
}
