package dev.homelab.model;

import java.util.Map;

/** The spec's own additions to the generated flake: extra inputs, by name. */
public record FlakeSection(Map<String, @jakarta.validation.Valid FlakeInput> inputs) {

  public FlakeSection {
    inputs = Maps.copy(inputs);
  }
}
