package dev.homelab.model;

import jakarta.validation.constraints.NotNull;

/**
 * Restores a service's data before its first start on an empty data directory: from the
 * newest snapshot of its data directory in a restic {@code repository} ({@code from:
 * restic}), or from the newest snapshot of the copy of its dataset that the host's Syncoid
 * replication keeps on the receiving host ({@code from: syncoid}, no repository). Which keys
 * each source needs is rule HL0396's to say.
 */
public record Preseed(
    @NotNull(message = "a preseed needs `from: restic` (with `repository: NAME`) or `from: syncoid`") PreseedSource from,
    String repository) {}
