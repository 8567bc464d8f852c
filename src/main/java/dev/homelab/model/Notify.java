package dev.homelab.model;

/**
 * Where a failed backup ({@code backups.onFailure}) is reported: always the journal (the failing unit's status, logged
 * by {@code homelab-notify@}), and an ntfy topic when {@code ntfy} gives its URL.
 */
public record Notify(String ntfy) {}
