package dev.homelab.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.catalog.OptionCatalog;
import dev.homelab.nix.OptionLeaf;
import dev.homelab.plan.NixModule;
import dev.homelab.plan.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Asserts that every option a plan sets is in the option catalog of the tree its file is
 * evaluated in (NixOS, nix-darwin or home-manager) with a fitting value.
 */
public final class OptionChecks {

  private static final java.util.Map<OptionCatalog.Tree, OptionCatalog> CATALOGS = new java.util.EnumMap<>(OptionCatalog.Tree.class);

  private OptionChecks() {}

  static synchronized OptionCatalog catalog() {
    return catalog(OptionCatalog.Tree.NIXOS);
  }

  /** The catalog of one option tree, loaded once. */
  public static synchronized OptionCatalog catalog(OptionCatalog.Tree tree) {
    return CATALOGS.computeIfAbsent(tree, OptionCatalog::load);
  }

  /** Checks the plan of a spec file; returns how many options were checked. */
  public static int assertEveryOptionExists(Path spec) {
    return assertEveryOptionExists(Examples.plan(spec));
  }

  public static int assertEveryOptionExists(Plan plan) {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (OptionCatalog.Tree tree : OptionCatalog.Tree.values()) {
      for (NixModule m : plan.modules(tree)) {
        for (OptionLeaf leaf : OptionLeaf.flatten(m.optionBindings())) {
          if (leaf.path().get(0).equals("imports")) {
            continue;
          }
          checked++;
          String problem = catalog(tree).check(leaf);
          if (problem != null) {
            problems.add(tree.title + ": " + leaf.dotted() + ": " + problem);
          }
        }
      }
    }
    assertThat(problems).as("options not in the option catalog").isEmpty();
    return checked;
  }
}
