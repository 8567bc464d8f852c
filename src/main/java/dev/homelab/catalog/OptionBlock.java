package dev.homelab.catalog;

import java.util.List;
import java.util.Map;

/**
 * A group of NixOS options a service sets, written as a nested mapping of attribute paths
 * to values. {@code when} names a fact that must hold ({@code gpu=intel}, {@code settings.x}).
 * A value is a literal or one of {@code {fact: NAME}}, {@code {setting: NAME}},
 * {@code {secret: SETTING}}, {@code {format: "text with {fact}"}}, {@code {ref: pkgs.NAME}},
 * {@code {mkDefault: VALUE}}, {@code {concat: [...]}}, {@code {envFile: {VAR: VALUE}}},
 * {@code {lines: [...]}} (an indented string, a line each, facts in braces filled in).
 */
public record OptionBlock(String when, List<String> comment, Map<String, Object> set) {

  /** The keys of a one-key mapping that is a value form, not a nested attribute set. */
  public static final java.util.Set<String> VALUE_FORMS =
      java.util.Set.of("fact", "setting", "secret", "format", "ref", "mkDefault", "mkForce", "concat", "envFile", "lines");

  /** True when a value is one of the value forms (a leaf, however it is written). */
  public static boolean isValueForm(Object v) {
    return v instanceof Map<?, ?> m && m.size() == 1 && VALUE_FORMS.contains(String.valueOf(m.keySet().iterator().next()));
  }

  public OptionBlock {
    comment = comment == null ? List.of() : List.copyOf(comment);
    set = set == null ? Map.of() : set;
  }
}
