package dev.homelab.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.plan.quote.Shell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any value a planner puts into a generated script through {@link Shell} reaches the command
 * as exactly one argument holding exactly that text, in bash and in POSIX sh (dash): no value
 * can split, glob, expand a variable, or run a command. Each try runs one script holding a
 * whole batch.
 */
class ShellQuotingProperties {

  @Property(tries = 30)
  void wordsQuotedWordsAndDoubleQuotedPiecesArriveIntact(@ForAll("values") List<String> values) throws Exception {
    StringBuilder script = new StringBuilder("set -eu\nx=EXPANDED\n");
    List<String> expected = new ArrayList<>();
    for (String v : values) {
      script.append("printf '%s\\0' ").append(Shell.word(v)).append(' ').append(Shell.quoted(v))
          .append(" \"").append(Shell.inDoubleQuotes(v)).append("\"\n");
      expected.add(v);
      expected.add(v);
      expected.add(v);
    }
    for (String shell : List.of("bash", "dash")) {
      assertThat(run(shell, script.toString())).as(shell + "\n" + script).isEqualTo(expected);
    }
  }

  @Provide
  Arbitrary<List<String>> values() {
    Arbitrary<String> specials = Arbitraries.of("'", "\"", "\\", "$", "$x", "${x}", "$(touch pwned)", "`id`", "*", "?", "[a]",
        "~", "!", "#", ";", "&", "|", "<", ">", "(", ")", "{", "}", " ", "\t", "\n", "-n", "--", "%s", "é", "日本", "\u202e", "");
    Arbitrary<String> plain = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(8);
    return Arbitraries.oneOf(specials, plain).list().ofMaxSize(6).map(parts -> String.join("", parts))
        .list().ofMinSize(1).ofMaxSize(20);
  }

  private static List<String> run(String shell, String script) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("shell");
    try {
      Path file = dir.resolve("script.sh");
      Files.writeString(file, script);
      Process p = new ProcessBuilder(shell, file.toString()).directory(dir.toFile()).redirectErrorStream(false).start();
      byte[] out = p.getInputStream().readAllBytes();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(err).isZero();
      // Nothing the values hold ran: no file appeared beside the script.
      try (var listing = Files.list(dir)) {
        assertThat(listing.map(f -> f.getFileName().toString()).toList()).containsExactly("script.sh");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      return text.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(text.substring(0, text.length() - 1).split("\0", -1)));
    } finally {
      try (var listing = Files.list(dir)) {
        for (Path f : listing.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
  }
}
