package dev.homelab.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole generated tree of every example, byte for byte, against the tree committed
 * under src/test/resources/golden/. Regenerate with {@code ./mvnw test -Dgolden.update=true}
 * and review the diff.
 */
class GoldenFilesTest {

  static final Path GOLDEN = Path.of("src/test/resources/golden");

  @TempDir
  Path tmp;

  @TestFactory
  Stream<DynamicTest> generatedTreeEqualsGoldenTree() {
    return Examples.all().stream().map(spec -> DynamicTest.dynamicTest(Examples.name(spec), () -> {
      Path out = tmp.resolve(Examples.name(spec));
      Cli.Run run = Cli.run("gen", "-f", spec.toString(), "-o", out.toString());
      assertThat(run.exit()).as(run.all()).isZero();
      Path golden = GOLDEN.resolve(Examples.name(spec));
      if ("true".equals(System.getProperty("golden.update"))) {
        replace(golden, out);
      }
      Map<String, String> expected = tree(golden);
      Map<String, String> actual = tree(out);
      assertThat(actual.keySet()).as("files generated for %s", spec).containsExactlyElementsOf(expected.keySet());
      for (String file : expected.keySet()) {
        assertThat(actual.get(file)).as("%s of %s (update goldens with -Dgolden.update=true)", file, spec)
            .isEqualTo(expected.get(file));
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> secondRunChangesNothingAndCheckPasses() {
    return Examples.all().stream().map(spec -> DynamicTest.dynamicTest(Examples.name(spec), () -> {
      Path out = tmp.resolve("twice-" + Examples.name(spec));
      assertThat(Cli.run("gen", "-f", spec.toString(), "-o", out.toString()).exit()).isZero();
      Map<String, String> first = tree(out);
      Cli.Run second = Cli.run("gen", "-f", spec.toString(), "-o", out.toString());
      assertThat(second.exit()).isZero();
      assertThat(second.out()).contains("0 changed");
      assertThat(tree(out)).isEqualTo(first);
      assertThat(Cli.run("gen", "--check", "-f", spec.toString(), "-o", out.toString()).exit()).isZero();
    }));
  }

  /** Every file under a folder, by forward-slash relative path. */
  static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return files;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p));
      }
    }
    return files;
  }

  private static void replace(Path golden, Path out) throws IOException {
    if (Files.exists(golden)) {
      try (Stream<Path> s = Files.walk(golden)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    try (Stream<Path> s = Files.walk(out)) {
      List<Path> paths = s.toList();
      for (Path p : paths) {
        Path target = golden.resolve(out.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
