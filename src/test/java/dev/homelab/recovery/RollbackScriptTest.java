package dev.homelab.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import dev.homelab.testing.Specs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated root rollback, as Nix evaluates it from impermanence.nix, run by a POSIX
 * shell (dash, close to the initrd's busybox ash) against a fake btrfs, mount and umount over
 * a directory standing for the top of the file system: the old root goes to
 * old_roots/&lt;the time it is retired&gt;, an empty @ is created, then old roots retired
 * more than keepOldRoots days ago are deleted (their nested subvolumes first), never the one
 * just retired, between mount and umount. It runs under dash and under bash -e (as systemd
 * runs a unit's script), and a failing delete never fails it.
 */
class RollbackScriptTest {

  static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH:mm:ss").withZone(ZoneOffset.UTC);

  @TempDir
  Path tmp;

  Path top;
  Path bin;
  Path log;

  @BeforeEach
  void fakes() throws Exception {
    top = Files.createDirectories(tmp.resolve("top"));
    bin = Files.createDirectories(tmp.resolve("bin"));
    log = tmp.resolve("log");
    for (String tool : List.of("btrfs", "mount", "umount")) {
      Path target = bin.resolve(tool);
      Files.copy(Path.of("src/test/resources/fake-btrfs", tool), target);
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  /** The rollback script of a host whose BTRFS root keeps old roots {@code keep} days. */
  String script(int keep, boolean systemd) throws Exception {
    String spec = Specs.MINIMAL.replace("    hostId: 8425e349\n", "    hostId: 8425e349\n    impermanence:\n      btrfs:\n"
        + "        device: /dev/disk/by-id/nvme-Samsung_SSD_980_PRO_1TB_S5GXNF0R123456X\n        keepOldRoots: " + keep + "\n");
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    Path eval = tmp.resolve("script.nix");
    String module = "(import " + out.resolve("hosts/nuc/impermanence.nix")
        + " { config.boot.initrd.systemd.enable = " + systemd + "; lib.mkIf = c: v: if c then v else null; })";
    Files.writeString(eval, module + (systemd ? ".boot.initrd.systemd.services.homelab-rollback.script" : ".boot.initrd.postResumeCommands") + "\n");
    NixTool.Result r = NixTool.evalJson(eval);
    assertThat(r.exit()).as(r.err()).isZero();
    return new ObjectMapper().readValue(r.out(), String.class);
  }

  String output;

  int run(String script, String... env) throws Exception {
    return run(List.of("sh", "-c"), script, env);
  }

  /** Runs the script as systemd's initrd runs a unit's script: bash with -e. */
  int runBashE(String script, String... env) throws Exception {
    return run(List.of("bash", "-e", "-c"), script, env);
  }

  int run(List<String> shell, String script, String... env) throws Exception {
    Files.deleteIfExists(log);
    List<String> command = new java.util.ArrayList<>(shell);
    command.add(script);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("FAKE_BTRFS_TOP", top.toString());
    pb.environment().put("FAKE_BTRFS_LOG", log.toString());
    pb.environment().put("TMPDIR", Files.createDirectories(tmp.resolve("tmp")).toString());
    pb.environment().put("TZ", "UTC");
    for (int i = 0; i < env.length; i += 2) {
      pb.environment().put(env[i], env[i + 1]);
    }
    pb.redirectErrorStream(true);
    Process p = pb.start();
    output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  List<String> log() throws Exception {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  /** A subvolume at {@code rel} below the top, last changed {@code daysAgo} days ago. */
  Path subvolume(String rel, int daysAgo) throws Exception {
    Path dir = Files.createDirectories(top.resolve(rel));
    Files.writeString(dir.resolve(".subvol"), "");
    Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minus(daysAgo, ChronoUnit.DAYS)));
    return dir;
  }

  /** The single entry of old_roots/ named like a time between {@code from} and now. */
  Path retiredSince(Instant from) throws Exception {
    try (var files = Files.list(top.resolve("old_roots"))) {
      List<Path> retired = files.filter(p -> {
        String name = p.getFileName().toString();
        return name.matches("\\d{4}-\\d\\d-\\d\\d_\\d\\d:\\d\\d:\\d\\d")
            && name.compareTo(STAMP.format(from)) >= 0 && name.compareTo(STAMP.format(Instant.now())) <= 0;
      }).toList();
      assertThat(retired).hasSize(1);
      return retired.get(0);
    }
  }

  @Test
  void movesTheRootAsideCreatesAnEmptyOneAndDeletesExpiredRoots() throws Exception {
    NixTool.require();
    String script = script(30, false);
    assertThat(script).isEqualTo(script(30, true));

    // The root has not changed for 40 days (a host up that long): it is retired now, and kept.
    Path root = subvolume("@", 40);
    Files.writeString(root.resolve("junk"), "left by the last boot");
    subvolume("@/var/lib/machines", 0);
    Files.setLastModifiedTime(root, FileTime.from(Instant.now().minus(40, ChronoUnit.DAYS)));
    subvolume("old_roots/2026-01-01_00:00:00/srv/nested", 40);
    subvolume("old_roots/2026-01-01_00:00:00", 40);
    subvolume("old_roots/recent", 29);
    subvolume("@persist", 0);
    Files.writeString(top.resolve("@persist/keep"), "state");

    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    assertThat(run(script)).as(output).isZero();

    Path retired = retiredSince(before);
    assertThat(retired.resolve("junk")).hasContent("left by the last boot");
    assertThat(retired.resolve("var/lib/machines/.subvol")).exists();
    assertThat(Files.getLastModifiedTime(retired).toInstant()).as("dated by its retirement").isAfterOrEqualTo(before);
    assertThat(top.resolve("old_roots/2026-01-01_00:00:00")).doesNotExist();
    assertThat(top.resolve("old_roots/recent")).exists();
    try (var files = Files.list(top.resolve("@"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(".subvol");
    }
    assertThat(top.resolve("@persist/keep")).hasContent("state");
    assertThat(log()).containsExactly(
        "mount -t btrfs -o subvolid=5 /dev/mapper/cryptroot",
        "btrfs subvolume create @",
        "btrfs subvolume delete old_roots/2026-01-01_00:00:00/srv/nested",
        "btrfs subvolume delete old_roots/2026-01-01_00:00:00",
        "umount");
    assertThat(Files.list(tmp.resolve("tmp")).count()).as("the mount point is removed").isZero();

    // The next boot moves the fresh root aside too, and keeps it (under another name, even in
    // the same second).
    assertThat(runBashE(script)).as(output).isZero();
    try (var files = Files.list(top.resolve("old_roots"))) {
      assertThat(files.count()).isEqualTo(3);
    }
  }

  static void deleteTree(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @Test
  void theRootJustRetiredIsKeptEvenWhenTheClockSaysItIsOld() throws Exception {
    NixTool.require();
    String script = script(14, true);
    subvolume("@", 100);
    subvolume("old_roots/2025-01-01_00:00:00", 100);
    // A clock far ahead at boot: everything looks expired, yet the root just retired stays.
    Path fakeDate = bin.resolve("date");
    Files.writeString(fakeDate, "#!/bin/sh\nif [ \"$1\" = +%s ]; then echo $(( $(/bin/date +%s) + 400 * 86400 )); else /bin/date \"$@\"; fi\n");
    Files.setPosixFilePermissions(fakeDate, PosixFilePermissions.fromString("rwxr-xr-x"));
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    assertThat(runBashE(script)).as(output).isZero();
    assertThat(retiredSince(before)).exists();
    assertThat(top.resolve("old_roots/2025-01-01_00:00:00")).doesNotExist();
  }

  @Test
  void aFailingDeleteNeverStopsTheRootFromBeingCreated() throws Exception {
    NixTool.require();
    for (int keep : List.of(30, 0)) {
      String script = script(keep, true);
      for (boolean bash : List.of(true, false)) {
        for (String dir : List.of("@", "old_roots", "tmp")) {
          deleteTree(top.resolve(dir));
          deleteTree(tmp.resolve(dir));
        }
        subvolume("@", 1);
        subvolume("old_roots/2026-01-01_00:00:00/srv/nested", 40);
        subvolume("old_roots/2026-01-01_00:00:00", 40);
        int exit = bash ? runBashE(script, "FAKE_BTRFS_DELETE_FAILS", "1") : run(script, "FAKE_BTRFS_DELETE_FAILS", "1");
        assertThat(exit).as((bash ? "bash -e, " : "sh, ") + "keep " + keep + ": " + output).isZero();
        assertThat(top.resolve("@/.subvol")).as(output).exists();
        assertThat(output).contains("homelab-rollback: could not delete");
        assertThat(log()).contains("btrfs subvolume create @").last().isEqualTo("umount");
        assertThat(top.resolve("old_roots/2026-01-01_00:00:00")).exists();
      }
    }
  }

  @Test
  void keepingNoOldRootsDeletesThemAll() throws Exception {
    NixTool.require();
    String script = script(0, false);
    subvolume("@", 0);
    subvolume("old_roots/recent", 1);
    assertThat(run(script)).as(output).isZero();
    try (var files = Files.list(top.resolve("old_roots"))) {
      assertThat(files.toList()).isEmpty();
    }
    assertThat(log()).first().asString().startsWith("mount ");
    assertThat(log()).last().isEqualTo("umount");
    assertThat(log()).filteredOn(l -> l.startsWith("btrfs subvolume delete")).hasSize(2);
    assertThat(log().get(1)).isEqualTo("btrfs subvolume create @");
  }

  @Test
  void aFirstBootWithoutARootOnlyCreatesIt() throws Exception {
    NixTool.require();
    assertThat(run(script(30, false))).as(output).isZero();
    assertThat(log()).containsExactly("mount -t btrfs -o subvolid=5 /dev/mapper/cryptroot", "btrfs subvolume create @", "umount");
    assertThat(top.resolve("@/.subvol")).exists();
  }

  @Test
  void aFailedMountTouchesNothingAndDoesNotStopTheBoot() throws Exception {
    NixTool.require();
    Path root = subvolume("@", 3);
    Files.writeString(root.resolve("junk"), "x");
    // Inline in the scripted initrd an exit would end stage 1: the script must fall through.
    assertThat(run(script(30, false) + "\necho still-booting\n", "FAKE_BTRFS_MOUNT_FAILS", "1")).isZero();
    assertThat(output).contains("still-booting");
    assertThat(root.resolve("junk")).exists();
    assertThat(log()).containsExactly("mount -t btrfs -o subvolid=5 /dev/mapper/cryptroot");
  }
}
