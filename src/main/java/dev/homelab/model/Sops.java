package dev.homelab.model;

import jakarta.validation.Valid;
import java.util.List;

/** Extra sops creation rules for files beside the per-host ones. */
public record Sops(List<@Valid SopsRule> rules) {

  public Sops {
    rules = Maps.copy(rules);
  }
}
