package dev.homelab.plan.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every nasty string, quoted by {@link Shell} and read back by the real shells the generated
 * scripts run under (bash for units, POSIX sh for the initrd), is the string again: no value
 * can end its word, expand, glob or run a command.
 */
class ShellTest {

  /** Runs one script printing each quoted string between NULs, and splits what it printed. */
  private static List<String> readBack(String shell, Function<String, String> line) {
    StringBuilder script = new StringBuilder("set -eu\ncd /\n");
    for (String s : QuotingFixtures.NASTY) {
      script.append(line.apply(s)).append('\n');
    }
    String out = QuotingFixtures.run(List.of(shell, "-s"), script.toString());
    List<String> values = new ArrayList<>(List.of(out.split("\0", -1)));
    values.remove(values.size() - 1);
    return values;
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "sh"})
  void aWordIsReadBackAsItself(String shell) {
    assertThat(readBack(shell, s -> "printf '%s\\0' " + Shell.word(s))).isEqualTo(QuotingFixtures.NASTY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "sh"})
  void aQuotedWordIsReadBackAsItself(String shell) {
    assertThat(readBack(shell, s -> "printf '%s\\0' " + Shell.quoted(s))).isEqualTo(QuotingFixtures.NASTY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "sh"})
  void textInDoubleQuotesIsReadBackAsItselfBesideTheScriptsOwnVariables(String shell) {
    List<String> expected = QuotingFixtures.NASTY.stream().map(s -> "<" + s + "|/>").toList();
    assertThat(readBack(shell, s -> "printf '%s\\0' \"<" + Shell.inDoubleQuotes(s) + "|$PWD>\"")).isEqualTo(expected);
  }

  @Test
  void plainWordsStayAsTheyAreAndEverythingElseIsQuoted() {
    assertThat(Shell.word("tank/services/immich")).isEqualTo("tank/services/immich");
    assertThat(Shell.word("recordsize=16K")).isEqualTo("recordsize=16K");
    assertThat(Shell.word("it's")).isEqualTo("'it'\\''s'");
    assertThat(Shell.word("*")).isEqualTo("'*'");
    assertThat(Shell.word("")).isEqualTo("''");
    assertThat(Shell.quoted("https://ntfy.sh/x")).isEqualTo("'https://ntfy.sh/x'");
  }

  @Test
  void whatNoQuotingCanHoldIsRefused() {
    assertThatThrownBy(() -> Shell.word("a\0b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Shell.inSingleQuotes("it's")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Shell.inSingleQuotes("ssh restic@nas -i ")).isEqualTo("ssh restic@nas -i ");
  }
}
