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

  /** Every module in the plan (NixOS, nix-darwin and home-manager), for checks over the files. */
  public List<NixModule> modules() {
    return files.stream()
        .map(f -> f.model().get("module"))
        .filter(NixModule.class::isInstance)
        .map(NixModule.class::cast)
        .toList();
  }

  /**
   * The modules evaluated in one option tree, for checks over the options they set: a file's
   * {@code tree} (NixOS unless its model says nix-darwin or home-manager).
   */
  public List<NixModule> modules(dev.homelab.catalog.OptionCatalog.Tree tree) {
    return files.stream()
        .filter(f -> f.model().getOrDefault("tree", dev.homelab.catalog.OptionCatalog.Tree.NIXOS) == tree)
        .map(f -> f.model().get("module"))
        .filter(NixModule.class::isInstance)
        .map(NixModule.class::cast)
        .toList();
  }
}
