package dev.homelab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints a unified diff, coloured as git colours one (headers bold, hunk ranges cyan, removed
 * lines red, added lines green) when colour is wanted: {@code --color always}, or
 * {@code auto} (the default) on a terminal, unless {@code NO_COLOR} is set to a non-empty
 * value (no-color.org) or {@code TERM} is {@code dumb}. Piped output is never coloured in auto.
 */
final class DiffPrinter {

  /** When to colour, as git's --color. */
  enum When { AUTO, ALWAYS, NEVER }

  private static final String RESET = "\u001b[m";
  private static final String BOLD = "\u001b[1m";
  private static final String CYAN = "\u001b[36m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";

  private final boolean colour;

  DiffPrinter(boolean colour) {
    this.colour = colour;
  }

  /** Whether to colour: {@code terminal} says whether the output is one. */
  static boolean colour(When when, Map<String, String> env, boolean terminal) {
    return switch (when) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> terminal && env.getOrDefault("NO_COLOR", "").isEmpty() && !"dumb".equals(env.get("TERM"));
    };
  }

  void print(List<String> lines, PrintWriter out) {
    if (!colour) {
      lines.forEach(out::println);
      return;
    }
    // Lines still due in the current hunk, before and after: a removed line that reads
    // "-- x" is a change, not a file header, and only the hunk's counts tell them apart.
    int before = 0;
    int after = 0;
    for (String line : lines) {
      String paint;
      if (before == 0 && after == 0) {
        Matcher hunk = HUNK.matcher(line);
        if (hunk.lookingAt()) {
          before = count(hunk.group(1));
          after = count(hunk.group(2));
          paint = CYAN;
        } else {
          paint = line.startsWith("\\") ? "" : BOLD;
        }
      } else if (line.startsWith("-")) {
        before--;
        paint = RED;
      } else if (line.startsWith("+")) {
        after--;
        paint = GREEN;
      } else if (line.startsWith("\\")) {
        paint = "";
      } else {
        before--;
        after--;
        paint = "";
      }
      out.println(paint.isEmpty() ? line : paint + line + RESET);
    }
  }

  private static final Pattern HUNK = Pattern.compile("@@ -\\d+(?:,(\\d+))? \\+\\d+(?:,(\\d+))? @@");

  /** A hunk range's length: absent means one line. */
  private static int count(String length) {
    return length == null ? 1 : Integer.parseInt(length);
  }
}
