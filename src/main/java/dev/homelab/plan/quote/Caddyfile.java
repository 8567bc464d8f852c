package dev.homelab.plan.quote;

import java.util.regex.Pattern;

/**
 * Tokens of a Caddyfile (a site's {@code extraConfig}): whitespace separates tokens, a token
 * {@code {} or {@code }} opens or closes a block, {@code #} starts a comment, and a
 * double-quoted token keeps its spaces. Caddy replaces {@code {$VAR}} with an environment
 * variable before it reads the file and {@code {placeholders}} in many directives while it
 * runs, so a literal value may hold no brace at all.
 */
public final class Caddyfile {

  /** {@code [A-Za-z0-9_./:=@+%,?&*~!-]}: a token Caddy reads as it is. */
  static final CharClass PLAIN = CharClass.lettersDigitsAnd("_./:=@+%,?&*~!-");
  private static final Pattern PLACEHOLDERS = Pattern.compile("(\\{[a-z_.]+\\}|[A-Za-z0-9_./:=@+%,?&-])*");

  private Caddyfile() {}

  /** A literal token: as it is when plain, else double-quoted. */
  public static String token(String s) {
    if (s.indexOf('{') >= 0 || s.indexOf('}') >= 0) {
      throw new IllegalArgumentException("a literal Caddyfile token cannot hold a brace: " + s);
    }
    return quotedIfNeeded(s);
  }

  /**
   * A token of literal text followed by Caddy placeholders the planner writes
   * ({@code https://{host}{uri}}); the literal part may hold no brace.
   */
  public static String token(String literal, String placeholders) {
    if (literal.indexOf('{') >= 0 || literal.indexOf('}') >= 0) {
      throw new IllegalArgumentException("a literal Caddyfile token cannot hold a brace: " + literal);
    }
    if (!PLACEHOLDERS.matcher(placeholders).matches()) {
      throw new IllegalArgumentException("not Caddy placeholders: " + placeholders);
    }
    String quoted = quotedIfNeeded(literal);
    return quoted.startsWith("\"") ? quoted.substring(0, quoted.length() - 1) + placeholders + "\"" : quoted + placeholders;
  }

  private static String quotedIfNeeded(String s) {
    if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a Caddyfile token is one line");
    }
    if (PLAIN.allOfSome(s)) {
      return s;
    }
    if (s.indexOf('\\') >= 0) {
      // Inside quotes Caddy reads a backslash as itself except before a quote: no way to write both.
      throw new IllegalArgumentException("a Caddyfile token cannot hold a backslash: " + s);
    }
    return "\"" + s.replace("\"", "\\\"") + "\"";
  }
}
