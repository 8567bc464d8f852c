package dev.homelab.plan.quote;

/**
 * A set of ASCII characters: letters, digits and the listed punctuation, as the bracket
 * expression {@code [A-Za-z0-9...]} of a regular expression takes them, checked by a table
 * instead of a regular expression (the quoting helpers ask it of every word the planners write).
 */
public final class CharClass {

  private final boolean[] in = new boolean[128];

  private CharClass(String others) {
    for (char c = 'A'; c <= 'Z'; c++) {
      in[c] = true;
      in[Character.toLowerCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      in[c] = true;
    }
    for (int i = 0; i < others.length(); i++) {
      in[others.charAt(i)] = true;
    }
  }

  /** Letters, digits and each character of {@code others} (ASCII). */
  public static CharClass lettersDigitsAnd(String others) {
    return new CharClass(others);
  }

  /** True when the character is in the set. */
  public boolean contains(char c) {
    return c < 128 && in[c];
  }

  /** True when every character of the text is in the set (also for empty text). */
  public boolean all(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      if (!contains(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** True when the text is not empty and every character of it is in the set. */
  public boolean allOfSome(CharSequence s) {
    return s.length() > 0 && all(s);
  }
}
