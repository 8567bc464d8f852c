package dev.homelab.plan;

import java.util.List;

/** Everything gen will write, fully decided: templates only format it. */
public record Plan(List<PlannedFile> files) {

  public Plan {
    files = List.copyOf(files);
  }

  /** Every NixOS module in the plan, for checks over the options it sets. */
  public List<NixModule> modules() {
    return files.stream()
        .map(f -> f.model().get("module"))
        .filter(NixModule.class::isInstance)
        .map(NixModule.class::cast)
        .toList();
  }
}
