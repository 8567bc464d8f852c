package dev.homelab.plan;

import java.util.List;

/**
 * Everything gen will write, fully decided: templates only format it; the warnings that only
 * planning can give ({@link Notice}); and per host, who reaches which service
 * ({@code exposure}: lines gen prints when the host's network files change).
 */
public record Plan(List<PlannedFile> files, List<Notice> notices, java.util.Map<String, List<String>> exposure) {

  public Plan {
    files = List.copyOf(files);
    notices = List.copyOf(notices);
    exposure = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(exposure));
  }

  public Plan(List<PlannedFile> files) {
    this(files, List.of(), java.util.Map.of());
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
