package dev.homelab.model;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How Syncthing keeps the files another device replaced or deleted: {@code staggered} (fewer
 * versions the older they get, none older than {@code days}), {@code simple} (the last
 * {@code keep} versions of each file, for {@code days}) or {@code trashcan} (deleted and
 * replaced files, for {@code days}). {@code days} 0 keeps them for ever.
 */
public record Versioning(
    @NotNull(message = "versioning needs a `type`: staggered, simple or trashcan") Type type,
    @Min(value = 0, message = "days are 0 (for ever) or more") Integer days,
    @Min(value = 1, message = "keep at least 1 version") Integer keep) {

  public Versioning {
    days = days == null ? 30 : days;
    keep = keep == null ? 5 : keep;
  }

  /** Syncthing's versioning types (not {@code external}: a command is no spec fact). */
  public enum Type implements Named {
    STAGGERED("staggered"),
    SIMPLE("simple"),
    TRASHCAN("trashcan");

    private final String wire;

    Type(String wire) {
      this.wire = wire;
    }

    @Override
    public String wire() {
      return wire;
    }
  }
}
