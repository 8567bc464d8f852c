package dev.homelab.plan.quote;

/**
 * Lines of {@code systemd.tmpfiles.rules} (tmpfiles.d(5)): fields are separated by
 * whitespace; a field with whitespace, quotes or a backslash is double-quoted (a quote or
 * backslash in it escaped by a backslash; control characters cannot be written), and {@code %} is written {@code %%} in the fields where systemd expands specifiers
 * (path and argument).
 */
public final class Tmpfiles {

  /** {@code [A-Za-z0-9_./:=@+%,~-]}: a field tmpfiles reads as it is. */
  static final CharClass PLAIN = CharClass.lettersDigitsAnd("_./:=@+%,~-");

  private Tmpfiles() {}

  /** {@code TYPE PATH MODE USER GROUP AGE} with no argument: {@code d /srv/x 0700 root root -}. */
  public static String line(String type, String path, String mode, String user, String group, String age) {
    return String.join(" ", field(type), specifiers(path), field(mode), field(user), field(group), field(age));
  }

  /** A path (or argument): specifiers escaped, then quoted as a field. */
  public static String path(String path) {
    return specifiers(path);
  }

  private static String specifiers(String s) {
    return field(s.replace("%", "%%"));
  }

  /** One field: as it is when plain, else double-quoted. */
  public static String field(String s) {
    if (s.isEmpty()) {
      throw new IllegalArgumentException("an empty tmpfiles field (write - for none)");
    }
    if (PLAIN.allOfSome(s)) {
      return s;
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException("a tmpfiles field cannot hold a control character: " + s.replace("\n", "\\n"));
      }
      if (c == '"' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }
}
