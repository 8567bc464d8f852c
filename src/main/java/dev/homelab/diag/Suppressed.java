package dev.homelab.diag;

/** A warning the spec's {@code suppress:} list set aside, and the reason it gives. */
public record Suppressed(Diagnostic finding, String reason) {}
