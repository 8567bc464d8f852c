package dev.homelab.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import dev.homelab.testing.Specs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated dataset unit's script, as Nix evaluates it, run against a fake zfs: it
 * creates missing datasets unmounted, sets only differing properties, mounts, never covers a
 * non-empty folder, and does nothing on a second run.
 */
class DatasetUnitScriptTest {

  @TempDir
  Path tmp;

  Path state;
  Path bin;

  @BeforeEach
  void fakes() throws Exception {
    state = Files.createDirectories(tmp.resolve("state"));
    Files.createDirectories(state.resolve("ds"));
    bin = Files.createDirectories(tmp.resolve("bin"));
    for (String tool : List.of("zfs", "zpool", "chown")) {
      Path target = bin.resolve(tool);
      Files.copy(Path.of("src/test/resources/fake-zfs", tool), target);
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  String spec(boolean withExtra) {
    String data = tmp.resolve("mnt/data").toString();
    String datasets = "        datasets:\n"
        + "          data: { mountpoint: " + data + ", compression: lz4, atime: off }\n"
        + "          data/photos: { quota: 1G, recordsize: 1M, owner: \"root:root\" }\n"
        + "          box: { mountpoint: none }\n"
        + "          box/inner: { mountpoint: " + tmp.resolve("mnt/inner") + " }\n"
        + (withExtra ? "          data/later: { quota: 2G }\n" : "");
    return Specs.MINIMAL.replaceAll("(?s)        datasets:\n          vaultwarden: \\{ quota: 2G \\}\n", datasets)
        .replace("vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden }", "vaultwarden: { tier: critical }");
  }

  String script(String specText) throws Exception {
    Path file = Specs.write(tmp, "lab.yaml", specText);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    Path eval = tmp.resolve("script.nix");
    Files.writeString(eval, "(import " + out.resolve("hosts/nuc/datasets.nix")
        + " { pkgs = { coreutils = null; findutils = null; }; config = { boot.zfs.package = null; }; })"
        + ".systemd.services.homelab-datasets.script\n");
    NixTool.Result r = NixTool.evalJson(eval);
    assertThat(r.exit()).as(r.err()).isZero();
    return new ObjectMapper().readValue(r.out(), String.class);
  }

  int runScript(String script) throws Exception {
    Files.deleteIfExists(state.resolve("log"));
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("FAKE_ZFS_STATE", state.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Files.writeString(tmp.resolve("output"), output);
    return p.exitValue();
  }

  List<String> log() throws Exception {
    Path log = state.resolve("log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  String prop(String dataset, String key) throws Exception {
    Path p = state.resolve("ds").resolve(dataset.replace("/", "%")).resolve(key);
    return Files.exists(p) ? Files.readString(p) : null;
  }

  @Test
  void createsTunesAndMountsThenDoesNothingTheSecondTime() throws Exception {
    NixTool.require();
    Files.createDirectories(state.resolve("ds/tank"));
    String script = script(spec(false));

    assertThat(runScript(script)).as(Files.readString(tmp.resolve("output"))).isZero();
    assertThat(log()).contains("zfs create -u tank/data", "zfs create -u tank/data/photos", "zfs create -u tank/box",
        "zfs set refquota=1G tank/data/photos", "zfs set recordsize=1M tank/data/photos", "zfs mount tank/data/photos",
        "chown root:root " + tmp.resolve("mnt/data/photos"));
    assertThat(log()).noneMatch(l -> l.equals("zfs mount tank/box"));
    assertThat(prop("tank/box", "canmount")).isEqualTo("off");
    assertThat(prop("tank/data", "atime")).isEqualTo("off");
    assertThat(Files.isDirectory(tmp.resolve("mnt/inner"))).isTrue();

    assertThat(runScript(script)).isZero();
    assertThat(log()).noneMatch(l -> l.startsWith("zfs create") || l.startsWith("zfs set") || l.startsWith("zfs mount"));
  }

  String withAutotrim(String value) {
    return spec(false).replace("        size: 4T\n", "        size: 4T\n" + (value == null ? "" : "        autotrim: " + value + "\n"));
  }

  String autotrim() throws Exception {
    Path p = state.resolve("pools-props/tank/autotrim");
    return Files.exists(p) ? Files.readString(p).trim() : "off";
  }

  @Test
  void autotrimOnAnExistingPoolIsSetOnlyWhenItDiffers() throws Exception {
    NixTool.require();
    Files.createDirectories(state.resolve("ds/tank"));
    String script = script(withAutotrim("true"));
    assertThat(script).contains("pool_prop tank autotrim on\n");

    assertThat(runScript(script)).as(Files.readString(tmp.resolve("output"))).isZero();
    assertThat(log()).contains("zpool get -H -o value autotrim tank", "zpool set autotrim=on tank");
    assertThat(autotrim()).isEqualTo("on");

    assertThat(runScript(script)).isZero();
    assertThat(log()).contains("zpool get -H -o value autotrim tank").noneMatch(l -> l.startsWith("zpool set"));
  }

  @Test
  void autotrimLeftOutLeavesThePoolAloneAndFalseTurnsItOff() throws Exception {
    NixTool.require();
    Files.createDirectories(state.resolve("ds/tank"));
    Files.createDirectories(state.resolve("pools-props/tank"));
    Files.writeString(state.resolve("pools-props/tank/autotrim"), "on\n");

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
    Files.createDirectories(state.resolve("ds/tank"));
    assertThat(runScript(script(spec(false)))).isZero();
    assertThat(runScript(script(spec(true)))).isZero();
    assertThat(log()).contains("zfs create -u tank/data/later", "zfs set refquota=2G tank/data/later", "zfs mount tank/data/later");
    assertThat(log()).noneMatch(l -> l.equals("zfs create -u tank/data/photos"));
  }

  @Test
  void refusesToMountOverANonEmptyFolder() throws Exception {
    NixTool.require();
    Files.createDirectories(state.resolve("ds/tank"));
    Path inner = Files.createDirectories(tmp.resolve("mnt/inner"));
    Files.writeString(inner.resolve("IMG_0001.jpg"), "on the root disk");
    assertThat(runScript(script(spec(false)))).isNotZero();
    assertThat(Files.readString(tmp.resolve("output"))).contains("refusing to mount tank/box/inner over " + inner + ": it holds files");
    assertThat(log()).noneMatch(l -> l.equals("zfs mount tank/box/inner"));
    assertThat(Files.readString(inner.resolve("IMG_0001.jpg"))).isEqualTo("on the root disk");
  }
}
