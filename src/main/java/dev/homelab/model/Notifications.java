package dev.homelab.model;

import jakarta.validation.Valid;

/** Where Alertmanager sends the fleet's alerts: Pushover and a Discord channel, each optional. */
public record Notifications(@Valid Pushover pushover, @Valid Discord discord) {}
