package dev.homelab.model;

import jakarta.validation.constraints.Pattern;

/** A secret declared by name: who owns its file on the host, its mode, and a hint. */
public record Secret(
    String owner,
    String group,
    @Pattern(regexp = "0[0-7]{3}", message = "a mode is four octal digits such as `0400`") String mode,
    String hint) {}
