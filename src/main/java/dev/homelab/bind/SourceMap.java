package dev.homelab.bind;

import dev.homelab.diag.Span;
import dev.homelab.load.ListNode;
import dev.homelab.load.MapNode;
import dev.homelab.load.Node;
import dev.homelab.load.ScalarNode;

/**
 * Where each bound value came from, by spec path ({@code hosts.nuc.services.immich.port},
 * list items as {@code [0]}). Later stages locate findings with it; a path with no place of
 * its own (a default) falls back to its nearest ancestor that has one.
 *
 * <p>It answers from the tree the spec was bound from, following a path key by key, rather
 * than from an index of every path: a fleet's spec has a hundred thousand values, and only
 * the few a finding names are ever looked up. Two shorthands the binder reads are followed
 * as it reads them: {@code tailscale: true} has an {@code enable} below it, and a list
 * written as its one item ({@code from: restic}) has that item at {@code [0]}. A key that
 * holds a dot ({@code "networking.extraHosts"}, under {@code nixos:}) is one segment; where the
 * key before its dot is written beside it ({@code networking:}), the path leads through that.
 */
public final class SourceMap {

  private final Node root;

  SourceMap(Node root) {
    this.root = root;
  }

  /** The place of the value at {@code path}, or of its nearest located ancestor. */
  public Span value(String path) {
    Step s = walk(path);
    return s.exact() || s.key() == null ? s.value() : s.key();
  }

  /** The place of the key that introduces {@code path}, or of the value when it has no key. */
  public Span key(String path) {
    Step s = walk(path);
    return s.key() != null ? s.key() : s.value();
  }

  /** True when the spec wrote a value at exactly this path. */
  public boolean has(String path) {
    return walk(path).exact();
  }

  /**
   * How far a path leads into the tree: the key and value of the deepest node it reaches, and
   * whether that is the whole path.
   */
  private record Step(Span key, Span value, boolean exact) {}

  private Step walk(String path) {
    Node node = root;
    Span key = null;
    int i = 0;
    int n = path.length();
    while (i < n) {
      if (path.charAt(i) == '[') {
        int close = path.indexOf(']', i);
        int index = close < 0 ? -1 : index(path, i + 1, close);
        if (index < 0) {
          break;
        }
        if (node instanceof ListNode l && index < l.items().size()) {
          node = l.items().get(index);
        } else if (!(index == 0 && node instanceof ScalarNode s && s.kind() != ScalarNode.Kind.NULL)) {
          break;
        }
        key = null;
        i = close + 1;
        continue;
      }
      int from = i == 0 ? 0 : i + 1;
      if (i > 0 && path.charAt(i) != '.' || from >= n) {
        break;
      }
      if (node instanceof MapNode m) {
        MapNode.Entry e = entry(m, path, from);
        if (e == null) {
          break;
        }
        node = e.value();
        key = e.keySpan();
        i = from + e.key().length();
      } else if (node instanceof ScalarNode s && s.kind() == ScalarNode.Kind.BOOLEAN && path.startsWith("enable", from)
          && end(path, from + "enable".length())) {
        key = s.span();
        i = from + "enable".length();
      } else {
        break;
      }
    }
    return new Step(key, node.span(), i >= n);
  }

  /**
   * The entry of {@code m} whose key the path names at {@code from}: the text up to the next
   * `.` or `[`, or else the longest key that holds one of them and ends where a segment does.
   */
  private static MapNode.Entry entry(MapNode m, String path, int from) {
    int stop = from;
    while (stop < path.length() && path.charAt(stop) != '.' && path.charAt(stop) != '[') {
      stop++;
    }
    MapNode.Entry e = m.entries().get(path.substring(from, stop));
    if (e != null) {
      return e;
    }
    for (MapNode.Entry other : m.entries().values()) {
      String k = other.key();
      if (k.length() > stop - from && path.startsWith(k, from) && end(path, from + k.length())
          && (e == null || k.length() > e.key().length())) {
        e = other;
      }
    }
    return e;
  }

  /** True at the end of a path or of one of its segments. */
  private static boolean end(String path, int at) {
    return at == path.length() || path.charAt(at) == '.' || path.charAt(at) == '[';
  }

  /** The digits between {@code from} and {@code to} as a number, or -1. */
  private static int index(String path, int from, int to) {
    if (from == to || to - from > 9) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < to; i++) {
      char ch = path.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      v = v * 10 + (ch - '0');
    }
    return v;
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
