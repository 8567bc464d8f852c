package dev.homelab.load;

import dev.homelab.diag.Span;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A YAML mapping, in source order, each entry with the place of its key. */
public record MapNode(Span span, Map<String, Entry> entries) implements Node {

  /** One key and its value. */
  public record Entry(String key, Span keySpan, Node value) {}

  public MapNode {
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  public Node get(String key) {
    Entry e = entries.get(key);
    return e == null ? null : e.value();
  }

  @Override
  public String describe() {
    return "a mapping";
  }
}
