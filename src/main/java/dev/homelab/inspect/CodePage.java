package dev.homelab.inspect;

import java.util.regex.Pattern;

/**
 * A finding code's page (Markdown from docs/errors) as text for a terminal: headings plain,
 * emphasis and links unwrapped, code blocks indented without their fences.
 */
public final class CodePage {

  private static final Pattern LINK = Pattern.compile("\\[([^]]+)]\\(([^)]+)\\)");
  private static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");

  private CodePage() {}

  public static String text(String markdown) {
    StringBuilder b = new StringBuilder();
    boolean code = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("```")) {
        code = !code;
        continue;
      }
      if (code) {
        b.append(line.isEmpty() ? "" : "    " + line).append('\n');
      } else if (line.startsWith("# ")) {
        b.append(line.substring(2)).append('\n');
      } else if (line.startsWith("## ")) {
        String h = line.substring(3);
        b.append(h).append('\n').append("-".repeat(h.length())).append('\n');
      } else {
        b.append(LINK.matcher(BOLD.matcher(line).replaceAll("$1")).replaceAll("$1 ($2)")).append('\n');
      }
    }
    String s = b.toString();
    while (s.endsWith("\n\n")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}
