package dev.homelab.emit;

import dev.homelab.plan.Ownership;

/** A file to emit: its path relative to the output folder, owner and content. */
public record OutputFile(String path, Ownership ownership, String content) {}
