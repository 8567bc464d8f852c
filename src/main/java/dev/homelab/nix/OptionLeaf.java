package dev.homelab.nix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;

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
    visitAll(bindings, prefix, (path, value) -> {
      if (path.size() >= prefix.size()) {
        out.add(new OptionLeaf(List.copyOf(path), value));
      }
    });
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

  /**
   * Visits every leaf under these bindings, in {@link #flatten}'s order, without making a
   * leaf or a path per leaf: the path passed is read-only and valid only during the call (copy
   * it to keep it). For checks over every option of many modules.
   */
  public static void forEach(List<Binding> bindings, BiConsumer<List<String>, NixValue> visitor) {
    visitAll(bindings, List.of(), visitor);
  }

  /** The walk of {@link #forEach}, leaving out the bindings whose path turns away from {@code prefix}. */
  private static void visitAll(List<Binding> bindings, List<String> prefix, BiConsumer<List<String>, NixValue> visitor) {
    ArrayList<String> path = new ArrayList<>();
    List<String> view = Collections.unmodifiableList(path);
    for (Binding b : bindings) {
      path.addAll(b.path());
      visit(path, view, prefix, b.value(), visitor);
      path.clear();
    }
  }

  private static void visit(ArrayList<String> path, List<String> view, List<String> prefix, NixValue value,
      BiConsumer<List<String>, NixValue> visitor) {
    if (!towards(path, prefix)) {
      return;
    }
    NixValue v = value instanceof NixValue.Apply a ? a.argument() : value instanceof NixValue.MkIf m ? m.value() : value;
    int size = path.size();
    if (v instanceof NixValue.Attrs attrs && !attrs.bindings().isEmpty()) {
      for (Binding b : attrs.bindings()) {
        path.addAll(b.path());
        visit(path, view, prefix, b.value(), visitor);
        path.subList(size, path.size()).clear();
      }
    } else if (v instanceof NixValue.ListOf list && !list.items().isEmpty() && allAttrs(list.items())) {
      visitor.accept(view, EMPTY);
      path.add("*");
      for (NixValue item : list.items()) {
        visit(path, view, prefix, item, visitor);
      }
      path.remove(size);
    } else {
      visitor.accept(view, value);
    }
  }

  /** The value a list of submodules' own leaf carries (as {@link #flatten} gives it). */
  private static final NixValue.ListOf EMPTY = new NixValue.ListOf(List.of());

  private static boolean allAttrs(List<NixValue> items) {
    for (NixValue i : items) {
      if (!(i instanceof NixValue.Attrs)) {
        return false;
      }
    }
    return true;
  }

  /** The dotted path. */
  public String dotted() {
    return String.join(".", path);
  }
}
