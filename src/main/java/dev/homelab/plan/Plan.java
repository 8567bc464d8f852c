package dev.homelab.plan;

import java.util.List;

/**
 * Everything gen will write, fully decided: templates only format it; and the warnings that
 * only planning can give ({@link Notice}).
 */
public record Plan(List<PlannedFile> files, List<Notice> notices) {

  public Plan {
    files = List.copyOf(files);
    notices = List.copyOf(notices);
  }

  public Plan(List<PlannedFile> files) {
    this(files, List.of());
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
