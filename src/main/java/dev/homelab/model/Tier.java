package dev.homelab.model;

import jakarta.validation.constraints.Min;
import java.util.List;

/**
 * A named group of services deployed together: its phase, whether it is deployed now, the
 * snapshot policy its datasets default to and the backup jobs its services join.
 */
public record Tier(
    @Min(value = 0, message = "a phase is 0 or more") Integer phase,
    Boolean enabled,
    String snapshots,
    List<String> backup) {

  public Tier {
    phase = phase == null ? 1 : phase;
    enabled = enabled == null ? Boolean.TRUE : enabled;
    backup = Maps.copy(backup);
  }
}
