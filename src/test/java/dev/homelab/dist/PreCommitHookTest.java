package dev.homelab.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Specs;
import dev.homelab.testing.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hooks of .pre-commit-hooks.yaml, run by the real pre-commit against this checkout
 * ({@code pre-commit try-repo}, which clones it with its uncommitted changes, so the launcher
 * builds the jar in the clone). A valid spec passes; an invalid one fails the hook with the
 * finding's file:line:col and hint.
 */
class PreCommitHookTest {

  private static final Path ROOT = Path.of("").toAbsolutePath();

  @TempDir
  Path tmp;

  private Proc.Result git(Path repo, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=homelab", "-c", "user.email=homelab@example.org",
        "-c", "commit.gpgsign=false"));
    command.addAll(List.of(args));
    Proc.Result r = Proc.run(repo, Map.of(), command);
    assertThat(r.exit()).as(r.all()).isZero();
    return r;
  }

  private Proc.Result tryRepo(Path repo, String hook) {
    // The launcher's class-data cache is left out: it would add a training run per clone.
    return Proc.run(repo, Map.of("HOMELAB_NO_CACHE", "1", "PRE_COMMIT_COLOR", "never"),
        List.of("pre-commit", "try-repo", ROOT.toString(), hook, "--all-files", "--color", "never"));
  }

  @Test
  void validateHookPassesAGoodSpecAndFailsABadOneWithItsLocation() throws Exception {
    Tool.require("git", "git");
    Tool.require("pre-commit", "pre-commit");
    String manifest = Files.readString(ROOT.resolve(".pre-commit-hooks.yaml"));
    assertThat(manifest).contains("id: homelab-validate", "entry: homelab validate");

    Path repo = tmp.resolve("lab");
    Files.createDirectories(repo);
    git(repo, "init", "-q");
    Specs.write(repo, "homelab.yaml", Specs.MINIMAL);
    git(repo, "add", "homelab.yaml");
    git(repo, "commit", "-q", "-m", "spec");

    Proc.Result good = tryRepo(repo, "homelab-validate");
    assertThat(good.exit()).as(good.all()).isZero();
    assertThat(good.out()).containsPattern("homelab validate\\.+Passed");

    String bad = Specs.MINIMAL.replace("immich: { tier", "immish: { tier");
    assertThat(bad).isNotEqualTo(Specs.MINIMAL);
    Specs.write(repo, "homelab.yaml", bad);
    int line = bad.substring(0, bad.indexOf("immish")).split("\n", -1).length;
    Proc.Result failed = tryRepo(repo, "homelab-validate");
    assertThat(failed.exit()).as(failed.all()).isEqualTo(1);
    assertThat(failed.out()).containsPattern("homelab validate\\.+Failed")
        .contains("error[HL0306]: unknown service kind `immish`", "--> homelab.yaml:" + line + ":7",
            "help: did you mean `immich`?");
  }
}
