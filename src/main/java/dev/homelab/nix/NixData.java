package dev.homelab.nix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plain data from a spec (strings, numbers, booleans, lists, mappings) as Nix values. Keys
 * are attribute paths split at dots; a name that holds dots is written in double quotes
 * inside the key ({@code '"photos.example.org".extraConfig'}). Strings stay strings: spec
 * data never becomes Nix code.
 */
public final class NixData {

  private NixData() {}

  /** The bindings a mapping stands for, in its order. */
  public static List<Binding> bindings(Map<String, Object> map) {
    List<Binding> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : map.entrySet()) {
      NixValue v = value(e.getValue());
      if (v != null) {
        out.add(Binding.of(path(e.getKey()), v));
      }
    }
    return out;
  }

  /** A value, or null for YAML's null. */
  @SuppressWarnings("unchecked")
  public static NixValue value(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof Boolean b) {
      return NixValue.bool(b);
    }
    if (o instanceof Number n) {
      return NixValue.integer(n.longValue());
    }
    if (o instanceof List<?> l) {
      List<NixValue> items = new ArrayList<>();
      l.forEach(i -> {
        NixValue v = value(i);
        if (v != null) {
          items.add(v);
        }
      });
      return new NixValue.ListOf(items);
    }
    if (o instanceof Map<?, ?> m) {
      return new NixValue.Attrs(bindings((Map<String, Object>) m));
    }
    return NixValue.str(String.valueOf(o));
  }

  /** An attribute path: split at dots outside double quotes, quotes removed. */
  public static List<String> path(String key) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '.' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
