package dev.homelab.render;

/** What templates call to write YAML scalars: plain when unambiguous, double-quoted otherwise. */
public final class YamlHelper {

  /** A scalar that YAML reads back as exactly this string. */
  public String str(String s) {
    if (s.matches("[A-Za-z_][A-Za-z0-9_./\\\\$^-]*") && !s.matches("(?i)(y|n|yes|no|on|off|true|false|null)")) {
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
