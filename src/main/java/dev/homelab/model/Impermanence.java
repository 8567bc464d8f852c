package dev.homelab.model;

import dev.homelab.model.constraints.AbsolutePath;
import jakarta.validation.Valid;

/**
 * An ephemeral root: everything that must survive a reboot is kept under {@code persist}
 * (default {@code /persist}, a file system of its own) and bind-mounted into place by the
 * impermanence module. With {@code btrfs}, the root disk is laid out by disko as BTRFS
 * subvolumes and the root subvolume is replaced by an empty one at every boot. With
 * {@code zfs}, the root is a ZFS dataset rolled back to an empty snapshot at every boot, beside
 * persistent datasets for the store, the persist path and the logs.
 */
public record Impermanence(
    @AbsolutePath(root = false, example = "/persist") String persist,
    @Valid BtrfsRoot btrfs,
    @Valid ZfsRoot zfs) {

  public Impermanence {
    persist = persist == null ? "/persist" : persist;
  }
}
