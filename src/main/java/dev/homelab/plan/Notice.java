package dev.homelab.plan;

/**
 * A finding only planning can give, because it depends on what the plan derives (which
 * secrets a host's files read, which module flakes a host imports): its code, the spec path
 * it is about (located at that path's key), the message, a hint, and whether it is an error
 * (the spec is refused) or a warning. The pipeline turns it into a located diagnostic, so
 * {@code validate} and {@code gen} report it alike.
 */
public record Notice(String code, String path, String message, String hint, boolean error) {

  /** A warning. */
  public Notice(String code, String path, String message, String hint) {
    this(code, path, message, hint, false);
  }
}
