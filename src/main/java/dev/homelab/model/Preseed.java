package dev.homelab.model;

import jakarta.validation.constraints.NotEmpty;
import java.util.Set;

/**
 * Restores a service's data before its first start on an empty data directory, trying each
 * source of {@code from} in order until one yields data: the copy of its dataset that the
 * host's Syncoid replication keeps on the receiving host ({@code syncoid}), the newest local
 * snapshot of its dataset that holds data ({@code local}), the newest snapshot of its data
 * directory in a restic {@code repository} ({@code restic}). One source may be written alone
 * ({@code from: restic}). Which keys each source needs is rule HL0396's to say.
 */
public record Preseed(
    @NotEmpty(message = "a preseed needs `from:` one or more of `syncoid`, `local`, `restic` (with `repository: NAME`)")
        @OneOrMany Set<PreseedSource> from,
    String repository) {

  public Preseed {
    from = from == null ? null : java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(from));
  }

  /** True when the preseed tries this source. */
  public boolean tries(PreseedSource source) {
    return from != null && from.contains(source);
  }
}
