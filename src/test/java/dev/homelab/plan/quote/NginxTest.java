package dev.homelab.plan.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Arguments written by {@link Nginx}, read back by a lexer that follows nginx's
 * (ngx_conf_file.c, ngx_conf_read_token: whitespace separates arguments, {@code ;} ends a
 * directive and {@code {}/{@code }} open and close blocks outside quotes, {@code #} at an
 * argument's start comments out the line, a {@code "} or {@code '} at its start quotes it up
 * to the matching quote, where {@code \"}, {@code \'}, {@code \\}, {@code \t}, {@code \r} and
 * {@code \n} are escapes), are one argument each and the value again. A {@code $}, which
 * nginx expands even inside quotes, is refused in literal text.
 */
class NginxTest {

  /** nginx's reading of one directive into its words (the {@code ;} included). */
  static List<String> lex(String text) {
    List<String> words = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c == '#') {
        break;
      }
      if (c == ';' || c == '{' || c == '}') {
        words.add(String.valueOf(c));
        i++;
        continue;
      }
      StringBuilder val = new StringBuilder();
      if (c == '"' || c == '\'') {
        char quote = c;
        i++;
        while (true) {
          if (i >= text.length()) {
            throw new AssertionError("unterminated quote: " + text);
          }
          char d = text.charAt(i++);
          if (d == '\\' && i < text.length()) {
            char e = text.charAt(i);
            switch (e) {
              case '"', '\'', '\\' -> { val.append(e); i++; continue; }
              case 't' -> { val.append('\t'); i++; continue; }
              case 'r' -> { val.append('\r'); i++; continue; }
              case 'n' -> { val.append('\n'); i++; continue; }
              default -> { }
            }
          }
          if (d == quote) {
            break;
          }
          val.append(d);
        }
      } else {
        while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && ";{}".indexOf(text.charAt(i)) < 0) {
          val.append(text.charAt(i++));
        }
      }
      words.add(val.toString());
    }
    return words;
  }

  @Test
  void everyLiteralIsOneArgumentAndReadsBackAsItself() {
    for (String s : QuotingFixtures.NASTY) {
      if (s.contains("$")) {
        assertThatThrownBy(() -> Nginx.string(s)).as(s).isInstanceOf(IllegalArgumentException.class);
        continue;
      }
      assertThat(lex("allow " + Nginx.string(s) + ";")).as(s).containsExactly("allow", s, ";");
    }
  }

  @Test
  void variablesFollowTheLiteralInsideOneArgument() {
    assertThat(Nginx.string("https://auth.example.org/?rd=", "https://$http_host$request_uri"))
        .isEqualTo("https://auth.example.org/?rd=https://$http_host$request_uri");
    assertThat(lex("error_page 401 =302 " + Nginx.string("https://a;b/?rd=", "https://$http_host") + ";"))
        .containsExactly("error_page", "401", "=302", "https://a;b/?rd=https://$http_host", ";");
    assertThatThrownBy(() -> Nginx.string("x", "; rm")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Nginx.variable("a;b")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Nginx.variable("auth_remote_user")).isEqualTo("$auth_remote_user");
  }

  @Test
  void plainArgumentsStayAsTheyAre() {
    assertThat(Nginx.string("192.168.1.0/24")).isEqualTo("192.168.1.0/24");
    assertThat(Nginx.string("http://127.0.0.1:9091/api/authz/auth-request?group=a,b")).isEqualTo(
        "http://127.0.0.1:9091/api/authz/auth-request?group=a,b");
    assertThat(Nginx.string("a b")).isEqualTo("\"a b\"");
  }
}
