package dev.homelab.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Defensive copies for record components: null becomes empty, order is kept. */
final class Maps {

  private Maps() {}

  static <V> Map<String, V> copy(Map<String, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(list));
  }

  static <T> Set<T> copy(Set<T> set) {
    return set == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(set));
  }
}
