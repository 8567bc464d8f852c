package dev.homelab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each error page's example prints what the page says: every {@code `homelab.yaml`:} spec
 * on a page is validated, and its findings are exactly the text block that follows it.
 */
class ErrorPagesTest {

  private static final Path PAGES = Path.of("docs/errors");
  private static final Pattern EXAMPLE =
      Pattern.compile("`homelab\\.yaml`:\\n\\n```yaml\\n(.*?)```\\n\\n```text\\n(.*?)```", Pattern.DOTALL);

  @TempDir
  Path dir;

  static List<Arguments> examples() throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (Stream<Path> pages = Files.list(PAGES)) {
      for (Path page : pages.filter(p -> p.getFileName().toString().matches("HL\\d{4}\\.md")).sorted().toList()) {
        Matcher m = EXAMPLE.matcher(Files.readString(page));
        int n = 0;
        while (m.find()) {
          out.add(Arguments.of(page.getFileName() + " #" + ++n, m.group(1), m.group(2)));
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void pageExamplePrintsWhatThePageSays(String name, String spec, String expected) {
    Path file = Specs.write(dir, "homelab.yaml", spec);
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    String printed = run.err().replace(dir + "/", "");
    assertThat(printed).as(name).isEqualTo(expected);
  }
}
