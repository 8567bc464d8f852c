package dev.homelab.model;

import jakarta.validation.constraints.Min;

/** What {@code restic forget} keeps: the newest N, and N per period. */
public record Retention(
    @Min(value = 1, message = "keep at least 1, or leave the period out") Integer last,
    @Min(value = 1, message = "keep at least 1, or leave the period out") Integer daily,
    @Min(value = 1, message = "keep at least 1, or leave the period out") Integer weekly,
    @Min(value = 1, message = "keep at least 1, or leave the period out") Integer monthly,
    @Min(value = 1, message = "keep at least 1, or leave the period out") Integer yearly) {}
