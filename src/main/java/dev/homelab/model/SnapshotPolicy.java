package dev.homelab.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** How many snapshots of each period Sanoid keeps; 0 or absent keeps none of that period. */
public record SnapshotPolicy(
    @Min(0) @Max(1000) Integer frequent,
    @Min(0) @Max(1000) Integer hourly,
    @Min(0) @Max(1000) Integer daily,
    @Min(0) @Max(1000) Integer weekly,
    @Min(0) @Max(1000) Integer monthly,
    @Min(0) @Max(1000) Integer yearly) {

  public SnapshotPolicy {
    frequent = frequent == null ? 0 : frequent;
    hourly = hourly == null ? 0 : hourly;
    daily = daily == null ? 0 : daily;
    weekly = weekly == null ? 0 : weekly;
    monthly = monthly == null ? 0 : monthly;
    yearly = yearly == null ? 0 : yearly;
  }

  /** True when the policy keeps nothing at all. */
  public boolean keepsNothing() {
    return frequent + hourly + daily + weekly + monthly + yearly == 0;
  }
}
