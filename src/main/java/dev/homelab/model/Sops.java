package dev.homelab.model;

import java.util.List;

/** Extra sops creation rules for files beside the per-host ones. */
public record Sops(List<SopsRule> rules) {

  public Sops {
    rules = Maps.copy(rules);
  }
}
