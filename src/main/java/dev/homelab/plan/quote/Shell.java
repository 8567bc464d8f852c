package dev.homelab.plan.quote;

/**
 * Text in a shell script (bash, and POSIX sh such as the initrd's ash): every value a planner
 * puts into a script goes through here, so no value can end its word, expand a variable or
 * run a command.
 */
public final class Shell {

  /** {@code [A-Za-z0-9_./:=@+%,-]}: what no shell treats specially. */
  static final CharClass PLAIN = CharClass.lettersDigitsAnd("_./:=@+%,-");

  private Shell() {}

  /** One word: as it is when it holds only characters no shell treats specially, else {@link #quoted}. */
  public static String word(String s) {
    checked(s);
    return PLAIN.allOfSome(s) ? s : quoted(s);
  }

  /** One word, always single-quoted: {@code 'it'\''s'}. */
  public static String quoted(String s) {
    checked(s);
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /**
   * The value as part of a double-quoted string the planner writes around it (beside
   * {@code $variables} of its own): {@code \}, {@code "}, {@code $} and {@code `} escaped.
   */
  public static String inDoubleQuotes(String s) {
    checked(s);
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if (c == '\\' || c == '"' || c == '$' || c == '`') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /**
   * The value as part of a single-quoted string the planner writes around it (where it sits
   * beside an interpolated Nix path): a value holding {@code '} cannot be, and is a bug.
   */
  public static String inSingleQuotes(String s) {
    checked(s);
    if (s.indexOf('\'') >= 0) {
      throw new IllegalArgumentException("a single-quoted string cannot hold a single quote: " + s);
    }
    return s;
  }

  /** A NUL cannot be in any shell word; a planner that meets one has a bug. */
  private static String checked(String s) {
    if (s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a NUL cannot be part of a shell word");
    }
    return s;
  }
}
