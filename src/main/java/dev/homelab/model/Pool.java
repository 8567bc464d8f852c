package dev.homelab.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/**
 * A ZFS pool: whether it exists already (then it is imported, never formatted), its usable
 * size for quota checks, how a new pool is laid out on its devices (topology, disks by id,
 * {@code ashift}, {@code autotrim}), and its datasets by path relative to the pool. A pool
 * without devices exists already unless the spec says otherwise: nothing is ever formatted
 * that the spec did not list. {@code autotrim} is null when the spec leaves it out: a new
 * pool is then created without it (ZFS's default, off) and an existing one is left as it is.
 */
public record Pool(
    Boolean existing,
    @NotNull(message = "a pool needs its usable `size`, such as `20T`") Size size,
    Topology topology,
    List<String> devices,
    @Min(value = 9, message = "ashift is 9 (512-byte sectors) to 16; 12 suits 4K-sector disks and SSDs")
        @Max(value = 16, message = "ashift is 9 (512-byte sectors) to 16; 12 suits 4K-sector disks and SSDs") Integer ashift,
    Boolean autotrim,
    Map<String, @Valid Dataset> datasets) {

  /** The sector size exponent of a new pool unless the spec gives one: 4K sectors. */
  public static final int DEFAULT_ASHIFT = 12;

  public Pool {
    devices = devices == null ? List.of() : List.copyOf(devices);
    existing = existing == null ? devices.isEmpty() : existing;
    topology = topology == null ? Topology.SINGLE : topology;
    ashift = ashift == null ? DEFAULT_ASHIFT : ashift;
    datasets = Maps.copy(datasets);
  }

  /** True when disko lays the pool out on its devices at the first install. */
  public boolean isLaidOut() {
    return !existing && !devices.isEmpty();
  }
}
