package dev.homelab.catalog;

import java.util.List;
import java.util.Map;

/**
 * A group of NixOS options a service sets, written as a nested mapping of attribute paths
 * to values. {@code when} names a fact that must hold ({@code gpu=intel}, {@code settings.x}).
 * A value is a literal or one of {@code {fact: NAME}}, {@code {setting: NAME}},
 * {@code {secret: SETTING}}, {@code {format: "text with {fact}"}}, {@code {ref: pkgs.NAME}},
 * {@code {mkDefault: VALUE}}.
 */
public record OptionBlock(String when, List<String> comment, Map<String, Object> set) {

  public OptionBlock {
    comment = comment == null ? List.of() : List.copyOf(comment);
    set = set == null ? Map.of() : set;
  }
}
