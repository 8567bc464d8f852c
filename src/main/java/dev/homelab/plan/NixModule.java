package dev.homelab.plan;

import dev.homelab.nix.Binding;
import dev.homelab.nix.NixValue;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A NixOS module file as the plan states it: header lines, a comment saying why the file
 * exists, the names it binds once in a {@code let} ({@code lets}, for a value two options
 * share) and the option bindings it sets. The function arguments are derived from what the
 * bindings use, so no argument is ever unused.
 */
public record NixModule(List<String> header, List<String> comment, List<Binding> lets, List<Binding> bindings) {

  public NixModule {
    header = List.copyOf(header);
    comment = List.copyOf(comment);
    lets = List.copyOf(lets);
    bindings = List.copyOf(bindings);
  }

  public NixModule(List<String> header, List<String> comment, List<Binding> bindings) {
    this(header, comment, List.of(), bindings);
  }

  /**
   * The option bindings with each name bound in {@code lets} replaced by its value: what the
   * module sets, for checking against the option catalog.
   */
  public List<Binding> optionBindings() {
    if (lets.isEmpty()) {
      return bindings;
    }
    java.util.Map<String, NixValue> named = new java.util.HashMap<>();
    lets.forEach(l -> named.put(String.join(".", l.path()), l.value()));
    return bindings.stream().map(b -> new Binding(b.path(), resolve(b.value(), named), b.comment())).toList();
  }

  private static NixValue resolve(NixValue v, java.util.Map<String, NixValue> named) {
    if (v instanceof NixValue.Ref r && named.containsKey(r.code())) {
      // A let may name an earlier one (`afterImport = lib.mkAfter rollback`).
      return resolve(named.get(r.code()), named);
    } else if (v instanceof NixValue.MkIf m) {
      return new NixValue.MkIf(m.condition(), m.negated(), resolve(m.value(), named));
    } else if (v instanceof NixValue.Apply a) {
      return new NixValue.Apply(a.function(), resolve(a.argument(), named));
    } else if (v instanceof NixValue.ListOf l) {
      return new NixValue.ListOf(l.items().stream().map(i -> resolve(i, named)).toList());
    } else if (v instanceof NixValue.Attrs a) {
      return new NixValue.Attrs(a.bindings().stream().map(b -> new Binding(b.path(), resolve(b.value(), named), b.comment())).toList());
    }
    return v;
  }

  /** The argument set, e.g. {@code { config, pkgs, ... }}. */
  public String args() {
    TreeSet<String> used = new TreeSet<>();
    for (Binding b : lets) {
      collect(b.value(), used);
    }
    for (Binding b : bindings) {
      collect(b.value(), used);
    }
    List<String> ordered = new ArrayList<>();
    for (String a : List.of("config", "lib", "pkgs", "modulesPath")) {
      if (used.contains(a)) {
        ordered.add(a);
      }
    }
    return dev.homelab.nix.NixFormat.functionArgs(ordered, 0);
  }

  private static void collect(NixValue v, TreeSet<String> used) {
    if (v instanceof NixValue.SecretPath || v instanceof NixValue.Placeholder || v instanceof NixValue.TemplatePath) {
      used.add("config");
    } else if (v instanceof NixValue.Interpolated in) {
      in.parts().forEach(p -> collect(p, used));
    } else if (v instanceof NixValue.Ref r) {
      used.add(r.code().split("\\.")[0]);
    } else if (v instanceof NixValue.NameIn) {
      used.add("lib");
    } else if (v instanceof NixValue.Apply a) {
      collect(a.function(), used);
      collect(a.argument(), used);
    } else if (v instanceof NixValue.MkIf m) {
      used.add("lib");
      collect(m.condition(), used);
      collect(m.value(), used);
    } else if (v instanceof NixValue.ListOf l) {
      l.items().forEach(i -> collect(i, used));
    } else if (v instanceof NixValue.Attrs a) {
      a.bindings().forEach(b -> collect(b.value(), used));
    }
  }
}
