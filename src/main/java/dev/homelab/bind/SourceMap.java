package dev.homelab.bind;

import dev.homelab.diag.Span;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each bound value came from, by spec path ({@code hosts.nuc.services.immich.port},
 * list items as {@code [0]}). Later stages locate findings with it; a path with no place of
 * its own (a default) falls back to its nearest ancestor that has one.
 */
public final class SourceMap {

  private final Map<String, Span> values = new HashMap<>();
  private final Map<String, Span> keys = new HashMap<>();

  void put(String path, Span keySpan, Span valueSpan) {
    if (keySpan != null) {
      keys.put(path, keySpan);
    }
    values.put(path, valueSpan);
  }

  /** The place of the value at {@code path}, or of its nearest located ancestor. */
  public Span value(String path) {
    for (String p = path; p != null; p = parent(p)) {
      Span s = values.get(p);
      if (s != null && s.isKnown()) {
        return p.equals(path) ? s : keyOr(p, s);
      }
    }
    return Span.NONE;
  }

  /** The place of the key that introduces {@code path}, or of the value when it has no key. */
  public Span key(String path) {
    for (String p = path; p != null; p = parent(p)) {
      Span s = keys.get(p);
      if (s != null) {
        return s;
      }
      Span v = values.get(p);
      if (v != null && v.isKnown()) {
        return v;
      }
    }
    return Span.NONE;
  }

  /** True when the spec wrote a value at exactly this path. */
  public boolean has(String path) {
    return values.containsKey(path);
  }

  private Span keyOr(String path, Span fallback) {
    Span k = keys.get(path);
    return k != null ? k : fallback;
  }

  /** {@code a.b[2]} to {@code a.b}, {@code a.b} to {@code a}, {@code a} to the root "". */
  static String parent(String path) {
    if (path.isEmpty()) {
      return null;
    }
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /** Joins keys into a path: {@code path("hosts", "nuc", "services")}. */
  public static String path(String... keys) {
    String p = "";
    for (String k : keys) {
      p = child(p, k);
    }
    return p;
  }

  /** Joins a key onto a path. */
  public static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
