package dev.homelab.diag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The text of every loaded source, so a finding can quote its line. */
public final class Sources {

  private final Map<String, String> texts = new HashMap<>();
  /** Each file's lines, split at the first line asked for: a spec without findings is never split. */
  private final Map<String, List<String>> lines = new HashMap<>();

  public void add(String file, String text) {
    texts.put(file, text);
    lines.remove(file);
  }

  /** The 1-based line of a file, or null when unknown. */
  public String line(String file, int line) {
    String text = texts.get(file);
    List<String> l = text == null ? null : lines.computeIfAbsent(file, f -> text.lines().toList());
    if (l == null || line < 1 || line > l.size()) {
      return null;
    }
    return l.get(line - 1);
  }
}
