package dev.homelab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Sessions;
import dev.homelab.testing.Specs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each error page's examples print exactly what the page says. A page shows its examples in
 * two forms, and every {@code ```text} block on it is the output of one of them:
 *
 * <ul>
 *   <li>a spec: {@code `homelab.yaml`:} and its {@code ```yaml} block, then the
 *       {@code ```text} block: {@code homelab validate -f homelab.yaml} prints exactly that;
 *   <li>a session: a {@code ```sh} block, then the {@code ```text} block: its lines run under
 *       bash in an empty folder holding the files the page shows before it (each a block
 *       after a line ending in {@code `name`:}), with a {@code homelab} command that runs this build
 *       ({@link Sessions}); what the session prints to stderr is exactly that. A session that
 *       says it runs "as a user other than root" runs so.
 * </ul>
 */
class ErrorPagesTest {

  private static final Path PAGES = Path.of("docs/errors");
  private static final Pattern BLOCK = Pattern.compile("^```(\\w*)\\n(.*?)^```$", Pattern.DOTALL | Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("`([\\w./-]+\\.\\w+)`:$");

  /** One example of a page: a spec to validate, or a session; the files it starts with. */
  record Example(String name, boolean session, String body, Map<String, String> files, String expected) {

    @Override
    public String toString() {
      return name;
    }
  }

  @TempDir
  Path dir;

  static List<Path> pages() {
    try (Stream<Path> pages = Files.list(PAGES)) {
      return pages.filter(p -> p.getFileName().toString().matches("HL\\d{4}\\.md")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The examples of a page; a {@code ```text} block that belongs to none fails. */
  static List<Example> examples(Path page) {
    String text;
    try {
      text = Files.readString(page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Example> out = new ArrayList<>();
    Map<String, String> files = new LinkedHashMap<>();
    Matcher m = BLOCK.matcher(text);
    int end = 0;
    String pending = null;
    String pendingKind = null;
    while (m.find()) {
      String before = text.substring(end, m.start()).strip();
      end = m.end();
      String lang = m.group(1);
      String body = m.group(2);
      Matcher label = LABEL.matcher(before.substring(before.lastIndexOf('\n') + 1));
      boolean labelled = label.find();
      if (lang.equals("text") && !labelled) {
        if (pending == null || !before.isEmpty()) {
          throw new AssertionError(page + ": a ```text block that follows no spec or session:\n" + body);
        }
        out.add(new Example(page.getFileName() + " #" + (out.size() + 1), pendingKind.equals("sh"), pending,
            Map.copyOf(files), body));
        pending = null;
        continue;
      }
      pending = null;
      if (labelled) {
        files.put(label.group(1), body);
        if (label.group(1).equals("homelab.yaml")) {
          pending = body;
          pendingKind = "yaml";
        }
      } else if (lang.equals("sh")) {
        pending = body;
        pendingKind = "sh";
      }
    }
    return out;
  }

  static List<Arguments> all(boolean sessions) {
    List<Arguments> out = new ArrayList<>();
    for (Path page : pages()) {
      examples(page).stream().filter(e -> e.session() == sessions).forEach(e -> out.add(Arguments.of(e)));
    }
    return out;
  }

  static List<Arguments> specs() {
    return all(false);
  }

  static List<Arguments> sessions() {
    return all(true);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void specExamplePrintsWhatThePageSays(Example example) {
    Path file = Specs.write(dir, "homelab.yaml", example.body());
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    String printed = run.err().replace(dir + "/", "");
    assertThat(printed).as(example.name()).isEqualTo(example.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sessions")
  void sessionPrintsWhatThePageSays(Example example) {
    example.files().forEach((name, content) -> Specs.write(dir, name, content));
    boolean unprivileged = example.body().contains("as a user other than root");
    Sessions.Result r = Sessions.run(dir, example.body(), unprivileged);
    assertThat(r.err()).as(example.name() + "\nstdout:\n" + r.out()).isEqualTo(example.expected());
  }

  @Test
  void everyPageHasATestedExample() {
    List<String> untested = pages().stream().filter(p -> examples(p).isEmpty() && testedElsewhere(p) == null)
        .map(p -> p.getFileName().toString()).toList();
    assertThat(pages()).hasSizeGreaterThan(40);
    assertThat(untested).as("pages without a spec or session example followed by its output").isEmpty();
  }

  /**
   * The test class a page without an example names, for a finding no example can produce on
   * demand (two runs at once): {@code <!-- no example: why; tested by SomeTest -->}. The class
   * must exist.
   */
  private static String testedElsewhere(Path page) {
    try {
      java.util.regex.Matcher m = Pattern.compile("<!-- no example: [^;]+; tested by (\\w+) -->").matcher(Files.readString(page));
      if (!m.find()) {
        return null;
      }
      try (var files = Files.walk(Path.of("src/test/java"))) {
        String name = m.group(1) + ".java";
        assertThat(files.anyMatch(f -> f.getFileName().toString().equals(name))).as(page + " names " + name).isTrue();
      }
      return m.group(1);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aTextBlockWithoutItsSpecOrSessionIsRefused() throws IOException {
    Path page = Specs.write(dir, "HL9999.md", "# HL9999\n\nAfter removing a dataset:\n\n```text\nwarning[HL9999]: x\n```\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> examples(page))
        .hasMessageContaining("follows no spec or session");
    Path ok = Specs.write(dir, "HL9998.md", "`valid.yaml`:\n\n```yaml\na: 1\n```\n\n```sh\nhomelab validate -f valid.yaml\n```\n\n"
        + "```text\nout\n```\n");
    assertThat(examples(ok)).singleElement().satisfies(e -> {
      assertThat(e.session()).isTrue();
      assertThat(e.files()).containsEntry("valid.yaml", "a: 1\n");
      assertThat(e.expected()).isEqualTo("out\n");
    });
  }
}
