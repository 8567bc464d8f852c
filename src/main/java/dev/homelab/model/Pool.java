package dev.homelab.model;

import jakarta.validation.constraints.NotNull;
import java.util.Map;

/**
 * A ZFS pool: whether it exists already (then it is imported, never formatted), its usable
 * size for quota checks, and its datasets by path relative to the pool.
 */
public record Pool(Boolean existing, @NotNull(message = "a pool needs its usable `size`, such as `20T`") Size size, Map<String, Dataset> datasets) {

  public Pool {
    existing = existing == null ? Boolean.FALSE : existing;
    datasets = Maps.copy(datasets);
  }
}
