package dev.homelab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/output.md's "first switch" table says, per example, which services are held back until
 * claimed: exactly those the example's generated docs list to claim.
 */
class FirstSwitchDocTest {

  static List<Path> examples() {
    return Examples.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void heldBackServicesMatchTheGeneratedDocs(Path spec) throws Exception {
    String name = Examples.name(spec);
    String table = Files.readString(Path.of("docs/output.md"));
    Matcher row = Pattern.compile("(?m)^\\| `" + Pattern.quote(name) + "` \\|[^|]*\\|[^|]*\\|([^|]*)\\|").matcher(table);
    assertThat(row.find()).as("a row for %s in docs/output.md", name).isTrue();
    List<String> documented = List.of(row.group(1).strip().split(",\\s*"));

    String docs = Examples.render(spec).get("docs/README.md");
    List<String> generated = new ArrayList<>();
    Matcher item = Pattern.compile("(?m)^- ([a-z0-9-]+) \\(`https://").matcher(docs);
    while (item.find()) {
      generated.add(item.group(1));
    }
    assertThat(documented).containsExactlyInAnyOrderElementsOf(generated);
  }
}
