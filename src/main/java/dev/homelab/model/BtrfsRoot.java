package dev.homelab.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The root disk of an ephemeral-root host, laid out by disko as BTRFS: an ESP, then (inside
 * LUKS when {@code encrypt}) one BTRFS file system with the subvolumes {@code @} (the root,
 * emptied at every boot), {@code @persist}, {@code @nix}, {@code @home} when {@code home},
 * and {@code @swap} holding a swap file of {@code swap} when given. The previous roots are
 * kept {@code keepOldRoots} days under {@code old_roots/} for inspection.
 */
public record BtrfsRoot(
    @NotNull(message = "the BTRFS root needs its `device`, the disk's /dev/disk/by-id/ path") String device,
    Boolean encrypt,
    Boolean home,
    @Pattern(regexp = "[1-9][0-9]*[KMGTP]", message = "a swap size is a whole number and a unit, such as `16G`") String swap,
    @Min(value = 0, message = "`keepOldRoots` is a number of days, 0 or more")
        @Max(value = 3650, message = "`keepOldRoots` is a number of days, at most 3650") Integer keepOldRoots) {

  /** Days the previous roots are kept unless the spec says otherwise. */
  public static final int DEFAULT_KEEP_OLD_ROOTS = 30;

  public BtrfsRoot {
    encrypt = encrypt == null ? Boolean.TRUE : encrypt;
    home = home == null ? Boolean.TRUE : home;
    keepOldRoots = keepOldRoots == null ? DEFAULT_KEEP_OLD_ROOTS : keepOldRoots;
  }
}
