package dev.homelab.plan.quote;

/**
 * Values in nginx's configuration (a server's or location's {@code extraConfig}, and the
 * values the NixOS module writes into directives as they are, such as {@code proxyPass}):
 * whitespace separates arguments, {@code ;} ends a directive, braces open and close blocks,
 * {@code #} starts a comment, and a double-quoted argument keeps all of these. nginx expands
 * {@code $variables} inside quotes too, and has no escape for {@code $}: a literal value may
 * hold none.
 */
public final class Nginx {

  /** {@code [A-Za-z0-9_./:=@+%,?&*~!-]}: a token nginx reads as it is. */
  static final CharClass PLAIN = CharClass.lettersDigitsAnd("_./:=@+%,?&*~!-");

  private Nginx() {}

  /** {@code $name}: a variable of nginx's or the planner's, by a name nginx accepts. */
  public static String variable(String name) {
    if (!name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("not an nginx variable name: " + name);
    }
    return "$" + name;
  }

  /** A literal argument: as it is when plain, else double-quoted. */
  public static String string(String s) {
    return string(s, "");
  }

  /**
   * An argument of literal text followed by nginx variables the planner writes
   * ({@code https://$http_host$request_uri}); the literal part may hold no {@code $}.
   */
  public static String string(String literal, String variables) {
    if (literal.indexOf('$') >= 0) {
      throw new IllegalArgumentException("a literal nginx value cannot hold a $: " + literal);
    }
    if (literal.indexOf('\n') >= 0 || literal.indexOf('\r') >= 0 || literal.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("an nginx value is one line");
    }
    if (!variables.matches("(\\$[a-z_]+|[A-Za-z0-9_./:=@+%,?&-])*")) {
      throw new IllegalArgumentException("not nginx variables: " + variables);
    }
    if (PLAIN.allOfSome(literal) || literal.isEmpty() && !variables.isEmpty()) {
      return literal + variables;
    }
    return "\"" + literal.replace("\\", "\\\\").replace("\"", "\\\"") + variables + "\"";
  }
}
