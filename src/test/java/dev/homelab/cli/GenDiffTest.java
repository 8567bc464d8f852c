package dev.homelab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.homelab.emit.Manifest;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import dev.homelab.testing.Trees;
import java.io.File;
import java.io.StringWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gen --diff}: the unified diff of what gen would change, and nothing written. */
class GenDiffTest {

  private static final String VAULTWARDEN = "hosts/nuc/services/vaultwarden.nix";
  private static final String IMMICH = "hosts/nuc/services/immich.nix";

  @TempDir
  Path tmp;

  Path spec;
  Path out;

  @BeforeEach
  void setUp() {
    spec = Specs.write(tmp, "homelab.yaml", Specs.MINIMAL);
    out = tmp.resolve("out");
  }

  private Cli.Run gen(Path specFile, Path into, String... extra) {
    List<String> args = new ArrayList<>(List.of("gen", "-f", specFile.toString(), "-o", into.toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  /** The spec with vaultwarden on another port and immich gone: files updated and removed. */
  private Path changed() {
    return Specs.write(tmp, "changed/homelab.yaml", Specs.MINIMAL
        .replace("dataset: tank/vaultwarden }", "dataset: tank/vaultwarden, port: 8300 }")
        .replace("      immich: { tier: critical, claimed: true }\n", ""));
  }

  @Test
  void showsUpdatedAndRemovedFilesAndWritesNothing() {
    assertThat(gen(spec, out).exit()).isZero();
    Map<String, String> before = Trees.snapshot(out);

    Cli.Run r = gen(changed(), out, "--diff");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out())
        .contains("--- a/" + VAULTWARDEN + "\n+++ b/" + VAULTWARDEN + "\n@@ ")
        .contains("+      ROCKET_PORT = 8300;")
        .contains("--- a/" + IMMICH + "\n+++ /dev/null\n")
        .doesNotContain("\u001b[")
        .containsPattern("diff: \\d+ file\\(s\\) would change in .*; nothing written");
    assertThat(Trees.snapshot(out)).isEqualTo(before);
  }

  @Test
  void aFirstRunShowsEveryFileAsNew() {
    Cli.Run r = gen(spec, out, "--diff");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("--- /dev/null\n+++ b/flake.nix\n@@ -0,0 +1,")
        .contains("+++ b/hosts/nuc/local.nix");
    assertThat(out).doesNotExist();
  }

  @Test
  void noChangeNoDiff() {
    assertThat(gen(spec, out).exit()).isZero();
    Cli.Run r = gen(spec, out, "--diff");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).doesNotContain("---").doesNotContain("@@").contains("diff: 0 file(s) would change");
  }

  @Test
  void thePatchTurnsTheFolderIntoWhatGenWrites() throws Exception {
    assumeTrue(onPath("patch"), "GNU patch is not installed");
    assertThat(gen(spec, out).exit()).isZero();
    Path changed = changed();
    Cli.Run r = gen(changed, out, "--diff");
    assertThat(r.exit()).as(r.all()).isZero();
    String patch = r.out().substring(0, r.out().lastIndexOf("diff: "));
    Path patchFile = Files.writeString(tmp.resolve("change.patch"), patch);

    Process p = new ProcessBuilder("patch", "-p1", "--forward", "--batch", "-i", patchFile.toString())
        .directory(out.toFile()).redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(said).isZero();

    Path fresh = tmp.resolve("fresh");
    assertThat(gen(changed, fresh).exit()).isZero();
    Map<String, String> patched = Trees.snapshot(out);
    Map<String, String> written = Trees.snapshot(fresh);
    patched.remove(Manifest.NAME);
    written.remove(Manifest.NAME);
    assertThat(patched).isEqualTo(written);
  }

  @Test
  void checkWithDiffShowsTheStaleFilesAndExitsThree() {
    assertThat(gen(spec, out).exit()).isZero();
    Trees.write(out, VAULTWARDEN, Trees.read(out, VAULTWARDEN) + "# mine\n");
    Map<String, String> before = Trees.snapshot(out);
    Cli.Run r = gen(spec, out, "--check", "--diff");
    assertThat(r.exit()).as(r.all()).isEqualTo(3);
    assertThat(r.out()).contains("--- a/" + VAULTWARDEN + "\n+++ b/" + VAULTWARDEN).contains("\n-# mine\n");
    assertThat(Trees.snapshot(out)).isEqualTo(before);
  }

  @Test
  void aHandEditIsRefusedAsGenWouldRefuseIt() {
    assertThat(gen(spec, out).exit()).isZero();
    Trees.write(out, VAULTWARDEN, Trees.read(out, VAULTWARDEN) + "# mine\n");
    Cli.Run r = gen(changed(), out, "--diff");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.all()).contains("HL0501");
    Cli.Run forced = gen(changed(), out, "--diff", "--force");
    assertThat(forced.exit()).as(forced.all()).isZero();
    assertThat(forced.out()).contains("-# mine");
  }

  @Test
  void colourWhenAskedAndNeverOtherwise() {
    assertThat(gen(spec, out).exit()).isZero();
    Cli.Run always = gen(changed(), out, "--diff", "--color", "always");
    assertThat(always.out()).contains("\u001b[1m--- a/" + VAULTWARDEN + "\u001b[m")
        .contains("\u001b[32m+      ROCKET_PORT = 8300;\u001b[m").containsPattern("\u001b\\[36m@@ -\\d+,\\d+ \\+\\d+,\\d+ @@");
    assertThat(gen(changed(), out, "--diff", "--color", "never").out()).doesNotContain("\u001b[");
    // Not a terminal (the run's output is a buffer): auto does not colour.
    assertThat(gen(changed(), out, "--diff").out()).doesNotContain("\u001b[");
    Cli.Run bad = gen(changed(), out, "--diff", "--color", "sometimes");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown value `sometimes`: use auto, always or never");
  }

  @Test
  void autoColoursOnlyATerminalWithoutNoColor() {
    assertThat(DiffPrinter.colour(DiffPrinter.When.AUTO, Map.of("TERM", "xterm"), true)).isTrue();
    assertThat(DiffPrinter.colour(DiffPrinter.When.AUTO, Map.of("TERM", "xterm"), false)).isFalse();
    assertThat(DiffPrinter.colour(DiffPrinter.When.AUTO, Map.of("TERM", "xterm", "NO_COLOR", "1"), true)).isFalse();
    // no-color.org: an empty NO_COLOR does not count.
    assertThat(DiffPrinter.colour(DiffPrinter.When.AUTO, Map.of("TERM", "xterm", "NO_COLOR", ""), true)).isTrue();
    assertThat(DiffPrinter.colour(DiffPrinter.When.AUTO, Map.of("TERM", "dumb"), true)).isFalse();
    assertThat(DiffPrinter.colour(DiffPrinter.When.ALWAYS, Map.of("NO_COLOR", "1"), false)).isTrue();
    assertThat(DiffPrinter.colour(DiffPrinter.When.NEVER, Map.of(), true)).isFalse();
  }

  @Test
  void aRemovedLineThatLooksLikeAHeaderIsPaintedAsARemoval() {
    List<String> lines = dev.homelab.emit.Diffs.diff("a/x", "b/x", "-- one\n", "++ two\n");
    assertThat(lines).containsExactly("--- a/x", "+++ b/x", "@@ -1,1 +1,1 @@", "--- one", "+++ two");
    StringWriter text = new StringWriter();
    new DiffPrinter(true).print(lines, new PrintWriter(text));
    assertThat(text.toString().lines()).containsExactly("\u001b[1m--- a/x\u001b[m", "\u001b[1m+++ b/x\u001b[m",
        "\u001b[36m@@ -1,1 +1,1 @@\u001b[m", "\u001b[31m--- one\u001b[m", "\u001b[32m+++ two\u001b[m");
  }

  @Test
  void emptyRangesStartAtTheLineBeforeAsDiffWritesThem() {
    assertThat(dev.homelab.emit.Diffs.diff("a/x", "b/x", "", "one\n")).contains("@@ -0,0 +1,1 @@");
    assertThat(dev.homelab.emit.Diffs.diff("a/x", "b/x", "one\n", "")).contains("@@ -1,1 +0,0 @@");
    assertThat(dev.homelab.emit.Diffs.diff("a/x", "b/x", "a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\nnew\ne\nf\ng\nh\n"))
        .containsExactly("--- a/x", "+++ b/x", "@@ -2,6 +2,7 @@", " b", " c", " d", "+new", " e", " f", " g");
  }

  @Test
  void aLastLineWithoutItsNewlineIsMarked() {
    assertThat(dev.homelab.emit.Diffs.diff("a/x", "b/x", "same\nold", "same\nold\n"))
        .containsExactly("--- a/x", "+++ b/x", "@@ -1,2 +1,2 @@", " same", "-old", "\\ No newline at end of file", "+old");
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
