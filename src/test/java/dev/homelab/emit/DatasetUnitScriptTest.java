package dev.homelab.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.FakeZfs;
import dev.homelab.testing.NixTool;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated dataset unit's script, as Nix evaluates it, run against a fake zfs that mounts
 * like OpenZFS 2.2 (a mount hides what the folder held; {@code zfs set mountpoint} and
 * {@code zfs create} without {@code -u} mount): it creates missing datasets unmounted with
 * their properties, sets only differing properties without mounting, never covers a folder
 * holding data (empty folders and links into the Nix store are none), applies the tmpfiles
 * rules again under what it mounted, and does nothing on a second run.
 */
class DatasetUnitScriptTest {

  @TempDir
  Path tmp;

  FakeZfs zfs;

  @BeforeEach
  void fakes() {
    zfs = new FakeZfs(tmp);
  }

  String spec(boolean withExtra) {
    return spec(withExtra ? "          data/later: { quota: 2G }\n" : "");
  }

  /** The test pool's datasets, and {@code more} lines of datasets after them. */
  String spec(String more) {
    String data = tmp.resolve("mnt/data").toString();
    String datasets = "        datasets:\n"
        + "          data: { mountpoint: " + data + ", compression: lz4, atime: off }\n"
        + "          data/photos: { quota: 1G, recordsize: 1M, owner: \"root:root\" }\n"
        + "          box: { mountpoint: none }\n"
        + "          box/inner: { mountpoint: " + tmp.resolve("mnt/inner") + " }\n"
        + more;
    return Specs.MINIMAL.replaceAll("(?s)        datasets:\n          vaultwarden: \\{ quota: 2G \\}\n", datasets)
        .replace("vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden }", "vaultwarden: { tier: critical }");
  }

  String script(String specText) throws Exception {
    Path file = Specs.write(tmp, "lab.yaml", specText);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    return zfs.script(out.resolve("hosts/nuc/datasets.nix"));
  }

  int runScript(String script) throws Exception {
    return zfs.run(script);
  }

  String output() {
    return zfs.output();
  }

  List<String> log() throws Exception {
    return zfs.log();
  }

  String prop(String dataset, String key) throws Exception {
    return zfs.prop(dataset, key);
  }

  boolean mounted(String dataset) {
    return zfs.mounted(dataset);
  }

  void existing(String dataset, String... props) throws Exception {
    zfs.existing(dataset, props);
  }

  @Test
  void createsWithItsPropertiesUnmountedThenMountsAndDoesNothingTheSecondTime() throws Exception {
    NixTool.require();
    existing("tank");
    String script = script(spec(false));

    assertThat(runScript(script)).as(output()).isZero();
    // Each new dataset is created with its properties at once, unmounted; nothing is set afterwards.
    assertThat(log()).contains(
        "zfs create -u -o mountpoint=" + tmp.resolve("mnt/data") + " -o compression=lz4 -o atime=off tank/data",
        "zfs create -u -o refquota=1G -o recordsize=1M tank/data/photos",
        "zfs create -u -o mountpoint=none -o canmount=off tank/box",
        "zfs mount tank/data/photos",
        "systemd-tmpfiles --create --prefix=" + tmp.resolve("mnt/data/photos"),
        "chown root:root " + tmp.resolve("mnt/data/photos"));
    assertThat(log()).noneMatch(l -> l.startsWith("zfs set") || l.equals("zfs mount tank/box"));
    assertThat(prop("tank/box", "canmount")).isEqualTo("off");
    assertThat(prop("tank/data", "atime")).isEqualTo("off");
    assertThat(mounted("tank/box/inner")).isTrue();
    assertThat(Files.isDirectory(tmp.resolve("mnt/inner"))).isTrue();

    assertThat(runScript(script)).isZero();
    assertThat(log()).noneMatch(l -> l.startsWith("zfs create") || l.startsWith("zfs set") || l.startsWith("zfs mount ")
        || l.startsWith("systemd-tmpfiles"));
  }

  String withAutotrim(String value) {
    return spec(false).replace("        size: 4T\n", "        size: 4T\n" + (value == null ? "" : "        autotrim: " + value + "\n"));
  }

  String autotrim() throws Exception {
    Path p = zfs.state.resolve("pools-props/tank/autotrim");
    return Files.exists(p) ? Files.readString(p).trim() : "off";
  }

  @Test
  void autotrimOnAnExistingPoolIsSetOnlyWhenItDiffers() throws Exception {
    NixTool.require();
    existing("tank");
    String script = script(withAutotrim("true"));
    assertThat(script).contains("pool_prop tank autotrim on\n");

    assertThat(runScript(script)).as(output()).isZero();
    assertThat(log()).contains("zpool get -H -o value autotrim tank", "zpool set autotrim=on tank");
    assertThat(autotrim()).isEqualTo("on");

    assertThat(runScript(script)).isZero();
    assertThat(log()).contains("zpool get -H -o value autotrim tank").noneMatch(l -> l.startsWith("zpool set"));
  }

  @Test
  void autotrimLeftOutLeavesThePoolAloneAndFalseTurnsItOff() throws Exception {
    NixTool.require();
    existing("tank");
    Files.createDirectories(zfs.state.resolve("pools-props/tank"));
    Files.writeString(zfs.state.resolve("pools-props/tank/autotrim"), "on\n");

    String unset = script(withAutotrim(null));
    assertThat(unset).doesNotContain("pool_prop", "zpool");
    assertThat(runScript(unset)).isZero();
    assertThat(log()).noneMatch(l -> l.startsWith("zpool"));
    assertThat(autotrim()).isEqualTo("on");

    assertThat(runScript(script(withAutotrim("false")))).isZero();
    assertThat(log()).contains("zpool set autotrim=off tank");
    assertThat(autotrim()).isEqualTo("off");
  }

  @Test
  void aDatasetAddedLaterIsCreatedOnTheNextRun() throws Exception {
    NixTool.require();
    existing("tank");
    assertThat(runScript(script(spec(false)))).isZero();
    assertThat(runScript(script(spec(true)))).isZero();
    assertThat(log()).contains("zfs create -u -o refquota=2G tank/data/later", "zfs mount tank/data/later");
    assertThat(log()).noneMatch(l -> l.startsWith("zfs create -u -o refquota=1G"));
  }

  @Test
  void refusesToMountANewDatasetOverAFolderHoldingFiles() throws Exception {
    NixTool.require();
    existing("tank");
    Path inner = Files.createDirectories(tmp.resolve("mnt/inner"));
    Files.writeString(inner.resolve("IMG_0001.jpg"), "on the root disk");
    assertThat(runScript(script(spec(false)))).isNotZero();
    assertThat(output()).contains("refusing to mount tank/box/inner over " + inner + ": it holds files");
    assertThat(log()).contains("zfs create -u -o mountpoint=" + inner + " tank/box/inner")
        .noneMatch(l -> l.equals("zfs mount tank/box/inner"));
    assertThat(mounted("tank/box/inner")).isFalse();
    assertThat(Files.readString(inner.resolve("IMG_0001.jpg"))).isEqualTo("on the root disk");
  }

  @Test
  void anExistingDatasetUnderAMountpointNoneParentGetsItsMountpointWithoutBeingMountedOverFiles() throws Exception {
    NixTool.require();
    // Created earlier, below a parent that mounts nowhere: it has no mountpoint of its own yet.
    existing("tank");
    existing("tank/box", "mountpoint=none", "canmount=off");
    existing("tank/box/inner");
    Path inner = Files.createDirectories(tmp.resolve("mnt/inner"));
    Files.writeString(inner.resolve("config.db"), "the service's data on the root disk");
    String script = script(spec(false));

    assertThat(runScript(script)).isNotZero();
    assertThat(log()).contains("zfs set -u mountpoint=" + inner + " tank/box/inner")
        .noneMatch(l -> l.equals("zfs mount tank/box/inner"));
    assertThat(output()).contains("refusing to mount tank/box/inner over " + inner + ": it holds files");
    assertThat(prop("tank/box/inner", "mountpoint")).isEqualTo(inner.toString());
    assertThat(mounted("tank/box/inner")).isFalse();
    assertThat(Files.readString(inner.resolve("config.db"))).isEqualTo("the service's data on the root disk");

    Files.delete(inner.resolve("config.db"));
    assertThat(runScript(script)).as(output()).isZero();
    assertThat(log()).contains("zfs mount tank/box/inner").noneMatch(l -> l.startsWith("zfs set"));
    assertThat(mounted("tank/box/inner")).isTrue();
  }

  @Test
  void aChangedPropertyIsSetWithoutMountingAndAMovedDatasetIsRemountedAtItsNewPlace() throws Exception {
    NixTool.require();
    existing("tank");
    assertThat(runScript(script(spec(false)))).isZero();
    Files.writeString(tmp.resolve("mnt/data/photos/IMG_0001.jpg"), "on the dataset");

    String moved = spec(false).replace("data: { mountpoint: " + tmp.resolve("mnt/data") + ", compression: lz4",
        "data: { mountpoint: " + tmp.resolve("mnt/moved") + ", compression: zstd");
    assertThat(runScript(script(moved))).as(output()).isZero();
    // Set without mounting, then unmounted from its old place (its child with it), checked and mounted at the new one.
    assertThat(log()).containsSubsequence("zfs set -u mountpoint=" + tmp.resolve("mnt/moved") + " tank/data", "zfs unmount tank/data",
        "zfs mount tank/data", "zfs mount tank/data/photos");
    assertThat(mounted("tank/data/photos")).isTrue();
    assertThat(log()).contains("zfs set -u compression=zstd tank/data").noneMatch(l -> l.startsWith("zfs set compression"));
    assertThat(Files.readString(tmp.resolve("mnt/moved/photos/IMG_0001.jpg"))).isEqualTo("on the dataset");
  }

  String cloud() {
    return spec("          cloud: { mountpoint: " + tmp.resolve("mnt/cloud") + " }\n          cloud/config: {}\n");
  }

  @Test
  void linksIntoTheStoreAreNoDataAndTheTmpfilesRulesAreAppliedAgainOnTheMountedDatasets() throws Exception {
    NixTool.require();
    existing("tank");
    Path config = tmp.resolve("mnt/cloud/config");
    Path link = config.resolve("override.config.php");
    String store = "/nix/store/0123456789abcdfghijklmnpqrsvwxyz-override.config.php";
    // Nextcloud's module: its folder and a link into the store, made by tmpfiles at activation,
    // before the datasets exist.
    zfs.tmpfilesRules("d " + config + " 0750 nextcloud nextcloud - -", "L+ " + link + " - - - - " + store);
    Files.createDirectories(config);
    Files.createSymbolicLink(link, Path.of(store));

    assertThat(runScript(script(cloud()))).as(output()).isZero();
    assertThat(log()).containsSubsequence("zfs mount tank/cloud", "systemd-tmpfiles --create --prefix=" + tmp.resolve("mnt/cloud"),
        "zfs mount tank/cloud/config", "systemd-tmpfiles --create --prefix=" + config);
    assertThat(mounted("tank/cloud/config")).isTrue();
    // The link is where the module expects it: on the mounted dataset, made again.
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of(store));
    assertThat(Files.readSymbolicLink(zfs.hidden(tmp.resolve("mnt/cloud")).resolve("config/override.config.php"))).as("the root disk's link, hidden by the mount").isEqualTo(Path.of(store));
  }

  @Test
  void aLinkOutOfTheStoreIsData() throws Exception {
    NixTool.require();
    existing("tank");
    Path config = Files.createDirectories(tmp.resolve("mnt/cloud/config"));
    Files.createSymbolicLink(config.resolve("photos"), Path.of("/home/alice/photos"));
    assertThat(runScript(script(cloud()))).isNotZero();
    assertThat(output()).contains("refusing to mount tank/cloud over " + tmp.resolve("mnt/cloud") + ": it holds files");
    assertThat(mounted("tank/cloud")).isFalse();
  }

  @Test
  void tmpfilesLinesItCannotApplyAreWarningsLikeAtBootOtherFailuresStopTheUnit() throws Exception {
    NixTool.require();
    existing("tank");
    String script = script(spec(false));
    zfs.tmpfilesExit(73);
    assertThat(runScript(script)).as(output()).isZero();
    assertThat(output()).contains("some tmpfiles rules under " + tmp.resolve("mnt/data") + " failed (exit 73)");

    zfs.tmpfilesExit(1);
    assertThat(runScript(script(spec(true)))).isNotZero();
    assertThat(log()).contains("zfs mount tank/data/later").noneMatch(l -> l.startsWith("chown") && l.endsWith("/later"));
  }

  @Test
  void aContainerVolumeFolderOnADatasetIsMadeOnceItIsMounted() throws Exception {
    NixTool.require();
    existing("tank");
    Path folder = tmp.resolve("mnt/data/app");
    String spec = spec(false).replace("      immich: { tier: critical, claimed: true }\n", "      immich: { tier: critical, claimed: true }\n"
        + "      app: { kind: container, tier: critical, port: 8300, container: { image: ghcr.io/example/app:1.0, volumes: ["
        + folder + ":/data, /var/lib/app:/config] } }\n");
    String script = script(spec);
    assertThat(script).contains("install -d -o root -g root -m 0750 " + folder + "\n").doesNotContain("/var/lib/app");

    assertThat(runScript(script)).as(output()).isZero();
    assertThat(log()).containsSubsequence("zfs mount tank/data", "install -d -o root -g root -m 0750 " + folder);
    assertThat(mounted("tank/data")).isTrue();
    assertThat(Files.isDirectory(folder)).isTrue();
    // On the dataset: unmounting it takes the folder along.
    assertThat(runScript("zfs unmount tank/data")).isZero();
    assertThat(folder).doesNotExist();
  }
}
