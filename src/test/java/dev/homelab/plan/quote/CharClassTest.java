package dev.homelab.plan.quote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The quoting helpers' plain-text sets take exactly the characters of the bracket expressions
 * they stand for: every UTF-16 unit is in a set when the expression matches it, and nothing else.
 */
class CharClassTest {

  static void sameAs(CharClass set, String bracket) {
    Pattern one = Pattern.compile(bracket);
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      String s = String.valueOf((char) c);
      assertThat(set.contains((char) c)).as("U+%04X in %s", c, bracket).isEqualTo(one.matcher(s).matches());
    }
  }

  @Test
  void eachPlainSetIsItsBracketExpression() {
    sameAs(Shell.PLAIN, "[A-Za-z0-9_./:=@+%,-]");
    sameAs(Caddyfile.PLAIN, "[A-Za-z0-9_./:=@+%,?&*~!-]");
    sameAs(Nginx.PLAIN, "[A-Za-z0-9_./:=@+%,?&*~!-]");
    sameAs(Tmpfiles.PLAIN, "[A-Za-z0-9_./:=@+%,~-]");
  }

  @Test
  void allOfSomeWantsTextAndAllTakesEmptyText() {
    CharClass set = CharClass.lettersDigitsAnd("-");
    assertThat(set.all("")).isTrue();
    assertThat(set.allOfSome("")).isFalse();
    assertThat(set.allOfSome("a-1")).isTrue();
    assertThat(set.allOfSome("a 1")).isFalse();
    assertThat(set.allOfSome("é")).isFalse();
    // An empty word is quoted, never written as nothing.
    assertThat(Shell.word("")).isEqualTo("''");
    assertThat(Shell.word("a b")).isEqualTo("'a b'");
    assertThat(Shell.word("tank/services/immich")).isEqualTo("tank/services/immich");
  }
}
