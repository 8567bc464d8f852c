package dev.homelab.validate.values;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Absolute paths in plain form, as they reach unit files, scripts, tmpfiles lines and ZFS
 * properties: a leading {@code /}, parts of letters, digits and {@code . _ @ + -}, no empty
 * part ({@code //}), no {@code .} or {@code ..} part, no trailing {@code /} except the root.
 * A path in this form is the one canonical spelling of its place, so paths compare by text.
 */
public final class FilePaths {

  private FilePaths() {}

  /**
   * Null for a plain absolute path (or one of {@code words}); else what is wrong, with a hint
   * that shows {@code example} (a path of the field's kind, such as {@code /dev/sda}).
   */
  public static Problem absolute(String s, boolean root, Collection<String> words, String example) {
    if (s == null || words.contains(s)) {
      return null;
    }
    String such = "such as `" + example + "`" + (words.isEmpty() ? "" : ", or " + quoteAll(words));
    String hint = "an absolute path " + such + ": letters, digits and `/ . _ @ + -`";
    if (!s.startsWith("/")) {
      return Problem.error("`" + s + "` is not an absolute path: it does not start with `/`", hint);
    }
    if (s.equals("/")) {
      return root ? null : Problem.error("`/` itself cannot be used here", "give a folder of its own, " + such);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c < 128 && Character.isLetterOrDigit(c) || "/._@+-".indexOf(c) >= 0)) {
        String what = c == ' ' ? "a space" : Character.isISOControl(c) ? "a control character" : "`" + c + "`";
        return Problem.error("`" + s + "` is not a plain absolute path: " + what + " is not allowed", hint);
      }
    }
    String normal = normalize(s);
    if (s.contains("//")) {
      return Problem.error("`" + s + "` is not a plain absolute path: it has an empty part (`//`)", fix(normal, hint));
    }
    for (String part : s.substring(1).split("/", -1)) {
      if (part.equals(".") || part.equals("..")) {
        return Problem.error("`" + s + "` is not a plain absolute path: it has a `" + part + "` part", fix(normal, hint));
      }
    }
    if (s.endsWith("/")) {
      return Problem.error("`" + s + "` is not a plain absolute path: it ends with `/`", fix(normal, hint));
    }
    return null;
  }

  /** Null for a plain absolute path. */
  public static Problem absolute(String s) {
    return absolute(s, true, List.of(), "/data/photos");
  }

  /** {@code s} with empty and {@code .} parts dropped and {@code ..} applied; null if it climbs above the root. */
  static String normalize(String s) {
    List<String> parts = new ArrayList<>();
    for (String part : s.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.remove(parts.size() - 1);
      } else {
        parts.add(part);
      }
    }
    return "/" + String.join("/", parts);
  }

  private static String fix(String normal, String hint) {
    return normal == null ? hint : "write `" + normal + "`";
  }

  private static String quoteAll(Collection<String> words) {
    List<String> q = new ArrayList<>();
    for (String w : words) {
      q.add("`" + w + "`");
    }
    return String.join(" or ", q);
  }
}
