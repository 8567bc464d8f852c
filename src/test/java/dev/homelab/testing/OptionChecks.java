package dev.homelab.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.catalog.OptionCatalog;
import dev.homelab.nix.OptionLeaf;
import dev.homelab.plan.NixModule;
import dev.homelab.plan.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Asserts that every NixOS option a plan sets is in the option catalog with a fitting value. */
public final class OptionChecks {

  private static OptionCatalog catalog;

  private OptionChecks() {}

  static synchronized OptionCatalog catalog() {
    if (catalog == null) {
      catalog = OptionCatalog.load();
    }
    return catalog;
  }

  /** Checks the plan of a spec file; returns how many options were checked. */
  public static int assertEveryOptionExists(Path spec) {
    return assertEveryOptionExists(Examples.plan(spec));
  }

  public static int assertEveryOptionExists(Plan plan) {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (NixModule m : plan.modules()) {
      for (OptionLeaf leaf : OptionLeaf.flatten(m.optionBindings())) {
        if (leaf.path().get(0).equals("imports")) {
          continue;
        }
        checked++;
        String problem = catalog().check(leaf);
        if (problem != null) {
          problems.add(leaf.dotted() + ": " + problem);
        }
      }
    }
    assertThat(problems).as("options not in the option catalog").isEmpty();
    return checked;
  }
}
