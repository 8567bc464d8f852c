package dev.homelab.plan.quote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Strings full of other languages' syntax, and running a real interpreter on them. */
final class QuotingFixtures {

  /** One line each: quotes, escapes, expansions, separators, comments, globs, specifiers. */
  static final List<String> NASTY = List.of(
      "plain",
      "two words",
      "it's",
      "'",
      "\"",
      "\\",
      "\\\"",
      "a\\'b",
      "$HOME",
      "${HOME}",
      "$(touch /tmp/pwned)",
      "`touch /tmp/pwned`",
      "; rm -rf / #",
      "a && b || c | d > e < f",
      "*",
      "?",
      "[a]",
      "{a,b}",
      "~",
      "~root",
      "#comment",
      "a#b",
      "-n",
      "--",
      "!",
      "%h %% %",
      "a\tb",
      "ünïcødé ✓",
      " leading and trailing ",
      "{$SECRET}",
      "{env.SECRET}",
      "}",
      "{",
      "a;b{c}d");

  private QuotingFixtures() {}

  /** Runs a command and returns its stdout; a non-zero exit fails with its stderr. */
  static String run(List<String> command, String stdin) {
    try {
      Process p = new ProcessBuilder(command).start();
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(command + " timed out");
      }
      if (p.exitValue() != 0) {
        throw new AssertionError(command + " exited " + p.exitValue() + ": " + new String(err, StandardCharsets.UTF_8));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
