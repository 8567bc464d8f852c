package dev.homelab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Sessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/tutorial.md is done as a reader does it, in an empty folder, step by step:
 *
 * <ul>
 *   <li>a {@code ```sh} block runs under bash with this build's {@code homelab} ({@link Sessions}),
 *       in the folder its earlier {@code cd} lines went to; a {@code ```text} block right after
 *       it is what it printed (stderr, then stdout), exactly, or, after
 *       {@code <!-- output excerpt -->}, its lines in order with {@code ...} for lines left out;
 *   <li>after {@code <!-- file: PATH -->} a block is what the reader writes into PATH;
 *   <li>after {@code <!-- same: PATH -->} a block is exactly the file PATH as it is then;
 *   <li>after {@code <!-- excerpt: PATH -->} a block is a run of consecutive lines of PATH.
 * </ul>
 */
class TutorialTest {

  static final Path PAGE = Path.of("docs/tutorial.md");
  private static final Pattern BLOCK = Pattern.compile("^```(\\w*)\\n(.*?)^```$", Pattern.DOTALL | Pattern.MULTILINE);
  private static final Pattern DIRECTIVE = Pattern.compile("<!-- (file|same|excerpt|output excerpt)(?:: (\\S+))? -->");
  private static final Pattern CD = Pattern.compile("^cd (\\S+)$", Pattern.MULTILINE);

  /** A step of the page: what it does, the block, and the output shown after a command. */
  record Step(String directive, String path, String lang, String body, String output, boolean excerpt, int line) {}

  @TempDir
  Path dir;

  static List<Step> steps(String page) {
    List<Step> steps = new ArrayList<>();
    Matcher m = BLOCK.matcher(page);
    int end = 0;
    while (m.find()) {
      String before = page.substring(end, m.start()).strip();
      end = m.end();
      int line = (int) page.substring(0, m.start()).lines().count() + 1;
      String last = before.substring(before.lastIndexOf('\n') + 1);
      Matcher d = DIRECTIVE.matcher(last);
      boolean directive = d.matches();
      String lang = m.group(1);
      if (lang.equals("text") && !steps.isEmpty() && steps.get(steps.size() - 1).lang().equals("sh")
          && steps.get(steps.size() - 1).output() == null && (before.isEmpty() || directive && d.group(1).equals("output excerpt"))) {
        Step sh = steps.remove(steps.size() - 1);
        steps.add(new Step(sh.directive(), sh.path(), sh.lang(), sh.body(), m.group(2), directive, sh.line()));
        continue;
      }
      if (directive && d.group(2) != null) {
        steps.add(new Step(d.group(1), d.group(2), lang, m.group(2), null, false, line));
      } else if (lang.equals("sh")) {
        steps.add(new Step("run", null, lang, m.group(2), null, false, line));
      }
    }
    return steps;
  }

  @Test
  void theTutorialRunsAsWritten() throws IOException {
    List<Step> steps = steps(Files.readString(PAGE));
    assertThat(steps.stream().filter(s -> s.directive().equals("run"))).hasSizeGreaterThanOrEqualTo(4);
    assertThat(steps.stream().filter(s -> s.directive().equals("file"))).isNotEmpty();
    Path cwd = dir;
    for (Step step : steps) {
      String at = PAGE + ":" + step.line();
      switch (step.directive()) {
        case "run" -> {
          Sessions.Result r = Sessions.run(cwd, step.body(), false);
          String printed = r.err() + r.out();
          if (step.output() == null) {
            assertThat(r.exit()).as(at + "\n" + printed).isZero();
          } else if (step.excerpt()) {
            assertInOrder(at, printed, step.output());
          } else {
            assertThat(printed).as(at).isEqualTo(step.output());
          }
          Matcher cd = CD.matcher(step.body());
          while (cd.find()) {
            cwd = cwd.resolve(cd.group(1)).normalize();
          }
        }
        case "file" -> Files.writeString(dir.resolve(step.path()), step.body());
        case "same" -> assertThat(Files.readString(dir.resolve(step.path()))).as(at).isEqualTo(step.body());
        case "excerpt" -> assertThat(Files.readString(dir.resolve(step.path()))).as(at).contains(step.body());
        default -> throw new AssertionError(at + ": unknown step " + step.directive());
      }
    }
    assertThat(dir.resolve("lab/flake.nix")).as("the tutorial ends with a generated flake").exists();
  }

  /** Each line of the excerpt, in order, is a line of the output; {@code ...} stands for lines left out. */
  static void assertInOrder(String at, String printed, String excerpt) {
    List<String> lines = printed.lines().toList();
    int from = 0;
    for (String want : excerpt.lines().toList()) {
      if (want.equals("...")) {
        continue;
      }
      int found = -1;
      for (int i = from; i < lines.size(); i++) {
        if (lines.get(i).equals(want)) {
          found = i;
          break;
        }
      }
      assertThat(found).as(at + ": `" + want + "` (in order) in\n" + printed).isNotNegative();
      from = found + 1;
    }
  }

  @Test
  void theRunnerReadsEveryKindOfStep() {
    String page = String.join("\n",
        "```sh", "homelab init lab", "```", "", "```text", "wrote", "```",
        "<!-- file: lab/x.yaml -->", "```yaml", "a: 1", "```",
        "<!-- same: lab/x.yaml -->", "```yaml", "a: 1", "```",
        "```sh", "homelab gen", "```", "<!-- output excerpt -->", "```text", "...", "```",
        "<!-- excerpt: lab/flake.nix -->", "```nix", "{", "```",
        "```yaml", "not a step", "```", "");
    assertThat(steps(page)).extracting(Step::directive).containsExactly("run", "file", "same", "run", "excerpt");
    assertThat(steps(page).get(0).output()).isEqualTo("wrote\n");
    assertThat(steps(page).get(3).excerpt()).isTrue();
  }

  @Test
  void anExcerptMustBeInOrder() {
    assertInOrder("x", "a\nb\nc\n", "a\n...\nc\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertInOrder("x", "a\nb\nc\n", "c\na\n"))
        .isInstanceOf(AssertionError.class);
  }
}
