package dev.homelab.testing;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A command-line tool a test runs (shellcheck, systemd-tmpfiles, ...). Tests skip when it is
 * missing, except under {@code CI=true}, where a missing tool fails the run: .ci/run installs it.
 */
public final class Tool {

  private Tool() {}

  /** Skips the test (or fails it in CI) when {@code command} is not on the PATH. */
  public static void require(String command, String aptPackage) {
    boolean present = onPath(command);
    if (!present && "true".equals(System.getenv("CI"))) {
      fail(command + " is required in CI (apt-get install -y " + aptPackage + ")");
    }
    Assumptions.assumeTrue(present, command + " not installed");
  }

  public static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
