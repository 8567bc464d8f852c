package dev.homelab.model;

/** The modules a flake input provides, by the system they are for: {@code nixos}. */
public record InputModules(String nixos) {}
