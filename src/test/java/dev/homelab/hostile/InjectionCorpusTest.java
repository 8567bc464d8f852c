package dev.homelab.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harmless half of the injection corpus: every spec under src/test/resources/hostile/injection/
 * carries text meant to break out of what it is written into (Nix {@code ${}} and {@code ''},
 * quotes, shell {@code $(...)} and backticks, systemd {@code %}, YAML line breaks and {@code #}),
 * in a field where such text is a legitimate value. It must be generated (exit 0), and come out as
 * data: each {@code # quoted: FILE :: TEXT} line names the exact quoted form that must appear in
 * that generated file, each {@code # value: FILE :: TEXT} names a YAML or JSON file that must load
 * back with a string equal to TEXT ({@code \n} for a line break), and every generated {@code .nix}
 * file must parse with {@code nix-instantiate --parse}. The refused half (a located error) lives in
 * the hostile corpus beside it ({@code NNN-inject-*.yaml}).
 */
class InjectionCorpusTest {

  private static final Path CORPUS = Path.of("src/test/resources/hostile/injection");

  @TestFactory
  Stream<DynamicTest> everyInjectionComesOutAsData(@TempDir Path root) throws IOException {
    List<Path> cases;
    try (Stream<Path> s = Files.list(CORPUS)) {
      cases = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(cases).as("harmless injection cases").hasSizeGreaterThanOrEqualTo(10);
    return cases.stream().map(spec -> DynamicTest.dynamicTest(spec.getFileName().toString(),
        () -> runCase(spec, Files.createDirectory(root.resolve(spec.getFileName().toString())))));
  }

  private void runCase(Path spec, Path dir) throws IOException {
    List<String[]> quoted = new ArrayList<>();
    List<String[]> values = new ArrayList<>();
    List<String> args = new ArrayList<>(List.of("gen", "-f", spec.toString(), "-o", dir.resolve("out").toString()));
    boolean expected = false;
    for (String line : Files.readAllLines(spec, StandardCharsets.UTF_8)) {
      if (!line.startsWith("#")) {
        break;
      }
      if (line.equals("# expect: exit 0")) {
        expected = true;
      } else if (line.startsWith("# quoted: ")) {
        quoted.add(line.substring("# quoted: ".length()).split(" :: ", 2));
      } else if (line.startsWith("# value: ")) {
        values.add(line.substring("# value: ".length()).split(" :: ", 2));
      } else if (line.startsWith("# args: ")) {
        args.addAll(List.of(line.substring("# args: ".length()).strip().split(" +")));
      }
    }
    assertThat(expected).as("%s has no `# expect: exit 0` header", spec).isTrue();
    assertThat(quoted.size() + values.size()).as("%s says how its value comes out", spec).isPositive();

    Cli.Run run = Cli.run(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.all()).isZero();
    Path out = dir.resolve("out");
    for (String[] q : quoted) {
      assertThat(Files.readString(out.resolve(q[0]))).as("%s in %s", q[1], q[0]).contains(q[1]);
    }
    for (String[] v : values) {
      ObjectMapper mapper = v[0].endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
      JsonNode doc = mapper.readTree(out.resolve(v[0]).toFile());
      String want = v[1].replace("\\n", "\n");
      assertThat(strings(doc)).as("a string of %s", v[0]).contains(want);
    }
    NixTool.require();
    try (Stream<Path> s = Files.walk(out)) {
      for (Path nix : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".nix"))::iterator) {
        NixTool.Result parsed = NixTool.parse(nix);
        assertThat(parsed.exit()).as("%s parses: %s", out.relativize(nix), parsed.err()).isZero();
      }
    }
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isTextual()) {
      out.add(node.textValue());
    }
    node.forEach(child -> out.addAll(strings(child)));
    return out;
  }
}
