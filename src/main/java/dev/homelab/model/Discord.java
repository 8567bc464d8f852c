package dev.homelab.model;

import jakarta.validation.constraints.NotNull;

/**
 * A Discord channel as an alert receiver: the secret holding the channel's webhook URL (the URL
 * is the credential). Alertmanager reads it from a file at run time.
 */
public record Discord(
    @NotNull(message = "Discord needs `webhook: { secret: NAME }`, the secret holding the channel's webhook URL") SecretRef webhook) {}
