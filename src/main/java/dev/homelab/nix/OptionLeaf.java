package dev.homelab.nix;

import java.util.ArrayList;
import java.util.List;

/**
 * One option a module sets: the full attribute path and the value at its end. Attribute
 * sets are walked into their bindings; anything else (lists, strings, references) is a leaf.
 */
public record OptionLeaf(List<String> path, NixValue value) {

  /** Every leaf under these bindings, in order. */
  public static List<OptionLeaf> flatten(List<Binding> bindings) {
    return flatten(bindings, List.of());
  }

  /**
   * The leaves whose path starts with {@code prefix}, in order: what {@link #flatten} gives,
   * filtered, without walking the bindings that lead elsewhere.
   */
  public static List<OptionLeaf> flatten(List<Binding> bindings, List<String> prefix) {
    List<OptionLeaf> out = new ArrayList<>();
    for (Binding b : bindings) {
      walk(b.path(), b.value(), prefix, out);
    }
    return out;
  }

  /** Whether a path and the prefix agree as far as both go (a path shorter than it may still lead there). */
  private static boolean towards(List<String> path, List<String> prefix) {
    for (int i = 0; i < Math.min(path.size(), prefix.size()); i++) {
      if (!path.get(i).equals(prefix.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static void walk(List<String> path, NixValue value, List<String> prefix, List<OptionLeaf> out) {
    if (!towards(path, prefix)) {
      return;
    }
    NixValue v = value instanceof NixValue.Apply a ? a.argument() : value instanceof NixValue.MkIf m ? m.value() : value;
    if (v instanceof NixValue.Attrs attrs && !attrs.bindings().isEmpty()) {
      for (Binding b : attrs.bindings()) {
        List<String> p = new ArrayList<>(path);
        p.addAll(b.path());
        walk(p, b.value(), prefix, out);
      }
    } else if (v instanceof NixValue.ListOf list && !list.items().isEmpty()
        && list.items().stream().allMatch(i -> i instanceof NixValue.Attrs)) {
      // A list of submodules: each element's options live under `*`.
      List<String> p = new ArrayList<>(path);
      p.add("*");
      if (path.size() >= prefix.size()) {
        out.add(new OptionLeaf(List.copyOf(path), new NixValue.ListOf(List.of())));
      }
      for (NixValue item : list.items()) {
        walk(p, item, prefix, out);
      }
    } else if (path.size() >= prefix.size()) {
      out.add(new OptionLeaf(List.copyOf(path), value));
    }
  }

  /** The dotted path. */
  public String dotted() {
    return String.join(".", path);
  }
}
