package dev.homelab.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's training run ({@code train}, run on its own as the launcher defines it, with
 * a stand-in for java that records what it was asked): a lab's class cache is trained on the
 * example lab, a fleet's on a synthetic fleet of 25 hosts; the cache is in place only when the
 * run made it whole, and nothing of the training is left behind.
 */
class LauncherCacheTest {

  @TempDir
  Path tmp;

  /**
   * Runs {@code train CACHE KIND} with java replaced by a script that writes its arguments
   * and a copy of the spec it was given, then makes the cache file it was asked for (unless
   * told to fail).
   */
  private Proc.Result train(int major, String kind, boolean fail) throws Exception {
    return train(major, kind, fail, tmp.resolve("cache"));
  }

  private Proc.Result train(int major, String kind, boolean fail, Path cache) throws Exception {
    Path launcher = Path.of("homelab").toAbsolutePath();
    Path java = tmp.resolve("java");
    Files.writeString(java, String.join("\n",
        "#!/usr/bin/env bash",
        "printf '%s\\n' \"$@\" >\"$RECORD/args\"",
        "prev=",
        "for a in \"$@\"; do",
        "  case $prev in -f) cp \"$a\" \"$RECORD/spec\"; spec_dir=${a%/*} ;; esac",
        "  case $a in -XX:AOTCacheOutput=* | -XX:ArchiveClassesAtExit=*) out=${a#*=} ;; esac",
        "  prev=$a",
        "done",
        "echo \"$spec_dir\" >\"$RECORD/spec-dir\"",
        "[ \"${FAIL:-}\" = 1 ] && { echo half >\"$out\"; exit 1; }",
        "echo cache >\"$out\"",
        ""));
    java.toFile().setExecutable(true);
    String script = "set -euo pipefail; eval \"$(sed -n '/^train() {/,/^}/p' \"$0\")\"; "
        + "here=$1; java=$2; major=$3; flags=(-XX:TieredStopAtLevel=1); jar=$here/target/homelab.jar; train \"$4\" \"$5\"";
    return Proc.run(tmp, Map.of("RECORD", tmp.toString(), "FAIL", fail ? "1" : "0", "TMPDIR", tmp.toString()),
        List.of("bash", "-c", script, launcher.toString(), launcher.getParent().toString(), java.toString(),
            String.valueOf(major), cache.toString(), kind));
  }

  private List<String> args() throws Exception {
    return Files.readAllLines(tmp.resolve("args"));
  }

  @Test
  void aLabsCacheIsTrainedOnTheExampleLab() throws Exception {
    Proc.Result r = train(25, "", false);
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> args = args();
    assertThat(args).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "gen");
    assertThat(args.get(args.indexOf("-f") + 1)).endsWith("/examples/nuc-homelab.yaml");
    assertThat(args).anyMatch(a -> a.startsWith("-XX:AOTCacheOutput="));
    assertThat(tmp.resolve("cache")).hasContent("cache");
  }

  @Test
  void aFleetsCacheIsTrainedOnASyntheticFleet() throws Exception {
    Proc.Result r = train(25, "fleet", false);
    assertThat(r.exit()).as(r.err()).isZero();
    String spec = Files.readString(tmp.resolve("spec"));
    assertThat(spec).contains("hosts:", "  h001:", "  h025:").doesNotContain("  h026:");
    assertThat(tmp.resolve("cache")).hasContent("cache");
    assertTrainingFolderRemoved();
  }

  /** The generated spec, the output and the cache were made in a folder of their own, which the training removed. */
  private void assertTrainingFolderRemoved() throws Exception {
    Path folder = Path.of(Files.readString(tmp.resolve("spec-dir")).strip());
    assertThat(folder.getParent()).isEqualTo(tmp);
    assertThat(folder).doesNotExist();
  }

  @Test
  void olderJdksGetAClassDataSharingArchive() throws Exception {
    Proc.Result r = train(17, "", false);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(args()).anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit=")).noneMatch(a -> a.startsWith("-XX:AOTCacheOutput"));
    assertThat(tmp.resolve("cache")).hasContent("cache");
  }

  @Test
  void aCacheThatCannotBePutInPlaceIsNoError() throws Exception {
    Path nowhere = tmp.resolve("missing-folder").resolve("cache");
    Proc.Result r = train(25, "fleet", false, nowhere);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(nowhere).doesNotExist();
    assertTrainingFolderRemoved();
  }

  @Test
  void aFailedTrainingLeavesNoCache() throws Exception {
    // Not even the one an older jar's training left.
    Files.writeString(tmp.resolve("cache"), "stale");
    Proc.Result r = train(25, "fleet", true);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(tmp.resolve("cache")).doesNotExist();
    assertTrainingFolderRemoved();
  }
}
