package dev.homelab.render;

/** What templates call to write YAML scalars: plain when unambiguous, double-quoted otherwise. */
public final class YamlHelper {

  private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_./\\\\$^-]*");
  private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("(?i)(y|n|yes|no|on|off|true|false|null)");

  /** A scalar that YAML reads back as exactly this string. */
  public String str(String s) {
    if (PLAIN.matcher(s).matches() && !WORD.matcher(s).matches()) {
      return s;
    }
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
