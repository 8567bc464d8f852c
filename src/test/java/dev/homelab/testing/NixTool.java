package dev.homelab.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Nix parser and evaluator ({@code nix-instantiate}, Debian package nix-bin). Tests
 * skip when it is missing, except under {@code CI=true}, where a missing tool fails the run.
 */
public final class NixTool {

  /** What one call printed. */
  public record Result(int exit, String out, String err) {}

  private static Path store;

  private NixTool() {}

  /** Skips the test (or fails it in CI) when nix-instantiate is not installed. */
  public static void require() {
    boolean present = onPath();
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("nix-instantiate is required in CI (apt-get install -y nix-bin)");
    }
    Assumptions.assumeTrue(present, "nix-instantiate not installed");
  }

  private static boolean onPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "nix-instantiate"))) {
        return true;
      }
    }
    return false;
  }

  /** {@code nix-instantiate --parse FILE}. */
  public static Result parse(Path file) {
    return run(List.of("--parse", file.toString()));
  }

  /** {@code nix-instantiate --eval --strict --json FILE}: the value as JSON text. */
  public static Result evalJson(Path file) {
    return run(List.of("--eval", "--strict", "--json", file.toString()));
  }

  private static synchronized Path store() throws IOException {
    if (store == null) {
      store = Files.createTempDirectory("homelab-nix-store");
    }
    return store;
  }

  private static Result run(List<String> args) {
    try {
      List<String> cmd = new ArrayList<>(List.of("nix-instantiate", "--store", store().toString()));
      cmd.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().put("NIX_STATE_DIR", store().resolve("state").toString());
      pb.environment().put("NIX_LOG_DIR", store().resolve("log").toString());
      pb.environment().put("HOME", store().toString());
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("nix-instantiate timed out");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
