package dev.homelab.diag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The text of every loaded source, so a finding can quote its line. */
public final class Sources {

  private final Map<String, List<String>> lines = new HashMap<>();

  public void add(String file, String text) {
    lines.put(file, text.lines().toList());
  }

  /** The 1-based line of a file, or null when unknown. */
  public String line(String file, int line) {
    List<String> l = lines.get(file);
    if (l == null || line < 1 || line > l.size()) {
      return null;
    }
    return l.get(line - 1);
  }
}
