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
 * old_roots/&lt;its last change&gt;, old roots past keepOldRoots are deleted (their nested
 * subvolumes first), an empty @ is created, in that order, between mount and umount.
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
    Files.deleteIfExists(log);
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", script);
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

  @Test
  void movesTheRootAsideDeletesExpiredRootsAndCreatesAnEmptyOne() throws Exception {
    NixTool.require();
    String script = script(30, false);
    assertThat(script).isEqualTo(script(30, true));

    Path root = subvolume("@", 0);
    Files.writeString(root.resolve("junk"), "left by the last boot");
    subvolume("@/var/lib/machines", 0);
    Instant rootChanged = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    Files.setLastModifiedTime(root, FileTime.from(rootChanged));
    subvolume("old_roots/2026-01-01_00:00:00/srv/nested", 40);
    subvolume("old_roots/2026-01-01_00:00:00", 40);
    subvolume("old_roots/recent", 29);
    subvolume("@persist", 0);
    Files.writeString(top.resolve("@persist/keep"), "state");

    assertThat(run(script)).as(output).isZero();

    String stamp = STAMP.format(rootChanged);
    assertThat(top.resolve("old_roots/" + stamp + "/junk")).hasContent("left by the last boot");
    assertThat(top.resolve("old_roots/" + stamp + "/var/lib/machines/.subvol")).exists();
    assertThat(top.resolve("old_roots/2026-01-01_00:00:00")).doesNotExist();
    assertThat(top.resolve("old_roots/recent")).exists();
    try (var files = Files.list(top.resolve("@"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(".subvol");
    }
    assertThat(top.resolve("@persist/keep")).hasContent("state");
    assertThat(log()).containsExactly(
        "mount -t btrfs -o subvolid=5 /dev/mapper/cryptroot",
        "btrfs subvolume delete old_roots/2026-01-01_00:00:00/srv/nested",
        "btrfs subvolume delete old_roots/2026-01-01_00:00:00",
        "btrfs subvolume create @",
        "umount");
    assertThat(Files.list(tmp.resolve("tmp")).count()).as("the mount point is removed").isZero();

    // The next boot moves the fresh root aside too, and keeps it.
    assertThat(run(script)).as(output).isZero();
    try (var files = Files.list(top.resolve("old_roots"))) {
      assertThat(files.count()).isEqualTo(3);
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
    assertThat(log().get(log().size() - 2)).isEqualTo("btrfs subvolume create @");
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
