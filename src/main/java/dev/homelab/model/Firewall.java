package dev.homelab.model;

/**
 * Firewall settings beyond the ports the exposure opens: whether the host answers ping and
 * whether refused connections are logged. Absent means NixOS's default.
 */
public record Firewall(Boolean allowPing, Boolean logRefused) {}
