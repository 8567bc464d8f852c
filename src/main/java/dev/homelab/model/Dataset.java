package dev.homelab.model;

import dev.homelab.model.constraints.AbsolutePath;

/**
 * A ZFS dataset's properties as the spec gives them; anything not given is inherited.
 * {@code quota} becomes ZFS {@code refquota} (data only); {@code totalQuota} is ZFS
 * {@code quota} (data, snapshots and children). {@code reservation} is ZFS {@code reservation}
 * (space kept free for it and its children); {@code xattr} ({@code sa}, {@code on}, {@code dir},
 * {@code off}) where extended attributes live. {@code owner} and {@code mode} are given to the
 * mounted root.
 */
public record Dataset(
    @AbsolutePath(or = "none", example = "/data/media") String mountpoint,
    Size quota,
    Size totalQuota,
    String recordsize,
    String compression,
    Boolean atime,
    String sync,
    Size reservation,
    String xattr,
    String snapshots,
    String owner,
    String mode) {}
