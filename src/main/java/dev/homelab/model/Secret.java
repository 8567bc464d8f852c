package dev.homelab.model;

import jakarta.validation.constraints.Pattern;

/** A secret declared by name: who owns its file on the host, its mode, and a hint. */
public record Secret(
    @Pattern(regexp = "[a-z_][a-z0-9_-]{0,31}", message = "not a user name (lowercase letters, digits, `_` and `-`)") String owner,
    @Pattern(regexp = "[a-z_][a-z0-9_-]{0,31}", message = "not a group name (lowercase letters, digits, `_` and `-`)") String group,
    @Pattern(regexp = "0[0-7]{3}", message = "a mode is four octal digits such as `0400`") String mode,
    String hint) {}
