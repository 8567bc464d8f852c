package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.nix.NixData;
import java.util.List;
import java.util.Map;

/**
 * Where in a {@code nixos:} mapping an option's value is written, as a spec path the source map
 * knows: the mapping may write {@code a.b.c: 1}, {@code a: { b.c: 1 }} or {@code a: { b: { c: 1 } } },
 * and a finding about the value points at the value, not at the top-level key.
 */
final class OptionPlaces {

  private OptionPlaces() {}

  /**
   * The spec path of the value of {@code option} (an attribute path) in {@code options}, written
   * at {@code at}; the top-level key's path when the value is reached some other way (inside a
   * list of submodules).
   */
  static String value(String at, Map<String, Object> options, String topKey, List<String> option) {
    String found = find(at, options, option);
    return found != null ? found : SourceMap.child(at, topKey);
  }

  private static String find(String at, Map<?, ?> map, List<String> option) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      List<String> segments = NixData.path(key);
      if (segments.size() > option.size() || !option.subList(0, segments.size()).equals(segments)) {
        continue;
      }
      String path = SourceMap.child(at, key);
      List<String> rest = option.subList(segments.size(), option.size());
      if (rest.isEmpty()) {
        return path;
      }
      if (e.getValue() instanceof Map<?, ?> inner) {
        String found = find(path, inner, rest);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
