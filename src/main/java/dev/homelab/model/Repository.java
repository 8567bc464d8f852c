package dev.homelab.model;

import jakarta.validation.constraints.NotNull;

/**
 * A restic repository: a local {@code path} or a restic {@code url} ({@code sftp:...},
 * {@code s3:...}), and the secret holding its password.
 */
public record Repository(
    String path,
    String url,
    @NotNull(message = "a repository needs `password: { secret: NAME }`") SecretRef password) {}
