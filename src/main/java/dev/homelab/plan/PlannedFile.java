package dev.homelab.plan;

import java.util.Map;

/**
 * One output file: its path relative to the output folder, who owns it, the template that
 * formats it and the data the template gets.
 */
public record PlannedFile(String path, Ownership ownership, String template, Map<String, Object> model) {

  public PlannedFile {
    model = Map.copyOf(model);
  }
}
