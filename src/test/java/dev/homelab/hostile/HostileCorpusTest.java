package dev.homelab.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile corpus: every spec under src/test/resources/hostile/ is generated with
 * {@code gen -f spec -o out} into a folder holding a previous output and a hand-written file.
 * Each spec's first comment lines say what must happen ({@code # expect: exit 1, at 7:13, HL0300};
 * {@code # args: --set x=y} adds arguments). Every case must end with that exit code, name the
 * place and code, print no stack trace, and leave the whole folder byte-identical.
 */
class HostileCorpusTest {

  private static final Path CORPUS = Path.of("src/test/resources/hostile");
  private static final Pattern EXPECT = Pattern.compile("^# expect: exit (\\d+)(.*)$");
  private static final Pattern ARGS = Pattern.compile("^# args: (.*)$");

  @TempDir static Path previous;

  /** A real previous output of the minimal spec, plus a file its owner wrote by hand. */
  @BeforeAll
  static void previousOutput() throws IOException {
    Cli.gen(previous, Specs.MINIMAL);
    Files.writeString(previous.resolve("out/NOTES.md"), "hand-written, not generated\n");
  }

  @TestFactory
  Stream<DynamicTest> everyHostileSpecIsRefusedCleanly(@TempDir Path root) throws IOException {
    List<Path> cases;
    try (Stream<Path> s = Files.list(CORPUS)) {
      cases = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(cases).as("corpus size").hasSizeGreaterThanOrEqualTo(80);
    return cases.stream().map(spec -> DynamicTest.dynamicTest(spec.getFileName().toString(),
        () -> runCase(spec, Files.createDirectory(root.resolve(spec.getFileName().toString())))));
  }

  private void runCase(Path spec, Path dir) throws IOException {
    List<String> lines = Files.readAllLines(spec, StandardCharsets.UTF_8);
    int exit = -1;
    List<String> fragments = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    for (String line : lines) {
      if (!line.startsWith("#")) {
        break;
      }
      Matcher e = EXPECT.matcher(line);
      if (e.matches()) {
        exit = Integer.parseInt(e.group(1));
        for (String f : e.group(2).split(",")) {
          String t = f.strip();
          if (t.startsWith("at ")) {
            fragments.add("hostile.yaml:" + t.substring(3));
          } else if (!t.isEmpty()) {
            fragments.add(t);
          }
        }
      }
      Matcher a = ARGS.matcher(line);
      if (a.matches()) {
        extra.addAll(List.of(a.group(1).strip().split(" +")));
      }
    }
    assertThat(exit).as("%s has no `# expect: exit N` header", spec).isNotNegative();
    Files.copy(spec, dir.resolve("hostile.yaml"));
    copyTree(previous.resolve("out"), dir.resolve("out"));
    Map<String, String> before = hashes(dir);

    List<String> args = new ArrayList<>(List.of("gen", "-f", dir.resolve("hostile.yaml").toString(),
        "-o", dir.resolve("out").toString()));
    args.addAll(extra);
    Cli.Run run = Cli.run(args.toArray(String[]::new));

    assertThat(run.exit()).as(run.all()).isEqualTo(exit);
    for (String f : fragments) {
      assertThat(run.all()).as("message names %s", f).contains(f);
    }
    assertThat(run.all()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(hashes(dir)).as("nothing may change, inside or outside the output").isEqualTo(before);
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
  }

  /** Every entry under {@code root}, not following links: a file's SHA-256, a link's target. */
  static Map<String, String> hashes(Path root) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path p : (Iterable<Path>) s::iterator) {
        String rel = root.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          out.put(rel, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(rel, HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
        } else {
          out.put(rel + "/", "<dir>");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
