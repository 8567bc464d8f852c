package dev.homelab.plan;

import dev.homelab.nix.Binding;
import dev.homelab.nix.NixValue;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A NixOS module file as the plan states it: header lines, a comment saying why the file
 * exists, and the option bindings it sets. The function arguments are derived from what
 * the bindings use, so no argument is ever unused.
 */
public record NixModule(List<String> header, List<String> comment, List<Binding> bindings) {

  public NixModule {
    header = List.copyOf(header);
    comment = List.copyOf(comment);
    bindings = List.copyOf(bindings);
  }

  /** The argument set, e.g. {@code { config, pkgs, ... }}. */
  public String args() {
    TreeSet<String> used = new TreeSet<>();
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
