package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.catalog.OptionCatalog;
import dev.homelab.nix.NixData;
import dev.homelab.nix.OptionLeaf;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.Map;

/**
 * HL0390: options written in a spec's {@code nixos:} (per host, per service) are real NixOS
 * options with fitting values: an unknown option under a module the option catalog covers is
 * an error with the closest name, a misspelt module prefix gets the closest prefix, and an
 * option under a module the catalog does not cover is a warning (it cannot be checked).
 */
public final class NixosOptions implements Rule {

  /** Read only when a spec writes options of its own. */
  private static final class Catalog {
    static final OptionCatalog INSTANCE = OptionCatalog.load();
  }

  @Override
  public String id() {
    return "HL0390";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      String hostPath = SourceMap.path("hosts", hostName);
      check(ctx, SourceMap.child(hostPath, "nixos"), host.nixos());
      host.services().forEach((name, s) -> check(ctx, SourceMap.path(hostPath, "services", name, "nixos"), s.nixos()));
    });
  }

  private static void check(RuleContext ctx, String at, Map<String, Object> options) {
    if (options.isEmpty()) {
      return;
    }
    for (Map.Entry<String, Object> e : options.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      // Each top-level key is judged with everything below it, located at that key.
      for (OptionLeaf leaf : OptionLeaf.flatten(NixData.bindings(Map.of(e.getKey(), e.getValue())))) {
        OptionCatalog.Verdict v = Catalog.INSTANCE.explain(leaf.path(), leaf.value());
        String where = SourceMap.child(at, e.getKey());
        if (v.kind() == OptionCatalog.Verdict.Kind.ERROR) {
          ctx.errorAtKey(where, v.message(), v.hint());
        } else if (v.kind() == OptionCatalog.Verdict.Kind.UNCOVERED) {
          ctx.warningAtKey(where, v.message() + "; it is not checked", "make sure the option exists in your nixpkgs");
        }
      }
    }
  }
}
