package dev.homelab.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Restores a service's data before its first start on an empty data directory: from the
 * newest snapshot of its data directory in a restic {@code repository}.
 */
public record Preseed(
    @NotNull(message = "a preseed needs `from: restic`") PreseedSource from,
    @NotBlank(message = "a preseed needs `repository: NAME`, a restic repository under backups.repositories") String repository) {}
