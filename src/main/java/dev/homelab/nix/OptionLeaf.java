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
    List<OptionLeaf> out = new ArrayList<>();
    for (Binding b : bindings) {
      walk(b.path(), b.value(), out);
    }
    return out;
  }

  private static void walk(List<String> path, NixValue value, List<OptionLeaf> out) {
    NixValue v = value instanceof NixValue.Apply a ? a.argument() : value instanceof NixValue.MkIf m ? m.value() : value;
    if (v instanceof NixValue.Attrs attrs && !attrs.bindings().isEmpty()) {
      for (Binding b : attrs.bindings()) {
        List<String> p = new ArrayList<>(path);
        p.addAll(b.path());
        walk(p, b.value(), out);
      }
    } else if (v instanceof NixValue.ListOf list && !list.items().isEmpty()
        && list.items().stream().allMatch(i -> i instanceof NixValue.Attrs)) {
      // A list of submodules: each element's options live under `*`.
      List<String> p = new ArrayList<>(path);
      p.add("*");
      out.add(new OptionLeaf(List.copyOf(path), new NixValue.ListOf(List.of())));
      for (NixValue item : list.items()) {
        walk(p, item, out);
      }
    } else {
      out.add(new OptionLeaf(List.copyOf(path), value));
    }
  }

  /** The dotted path. */
  public String dotted() {
    return String.join(".", path);
  }
}
