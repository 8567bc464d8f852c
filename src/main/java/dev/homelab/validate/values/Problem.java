package dev.homelab.validate.values;

/**
 * What is wrong with a value: the message (which names the value), a hint, and whether it
 * is only a warning (the value works but is likely a mistake).
 */
public record Problem(String message, String hint, boolean warning) {

  static Problem error(String message, String hint) {
    return new Problem(message, hint, false);
  }

  static Problem warning(String message, String hint) {
    return new Problem(message, hint, true);
  }
}
