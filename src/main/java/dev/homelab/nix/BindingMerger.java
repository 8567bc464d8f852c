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

  /**
   * Adds the spec's own options ({@code nixos:}) to generated bindings: each of its leaves
   * replaces a generated leaf of the same path, everything else merges in.
   */
  public static List<Binding> override(List<Binding> generated, List<Binding> own) {
    List<Binding> mine = leaves(List.of(), own);
    List<Binding> kept = new ArrayList<>();
    for (Binding b : generated) {
      Binding pruned = prune(b, mine);
      if (pruned != null) {
        kept.add(pruned);
      }
    }
    List<Binding> out = merge(kept);
    for (Binding leaf : mine) {
      insert(out, leaf);
    }
    return out;
  }

  /** Bindings down to their non-set values (lists stay whole), with full paths. */
  private static List<Binding> leaves(List<String> prefix, List<Binding> bindings) {
    List<Binding> out = new ArrayList<>();
    for (Binding b : bindings) {
      List<String> full = new ArrayList<>(prefix);
      full.addAll(b.path());
      List<Binding> mine = b.value() instanceof NixValue.Attrs a && !a.bindings().isEmpty()
          ? leaves(full, a.bindings())
          : List.of(new Binding(full, b.value(), List.of()));
      if (!b.comment().isEmpty() && !mine.isEmpty()) {
        mine = new ArrayList<>(mine);
        mine.set(0, mine.get(0).withComment(b.comment()));
      }
      out.addAll(mine);
    }
    return out;
  }

  /** The binding without the leaves the spec sets itself; null when nothing is left. */
  private static Binding prune(Binding b, List<Binding> mine) {
    for (Binding leaf : mine) {
      if (isPrefix(leaf.path(), b.path())) {
        return null;
      }
    }
    if (b.value() instanceof NixValue.Attrs a) {
      List<Binding> inner = new ArrayList<>();
      for (Binding child : a.bindings()) {
        List<String> full = new ArrayList<>(b.path());
        full.addAll(child.path());
        Binding kept = prune(new Binding(full, child.value(), child.comment()), mine);
        if (kept != null) {
          inner.add(new Binding(kept.path().subList(b.path().size(), kept.path().size()), kept.value(), kept.comment()));
        }
      }
      return inner.isEmpty() && !a.bindings().isEmpty() ? null : new Binding(b.path(), new NixValue.Attrs(inner), b.comment());
    }
    return b;
  }

  private static boolean isPrefix(List<String> prefix, List<String> path) {
    return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
  }

  private static void insert(List<Binding> into, Binding b) {
    for (int i = 0; i < into.size(); i++) {
      Binding existing = into.get(i);
      List<String> p = existing.path();
      if (b.path().equals(p) && existing.value() instanceof NixValue.Attrs a && b.value() instanceof NixValue.Attrs n) {
        List<Binding> merged = new ArrayList<>(a.bindings());
        List<Binding> added = new ArrayList<>(n.bindings());
        if (!b.comment().isEmpty() && !added.isEmpty() && added.get(0).comment().isEmpty()) {
          // The second set's comment says why it is there: it moves to its first binding, not lost.
          added.set(0, added.get(0).withComment(b.comment()));
        }
        added.forEach(x -> insert(merged, x));
        into.set(i, new Binding(p, new NixValue.Attrs(merged), existing.comment()));
        return;
      }
      if (p.size() > b.path().size() && p.subList(0, b.path().size()).equals(b.path()) && b.value() instanceof NixValue.Attrs n) {
        // The longer path came first: it and the set that now arrives become one set, each
        // keeping its comment on its first binding.
        List<Binding> merged = new ArrayList<>();
        merged.add(new Binding(p.subList(b.path().size(), p.size()), existing.value(), existing.comment()));
        List<Binding> added = new ArrayList<>(n.bindings());
        if (!b.comment().isEmpty() && !added.isEmpty() && added.get(0).comment().isEmpty()) {
          added.set(0, added.get(0).withComment(b.comment()));
        }
        added.forEach(x -> insert(merged, x));
        // Other longer paths below the same set that came first join it too.
        for (int j = into.size() - 1; j > i; j--) {
          List<String> q = into.get(j).path();
          if (q.size() > b.path().size() && q.subList(0, b.path().size()).equals(b.path())) {
            Binding later = into.remove(j);
            merged.add(1, new Binding(q.subList(b.path().size(), q.size()), later.value(), later.comment()));
          }
        }
        into.set(i, new Binding(b.path(), new NixValue.Attrs(BindingMerger.merge(merged)), List.of()));
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
