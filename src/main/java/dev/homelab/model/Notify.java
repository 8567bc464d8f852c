package dev.homelab.model;

/**
 * Where a failed backup ({@code backups.onFailure}) is reported: always the journal (the failing unit's status, logged
 * by {@code homelab-notify@}), and an ntfy topic when {@code ntfy} gives its URL; {@code token} is the secret holding
 * an ntfy access token, sent as {@code Authorization: Bearer} for a topic that needs one.
 */
public record Notify(String ntfy, SecretRef token) {}
