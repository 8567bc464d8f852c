package dev.homelab.model;

/** An enum constant with the exact word the spec uses for it. */
public interface Named {

  /** The spelling in YAML. */
  String wire();
}
