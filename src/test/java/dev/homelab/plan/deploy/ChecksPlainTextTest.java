package dev.homelab.plan.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The checks script's Python literals take exactly the characters of {@code [A-Za-z0-9@._:/?=&%+ -]}. */
class ChecksPlainTextTest {

  @Test
  void plainTextIsTheBracketExpression() {
    Pattern one = Pattern.compile("[A-Za-z0-9@._:/?=&%+ -]");
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      assertThat(ChecksPlanner.PLAIN_WORDS.contains((char) c)).as("U+%04X", c)
          .isEqualTo(one.matcher(String.valueOf((char) c)).matches());
    }
  }

  @Test
  void aLiteralIsQuotedOrRefused() {
    assertThat(ChecksPlanner.py("")).isEqualTo("\"\"");
    assertThat(ChecksPlanner.py("curl --fail http://127.0.0.1:8080/health?x=1")).isEqualTo("\"curl --fail http://127.0.0.1:8080/health?x=1\"");
    assertThatThrownBy(() -> ChecksPlanner.py("a\"b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChecksPlanner.py("a\\b")).isInstanceOf(IllegalArgumentException.class);
  }
}
