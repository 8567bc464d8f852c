package dev.homelab.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Examples;
import dev.homelab.testing.Outputs;
import dev.homelab.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run that fails (or is killed) after any number of file operations leaves every file
 * entirely old or entirely new, keeps the old manifest, and the next plain gen repairs
 * the folder into exactly what a fresh gen writes.
 */
class CrashRecoveryTest {

  private static final Path NUC = Examples.DIR.resolve("nuc-homelab.yaml");

  /** Optional tier off, default ports: five service files fewer, several files differ. */
  private static final String[] SMALL = {"--set", "tiers.optional.enabled=false"};
  /** Everything on and vaultwarden moved: creates, updates, and (the other way) removals. */
  private static final String[] BIG = {"--set", "hosts.nuc.services.vaultwarden.port=8300"};

  @TempDir
  Path tmp;

  /** Fails the operation with number {@code failAt} (1-based), counting writes, deletes and copies. */
  static final class CrashingOps extends FileOps {

    private final int failAt;
    private final boolean leaveTemp;
    int count;

    CrashingOps(int failAt, boolean leaveTemp) {
      this.failAt = failAt;
      this.leaveTemp = leaveTemp;
    }

    private void tick() throws IOException {
      if (++count == failAt) {
        throw new IOException("simulated crash at operation " + count);
      }
    }

    @Override
    public void write(Path target, byte[] bytes) throws IOException {
      if (count + 1 == failAt && leaveTemp) {
        // Killed after part of the temporary file was written, before the rename.
        Files.createDirectories(target.getParent());
        Files.write(target.resolveSibling(TEMP_PREFIX + target.getFileName()),
            java.util.Arrays.copyOf(bytes, bytes.length / 2));
      }
      tick();
      super.write(target, bytes);
    }

    @Override
    public void delete(Path target) throws IOException {
      tick();
      super.delete(target);
    }

    @Override
    public void keepOld(Path target) throws IOException {
      tick();
      super.keepOld(target);
    }
  }

  static Stream<Arguments> transitions() {
    return Stream.of(
        Arguments.of("small to big", SMALL, BIG, false),
        Arguments.of("big to small", BIG, SMALL, false),
        Arguments.of("small to big, killed mid-temp-file", SMALL, BIG, true),
        Arguments.of("big to small, killed mid-temp-file", BIG, SMALL, true));
  }

  private static String[] genArgs(Path out, String[] sets) {
    List<String> args = new ArrayList<>(List.of("gen", "-f", NUC.toString(), "-o", out.toString()));
    args.addAll(List.of(sets));
    return args.toArray(String[]::new);
  }

  private static void gen(Path out, String[] sets) {
    Cli.Run r = Cli.run(genArgs(out, sets));
    assertThat(r.exit()).as(r.all()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transitions")
  void aCrashAfterAnyOperationLeavesOldOrNewFilesAndTheNextGenRepairs(String name, String[] from, String[] to,
      boolean leaveTemp) throws Exception {
    Path fresh = tmp.resolve("fresh");
    gen(fresh, to);
    Map<String, String> newTree = Trees.snapshot(fresh);
    List<OutputFile> files = Outputs.render(NUC, to[1]);

    // How many operations a run that does not fail makes.
    Path probe = tmp.resolve("probe");
    gen(probe, from);
    CrashingOps counting = new CrashingOps(Integer.MAX_VALUE, false);
    new Emitter(probe, counting).generate(files, false, false);
    int total = counting.count;
    assertThat(total).as("operations of a full run").isGreaterThan(5);
    assertThat(Trees.snapshot(probe)).isEqualTo(newTree);

    for (int k = 1; k <= total; k++) {
      Path out = tmp.resolve("crash-" + k);
      gen(out, from);
      Map<String, String> oldTree = Trees.snapshot(out);
      assertThat(oldTree).isNotEqualTo(newTree);

      Emitter emitter = new Emitter(out, new CrashingOps(k, leaveTemp));
      int failAt = k;
      assertThatThrownBy(() -> emitter.generate(files, false, false)).as("crash at %d of %d", failAt, total)
          .isInstanceOf(IOException.class);

      Map<String, String> after = Trees.snapshot(out);
      TreeSet<String> paths = new TreeSet<>(after.keySet());
      paths.addAll(oldTree.keySet());
      paths.addAll(newTree.keySet());
      for (String p : paths) {
        if (p.equals(Manifest.NAME)) {
          continue;
        }
        if (p.substring(p.lastIndexOf('/') + 1).startsWith(FileOps.TEMP_PREFIX)) {
          assertThat(leaveTemp).as("temp file %s after crash at %d", p, k).isTrue();
          continue;
        }
        assertThat(after.get(p)).as("%s after crash at %d of %d", p, k, total)
            .isIn(oldTree.get(p), newTree.get(p));
      }
      // The manifest is the old one, or the old one with the run's new hashes pending.
      Manifest before = Manifest.parse(oldTree.get(Manifest.NAME));
      Manifest interim = Manifest.parse(after.get(Manifest.NAME));
      assertThat(interim.hashes()).as("manifest after crash at %d", k).isEqualTo(before.hashes());
      for (String p : after.keySet()) {
        if (before.paths().contains(p) || newTree.containsKey(p) && interim.paths().contains(p)) {
          assertThat(interim.accepts(p, Manifest.sha256(after.get(p)))).as("%s is ours after crash at %d", p, k).isTrue();
        }
      }

      Cli.Run repair = Cli.run(genArgs(out, to));
      assertThat(repair.exit()).as("repair after crash at %d: %s", k, repair.all()).isZero();
      assertThat(Trees.snapshot(out)).as("repaired tree after crash at %d", k).isEqualTo(newTree);
    }
  }

  @org.junit.jupiter.api.Test
  void aCrashFollowedByAnotherSpecChangeIsRepairedWithoutForce() throws Exception {
    String[] third = {"--set", "hosts.nuc.services.vaultwarden.port=8400"};
    Path fresh = tmp.resolve("fresh-third");
    gen(fresh, third);
    Map<String, String> thirdTree = Trees.snapshot(fresh);
    List<OutputFile> files = Outputs.render(NUC, BIG[1]);
    Path probe = tmp.resolve("probe-third");
    gen(probe, SMALL);
    CrashingOps counting = new CrashingOps(Integer.MAX_VALUE, false);
    new Emitter(probe, counting).generate(files, false, false);
    for (int k = 1; k <= counting.count; k++) {
      Path out = tmp.resolve("third-" + k);
      gen(out, SMALL);
      Emitter emitter = new Emitter(out, new CrashingOps(k, false));
      assertThatThrownBy(() -> emitter.generate(files, false, false)).isInstanceOf(IOException.class);
      // The spec changed again before the next run: the half-done files are still ours.
      Cli.Run repair = Cli.run(genArgs(out, third));
      assertThat(repair.exit()).as("gen after crash at %d: %s", k, repair.all()).isZero();
      assertThat(Trees.snapshot(out)).as("tree after crash at %d", k).isEqualTo(thirdTree);
    }
  }

  @org.junit.jupiter.api.Test
  void aCrashUnderForceNeverLosesTheHandEditedCopy() throws Exception {
    String edited = "hosts/nuc/services/vaultwarden.nix";
    Path fresh = tmp.resolve("fresh");
    gen(fresh, BIG);
    Map<String, String> newTree = Trees.snapshot(fresh);
    List<OutputFile> files = Outputs.render(NUC, BIG[1]);

    Path probe = tmp.resolve("probe");
    gen(probe, SMALL);
    String mine = Trees.read(probe, edited) + "# mine\n";
    Trees.write(probe, edited, mine);
    CrashingOps counting = new CrashingOps(Integer.MAX_VALUE, false);
    new Emitter(probe, counting).generate(files, true, false);
    int total = counting.count;

    Map<String, String> expected = new java.util.TreeMap<>(newTree);
    expected.put(edited + ".homelab-old", mine);
    assertThat(Trees.snapshot(probe)).isEqualTo(expected);

    for (int k = 1; k <= total; k++) {
      Path out = tmp.resolve("force-crash-" + k);
      gen(out, SMALL);
      Trees.write(out, edited, mine);
      Emitter emitter = new Emitter(out, new CrashingOps(k, true));
      assertThatThrownBy(() -> emitter.generate(files, true, false)).isInstanceOf(IOException.class);

      // The hand-edited content survives somewhere: in place, or in the kept copy.
      Map<String, String> after = Trees.snapshot(out);
      assertThat(List.of(String.valueOf(after.get(edited)), String.valueOf(after.get(edited + ".homelab-old"))))
          .as("crash at %d", k).contains(mine);
      assertThat(after.get(edited)).as("crash at %d", k).isIn(mine, newTree.get(edited));

      List<String> args = new ArrayList<>(List.of(genArgs(out, BIG)));
      args.add("--force");
      Cli.Run repair = Cli.run(args.toArray(String[]::new));
      assertThat(repair.exit()).as("repair after crash at %d: %s", k, repair.all()).isZero();
      assertThat(Trees.snapshot(out)).as("repaired tree after crash at %d", k).isEqualTo(expected);
    }
  }
}
