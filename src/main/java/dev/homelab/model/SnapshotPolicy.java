package dev.homelab.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** How many snapshots of each period Sanoid keeps; 0 or absent keeps none of that period. */
public record SnapshotPolicy(
    @Min(value = 0, message = COUNT) @Max(value = 1000, message = COUNT) Integer frequent,
    @Min(value = 0, message = COUNT) @Max(value = 1000, message = COUNT) Integer hourly,
    @Min(value = 0, message = COUNT) @Max(value = 1000, message = COUNT) Integer daily,
    @Min(value = 0, message = COUNT) @Max(value = 1000, message = COUNT) Integer weekly,
    @Min(value = 0, message = COUNT) @Max(value = 1000, message = COUNT) Integer monthly,
    @Min(value = 0, message = COUNT) @Max(value = 1000, message = COUNT) Integer yearly) {

  static final String COUNT = "a snapshot count is 0 to 1000";

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
