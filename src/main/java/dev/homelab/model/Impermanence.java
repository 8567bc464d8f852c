package dev.homelab.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

/**
 * An ephemeral root: everything that must survive a reboot is kept under {@code persist}
 * (default {@code /persist}, a file system of its own) and bind-mounted into place by the
 * impermanence module. With {@code btrfs}, the root disk is laid out by disko as BTRFS
 * subvolumes and the root subvolume is replaced by an empty one at every boot.
 */
public record Impermanence(
    @Pattern(regexp = "/[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*", message = "`persist` is an absolute path such as `/persist`")
        String persist,
    @Valid BtrfsRoot btrfs) {

  public Impermanence {
    persist = persist == null ? "/persist" : persist;
  }
}
