package dev.homelab.load;

import dev.homelab.diag.Span;

/** A YAML scalar: its text exactly as written, and what YAML resolved it to. */
public record ScalarNode(Span span, String text, Kind kind) implements Node {

  /** The type YAML gives a scalar. Quoted scalars are always {@link #STRING}. */
  public enum Kind {
    STRING,
    INTEGER,
    FLOAT,
    BOOLEAN,
    NULL
  }

  @Override
  public String describe() {
    return switch (kind) {
      case STRING -> "a string";
      case INTEGER -> "a number";
      case FLOAT -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
    };
  }
}
