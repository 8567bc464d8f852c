package dev.homelab.nix;

import java.util.List;

/**
 * One {@code a.b.c = value;} line of an attribute set, with the comment lines written above
 * it. The attribute path's names are plain names; {@code NixFormat} quotes them when needed.
 */
public record Binding(List<String> path, NixValue value, List<String> comment) {

  public Binding {
    if (path.isEmpty()) {
      throw new IllegalArgumentException("empty attribute path");
    }
    path = List.copyOf(path);
    comment = List.copyOf(comment);
  }

  public static Binding of(String dotted, NixValue value) {
    return new Binding(List.of(dotted.split("\\.")), value, List.of());
  }

  public static Binding of(List<String> path, NixValue value) {
    return new Binding(path, value, List.of());
  }

  public Binding withComment(List<String> lines) {
    return new Binding(path, value, lines);
  }
}
