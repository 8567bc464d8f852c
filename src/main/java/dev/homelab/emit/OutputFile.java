package dev.homelab.emit;

import dev.homelab.plan.Ownership;
import java.nio.charset.StandardCharsets;

/**
 * A file to emit: its path relative to the output folder, owner and content, in UTF-8 as it is
 * hashed, compared and written (encoded once, when rendered). The record's {@code equals} compares
 * the array by identity: compare {@link #content()}, or the bytes with
 * {@code Arrays.equals}.
 */
public record OutputFile(String path, Ownership ownership, byte[] bytes) {

  public OutputFile(String path, Ownership ownership, String content) {
    this(path, ownership, content.getBytes(StandardCharsets.UTF_8));
  }

  /** The text, decoded again: for a reader of a few files (the dataset drift, a diff), not the emitter's thousands. */
  public String content() {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
