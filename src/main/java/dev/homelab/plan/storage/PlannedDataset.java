package dev.homelab.plan.storage;

import java.util.List;

/**
 * A dataset as the unit applies it: full name, the properties the spec sets (in ZFS
 * syntax, {@code refquota=3T}), where it mounts ({@code null} for {@code none}), the owner
 * and mode of its root after mounting ({@code -} to leave them), its snapshot policy, and
 * notes on properties derived rather than written (the unit's script says them as comments).
 */
public record PlannedDataset(
    String name, List<String> properties, String mountpoint, String owner, String mode, String policy, List<String> notes) {

  public PlannedDataset {
    properties = List.copyOf(properties);
    notes = List.copyOf(notes);
  }

  /** The property value the spec sets, or null. */
  public String property(String key) {
    for (String p : properties) {
      if (p.length() > key.length() && p.charAt(key.length()) == '=' && p.startsWith(key)) {
        return p.substring(key.length() + 1);
      }
    }
    return null;
  }
}
