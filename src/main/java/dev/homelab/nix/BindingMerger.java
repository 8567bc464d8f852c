package dev.homelab.nix;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds bindings that share a leading attribute path into one set, so a module never
 * defines {@code services.x = { ... };} and {@code services.x.y = ...;} side by side.
 */
public final class BindingMerger {

  private BindingMerger() {}

  public static List<Binding> merge(List<Binding> bindings) {
    List<Binding> out = new ArrayList<>();
    for (Binding b : bindings) {
      insert(out, b);
    }
    return out;
  }

  private static void insert(List<Binding> into, Binding b) {
    for (int i = 0; i < into.size(); i++) {
      Binding existing = into.get(i);
      List<String> p = existing.path();
      if (b.path().equals(p) && existing.value() instanceof NixValue.Attrs a && b.value() instanceof NixValue.Attrs n) {
        List<Binding> merged = new ArrayList<>(a.bindings());
        n.bindings().forEach(x -> insert(merged, x));
        into.set(i, new Binding(p, new NixValue.Attrs(merged), existing.comment()));
        return;
      }
      if (b.path().size() > p.size() && b.path().subList(0, p.size()).equals(p) && existing.value() instanceof NixValue.Attrs a) {
        List<Binding> merged = new ArrayList<>(a.bindings());
        insert(merged, new Binding(b.path().subList(p.size(), b.path().size()), b.value(), b.comment()));
        into.set(i, new Binding(p, new NixValue.Attrs(merged), existing.comment()));
        return;
      }
      if (b.path().equals(p)) {
        throw new IllegalArgumentException("attribute " + String.join(".", p) + " is set twice");
      }
    }
    into.add(b);
  }
}
