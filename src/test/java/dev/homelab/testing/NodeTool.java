package dev.homelab.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Node.js scripts under src/test/node/<name> (a package.json and its lockfile): installed with
 * {@code npm ci} the first time a test needs them, so a fresh clone and CI install themselves.
 * Tests skip when node or npm is missing, except under {@code CI=true}.
 */
public final class NodeTool {

  /** What one run printed. */
  public record Result(int exit, String out) {}

  private NodeTool() {}

  /** The folder of a script package, installed. */
  public static synchronized Path require(String name) {
    Tool.require("node", "nodejs");
    Tool.require("npm", "npm");
    Path dir = Path.of("src/test/node", name).toAbsolutePath();
    if (!Files.isDirectory(dir.resolve("node_modules"))) {
      Result r = exec(dir, List.of("npm", "ci", "--no-audit", "--no-fund"), 600);
      assertThat(r.exit()).as("npm ci in " + dir + ":\n" + r.out()).isZero();
    }
    return dir;
  }

  /** Runs {@code node SCRIPT ARGS...} in the package's folder. */
  public static Result node(Path dir, String script, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of("node", script));
    cmd.addAll(args);
    return exec(dir, cmd, 300);
  }

  private static Result exec(Path dir, List<String> cmd, int seconds) {
    try {
      Path log = Files.createTempFile("homelab-node", ".log");
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", cmd) + " timed out");
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
