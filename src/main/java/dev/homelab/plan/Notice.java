package dev.homelab.plan;

/**
 * A warning only planning can give, because it depends on what the plan derives (which
 * secrets a host's files read, for example): its code, the spec path it is about (located at
 * that path's key), the message and a hint. The pipeline turns it into a located diagnostic,
 * so {@code validate} and {@code gen} report it alike.
 */
public record Notice(String code, String path, String message, String hint) {}
