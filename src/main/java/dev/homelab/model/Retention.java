package dev.homelab.model;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * What pruning keeps: every snapshot {@code within} a duration of the newest one
 * ({@code 90d}), the newest N, and N per period.
 */
public record Retention(
    @Pattern(regexp = "[1-9][0-9]*[hdmy]", message = "a duration: a number and `h`, `d`, `m` (months) or `y`, such as `90d`, `6m` or `1y`") String within,
    @Min(value = 1, message = "keep at least 1, or leave the period out") Integer last,
    @Min(value = 1, message = "keep at least 1, or leave the period out") Integer daily,
    @Min(value = 1, message = "keep at least 1, or leave the period out") Integer weekly,
    @Min(value = 1, message = "keep at least 1, or leave the period out") Integer monthly,
    @Min(value = 1, message = "keep at least 1, or leave the period out") Integer yearly) {}
