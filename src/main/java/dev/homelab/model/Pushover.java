package dev.homelab.model;

import jakarta.validation.constraints.NotNull;

/**
 * Pushover as an alert receiver: the secrets holding the user (or group) key and the
 * application's API token. Alertmanager reads both from files at run time; they never enter
 * the spec or the store.
 */
public record Pushover(
    @NotNull(message = "Pushover needs `userKey: { secret: NAME }`, the secret holding the user key") SecretRef userKey,
    @NotNull(message = "Pushover needs `token: { secret: NAME }`, the secret holding the application's API token") SecretRef token) {}
