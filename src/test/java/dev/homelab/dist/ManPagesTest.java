package dev.homelab.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code homelab man}: a page per command, each rendering cleanly with groff and man. */
class ManPagesTest {

  @TempDir
  Path tmp;

  private Path write() {
    Path dir = tmp.resolve("man");
    Cli.Run r = Cli.run("man", "-o", dir.toString());
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("manual pages", dir.toString());
    return dir;
  }

  @Test
  void writesOnePagePerCommandOfTheModel() throws Exception {
    Path dir = write();
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(names).contains("homelab.1", "homelab-gen.1", "homelab-validate.1", "homelab-catalog.1",
          "homelab-catalog-show.1", "homelab-completion.1", "homelab-man.1");
      // Every command of the model, including those other packages register, has its page.
      for (List<String> path : CompletionTest.commandPaths()) {
        assertThat(names).contains("homelab-" + String.join("-", path) + ".1");
      }
      assertThat(names).hasSize(CompletionTest.commandPaths().size() + 1);
    }
  }

  @Test
  void pagesRenderWithoutWarnings() throws Exception {
    Tool.require("groff", "groff-base");
    Path dir = write();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path page : files.sorted().toList()) {
        Proc.Result r = Proc.run(tmp, "groff", "-man", "-Tutf8", "-ww", "-z", page.toString());
        assertThat(r.exit()).as(page + ": " + r.all()).isZero();
        assertThat(r.err()).as(page.toString()).isEmpty();
      }
    }
  }

  @Test
  void theGenPageNamesItsOptionsAndTheTopPageItsCommandsAndExitCodes() throws Exception {
    Tool.require("man", "man-db");
    Path dir = write();
    Map<String, String> env = Map.of("MANWIDTH", "100", "MAN_KEEP_FORMATTING", "", "LANG", "C.UTF-8", "PAGER", "cat");
    Proc.Result gen = Proc.run(tmp, env, List.of("man", "--warnings", "-l", dir.resolve("homelab-gen.1").toString()));
    assertThat(gen.exit()).as(gen.all()).isZero();
    assertThat(gen.err()).isEmpty();
    String text = gen.out().replaceAll(".\b", "");
    assertThat(text).contains("HOMELAB-GEN(1)", "NAME", "homelab-gen - Generate the Nix flake", "SYNOPSIS",
        "homelab gen [-hV]", "OPTIONS", "-f, --file=SPEC", "--check", "--dry-run", "SEE ALSO", "homelab(1)");

    Proc.Result top = Proc.run(tmp, env, List.of("man", "--warnings", "-l", dir.resolve("homelab.1").toString()));
    assertThat(top.exit()).as(top.all()).isZero();
    String topText = top.out().replaceAll(".\b", "");
    assertThat(topText).contains("COMMANDS", "validate", "homelab-gen(1)", "EXIT CODES", "3  output stale");
  }

  @Test
  void pagesAreTheSameOnEveryRunAndCarryNoDate() throws Exception {
    Path first = write();
    String page = Files.readString(first.resolve("homelab-gen.1"));
    Path again = tmp.resolve("again");
    assertThat(Cli.run("man", "-o", again.toString()).exit()).isZero();
    assertThat(Files.readString(again.resolve("homelab-gen.1"))).isEqualTo(page);
    assertThat(page).containsPattern("(?m)^\\.TH \"HOMELAB\\\\-GEN\" \"1\" \"\" \"homelab \\d");
  }

  @Test
  void roffControlCharactersInTextAreEscaped() {
    assertThat(ManPages.esc(".starts with a dot")).isEqualTo("\\&.starts with a dot");
    assertThat(ManPages.esc("'quote")).isEqualTo("\\&'quote");
    assertThat(ManPages.esc("a\\b --x é")).isEqualTo("a\\eb \\-\\-x \\[u00E9]");
  }

  @Test
  void aFileGivenAsTheFolderIsAUsageErrorAndNothingIsWritten() throws Exception {
    Path file = Files.writeString(tmp.resolve("taken"), "x");
    Cli.Run r = Cli.run("man", "-o", file.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(file.toString(), "not a folder");
    assertThat(Files.readString(file)).isEqualTo("x");
  }
}
