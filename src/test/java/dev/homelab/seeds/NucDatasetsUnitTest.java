package dev.homelab.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.FakeZfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NUC's datasets unit, as generated from examples/nuc-homelab.yaml, run against the fake
 * zfs with its mountpoints moved under a test folder: Nextcloud's tmpfiles rules put a link
 * into the Nix store at {@code /data/nextcloud/config/override.config.php} before the unit
 * runs; neither on the first switch (nothing created yet) nor on a later boot (zfs-mount
 * mounted {@code nextcloud}, the link is in it, {@code nextcloud/config} is new) may that
 * stop the unit, which the database, Vaultwarden, Immich, Jellyfin and the *arr stack require.
 */
class NucDatasetsUnitTest {

  static final String STORE_LINK = "/nix/store/0123456789abcdfghijklmnpqrsvwxyz-override.config.php";

  @TempDir
  static Path generated;

  static String unit;

  @BeforeAll
  static void generate() throws Exception {
    Path out = generated.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", "examples/nuc-homelab.yaml", "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    unit = new FakeZfs(generated.resolve("eval")).script(out.resolve("hosts/nuc/datasets.nix"));
  }

  @TempDir
  Path tmp;

  Path root;
  String script;

  @BeforeEach
  void underATestRoot() throws Exception {
    root = Files.createDirectories(tmp.resolve("root"));
    // Every absolute path the script names, below the test's root instead of /.
    script = unit.replace("mountpoint=/", "mountpoint=" + root + "/")
        .replace("install -d -m 0700 /var/lib/private", "install -d -m 0700 " + root + "/var/lib/private");
    assertThat(script).isNotEqualTo(unit).doesNotContainPattern("(mountpoint=|0700 )/(data|var|backups)\\b");
  }

  /** Nextcloud's module's rules for its config folder (the module's home is /data/nextcloud). */
  void nextcloudRules(FakeZfs zfs) throws Exception {
    Path config = root.resolve("data/nextcloud/config");
    zfs.tmpfilesRules("d " + config + " 0750 nextcloud nextcloud - -",
        "L+ " + config.resolve("override.config.php") + " - - - - " + STORE_LINK);
  }

  /** As systemd-tmpfiles makes it: the config folder and the link. */
  void linkMadeByTmpfiles() throws Exception {
    Path config = Files.createDirectories(root.resolve("data/nextcloud/config"));
    Files.deleteIfExists(config.resolve("override.config.php"));
    Files.createSymbolicLink(config.resolve("override.config.php"), Path.of(STORE_LINK));
  }

  void everyDatasetWithAMountpointIsMounted(FakeZfs zfs) throws Exception {
    Matcher m = Pattern.compile("(?m)^ensure (\\S+) ").matcher(script);
    int n = 0;
    while (m.find()) {
      String d = m.group(1);
      boolean none = d.equals("storagepool/services");
      assertThat(zfs.mounted(d)).as(d).isEqualTo(!none);
      n++;
    }
    assertThat(n).as("datasets of the NUC").isEqualTo(35);
  }

  @Test
  void theFirstSwitchMountsNextcloudOverItsStoreLinkAndMakesItAgainOnTheDataset() throws Exception {
    FakeZfs zfs = new FakeZfs(tmp.resolve("first"));
    zfs.existing("storagepool");
    nextcloudRules(zfs);
    linkMadeByTmpfiles();

    assertThat(zfs.run(script)).as(zfs.output()).isZero();
    everyDatasetWithAMountpointIsMounted(zfs);
    assertThat(zfs.log()).containsSubsequence("zfs mount storagepool/nextcloud",
        "systemd-tmpfiles --create --prefix=" + root.resolve("data/nextcloud"), "zfs mount storagepool/nextcloud/config");
    assertThat(Files.readSymbolicLink(root.resolve("data/nextcloud/config/override.config.php"))).isEqualTo(Path.of(STORE_LINK));
  }

  @Test
  void aLaterBootCreatesNextcloudsConfigDatasetOverTheLinkTmpfilesPutIntoTheMountedParent() throws Exception {
    FakeZfs zfs = new FakeZfs(tmp.resolve("boot"));
    zfs.existing("storagepool");
    zfs.existing("storagepool/nextcloud", "mountpoint=" + root.resolve("data/nextcloud"), "compression=lz4", "atime=off");
    zfs.mount("storagepool/nextcloud");
    nextcloudRules(zfs);
    linkMadeByTmpfiles();

    assertThat(zfs.run(script)).as(zfs.output()).isZero();
    everyDatasetWithAMountpointIsMounted(zfs);
    assertThat(zfs.log()).contains("zfs create -u -o refquota=5G -o recordsize=128K storagepool/nextcloud/config")
        .containsSubsequence("zfs mount storagepool/nextcloud/config",
            "systemd-tmpfiles --create --prefix=" + root.resolve("data/nextcloud/config"));
    assertThat(Files.readSymbolicLink(root.resolve("data/nextcloud/config/override.config.php"))).isEqualTo(Path.of(STORE_LINK));
  }
}
