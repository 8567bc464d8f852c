package dev.homelab.plan.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tokens written by {@link Caddyfile}, read back by a lexer that follows Caddy's
 * (caddyconfig/caddyfile/lexer.go: whitespace separates tokens, a {@code "} at a token's start
 * quotes it up to the next unescaped {@code "}, where {@code \"} is a quote and any other
 * backslash is itself, {@code #} at a token's start comments out the line), are one token
 * each and the value again. Values Caddy would expand ({@code {$VAR}}, {@code {placeholders}})
 * or that no token can hold are refused.
 */
class CaddyfileTest {

  /** Caddy's lexing of one line into tokens. */
  static List<String> lex(String line) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c == '#') {
        break;
      }
      StringBuilder val = new StringBuilder();
      if (c == '"') {
        i++;
        boolean escaped = false;
        while (true) {
          if (i >= line.length()) {
            throw new AssertionError("unterminated quote: " + line);
          }
          char d = line.charAt(i++);
          if (!escaped && d == '\\') {
            escaped = true;
            continue;
          }
          if (!escaped && d == '"') {
            break;
          }
          if (escaped && d != '"') {
            val.append('\\');
          }
          val.append(d);
          escaped = false;
        }
      } else {
        while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
          val.append(line.charAt(i++));
        }
      }
      tokens.add(val.toString());
    }
    return tokens;
  }

  private static boolean representable(String s) {
    return s.indexOf('{') < 0 && s.indexOf('}') < 0 && s.indexOf('\\') < 0;
  }

  @Test
  void everyLiteralIsOneTokenAndReadsBackAsItself() {
    for (String s : QuotingFixtures.NASTY) {
      if (!representable(s)) {
        assertThatThrownBy(() -> Caddyfile.token(s)).as(s).isInstanceOf(IllegalArgumentException.class);
        continue;
      }
      assertThat(lex("respond " + Caddyfile.token(s) + " 200")).as(s).containsExactly("respond", s, "200");
    }
  }

  @Test
  void placeholdersFollowTheLiteralInsideOneToken() {
    assertThat(Caddyfile.token("https://id.example.org/oauth2/start?rd=", "https://{host}{uri}"))
        .isEqualTo("https://id.example.org/oauth2/start?rd=https://{host}{uri}");
    String quoted = Caddyfile.token("https://a b/?rd=", "https://{host}{uri}");
    assertThat(lex("redir * " + quoted)).containsExactly("redir", "*", "https://a b/?rd=https://{host}{uri}");
    assertThatThrownBy(() -> Caddyfile.token("{env.SECRET}", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Caddyfile.token("x", "{$SECRET} ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Caddyfile.token("a\nb")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void plainTokensStayAsTheyAre() {
    assertThat(Caddyfile.token("127.0.0.1:2283")).isEqualTo("127.0.0.1:2283");
    assertThat(Caddyfile.token("fd7a:115c:a1e0::/48")).isEqualTo("fd7a:115c:a1e0::/48");
    assertThat(Caddyfile.token("/api/authz/forward-auth")).isEqualTo("/api/authz/forward-auth");
    assertThat(Caddyfile.token("two words")).isEqualTo("\"two words\"");
  }
}
