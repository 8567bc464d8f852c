package dev.homelab.model;

import jakarta.validation.constraints.Min;

/** What {@code restic forget} keeps: the newest N, and N per period. */
public record Retention(
    @Min(1) Integer last,
    @Min(1) Integer daily,
    @Min(1) Integer weekly,
    @Min(1) Integer monthly,
    @Min(1) Integer yearly) {}
