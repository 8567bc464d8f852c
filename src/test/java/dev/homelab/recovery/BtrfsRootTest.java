package dev.homelab.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import dev.homelab.testing.OptionChecks;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code impermanence.btrfs}: disko.nix lays the root disk out (evaluated by Nix), merged with
 * the disks of new ZFS pools; impermanence.nix wipes the root with the scripted initrd's hook
 * or with a systemd initrd unit, whichever the host boots with.
 *
 * <p>{@code disko.devices.disk.<name>.content} is typed {@code anything} in the option
 * catalog, so the option checks stop there. The attribute names below it were checked by hand
 * against nix-community/disko at 878ec37d6a8f52c6c801d0e2a2ad554c75b9353c: lib/types/gpt.nix
 * (partitions.*.size, type, content, label "disk-NAME-PART"), filesystem.nix (format,
 * mountpoint, mountOptions), luks.nix (name, settings, content; askPassword is the default
 * without keyFile/passwordFile, initrdUnlock adds boot.initrd.luks.devices), btrfs.nix
 * (extraArgs, subvolumes.*.mountpoint, mountOptions, swap.NAME.size) and
 * example/luks-btrfs-subvolumes.nix; they are also in the catalog's disko.types.* entries.
 */
class BtrfsRootTest {

  @TempDir
  Path tmp;

  static final String DEVICE = "/dev/disk/by-id/nvme-Samsung_SSD_980_PRO_1TB_S5GXNF0R123456X";
  static final String POOL_DISK = "/dev/disk/by-id/ata-WDC_WD40EFRX-68N32N0_WD-WCC7K1AAAAAA";

  /** MINIMAL's host with a BTRFS root described by {@code btrfs} (lines under `btrfs:`). */
  static String spec(String btrfs) {
    return Specs.MINIMAL.replace("    hostId: 8425e349\n", "    hostId: 8425e349\n    impermanence:\n      btrfs:\n" + btrfs);
  }

  private Path gen(String spec) {
    return Cli.gen(tmp, spec);
  }

  private JsonNode eval(String expression) throws Exception {
    Path f = tmp.resolve("eval.nix");
    Files.writeString(f, expression + "\n");
    NixTool.Result r = NixTool.evalJson(f);
    assertThat(r.exit()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  private static List<String> names(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void disksLayoutEvaluatesToLuksHoldingBtrfsSubvolumes() throws Exception {
    NixTool.require();
    Path out = gen(spec("        device: " + DEVICE + "\n        swap: 8G\n"));
    JsonNode module = eval("import " + out.resolve("hosts/nuc/disko.nix") + " { }");
    JsonNode disk = module.path("disko").path("devices").path("disk").path("system");
    assertThat(disk.path("type").asText()).isEqualTo("disk");
    assertThat(disk.path("device").asText()).isEqualTo(DEVICE);
    JsonNode parts = disk.path("content").path("partitions");
    assertThat(disk.path("content").path("type").asText()).isEqualTo("gpt");
    assertThat(names(parts)).as("Nix sorts attribute names").containsExactlyInAnyOrder("ESP", "root");
    JsonNode esp = parts.path("ESP");
    assertThat(esp.path("type").asText()).isEqualTo("EF00");
    assertThat(esp.path("content").path("format").asText()).isEqualTo("vfat");
    assertThat(esp.path("content").path("mountpoint").asText()).isEqualTo("/boot");
    assertThat(esp.path("content").path("mountOptions").toString()).isEqualTo("[\"umask=0077\"]");
    JsonNode luks = parts.path("root").path("content");
    assertThat(parts.path("root").path("size").asText()).isEqualTo("100%");
    assertThat(luks.path("type").asText()).isEqualTo("luks");
    assertThat(luks.path("name").asText()).isEqualTo("cryptroot");
    assertThat(luks.path("settings").path("allowDiscards").asBoolean()).isTrue();
    assertThat(luks.has("keyFile")).as("a passphrase typed at boot").isFalse();
    JsonNode btrfs = luks.path("content");
    assertThat(btrfs.path("type").asText()).isEqualTo("btrfs");
    assertThat(btrfs.path("extraArgs").toString()).isEqualTo("[\"-f\"]");
    JsonNode subs = btrfs.path("subvolumes");
    assertThat(names(subs)).as("Nix sorts attribute names").containsExactlyInAnyOrder("@", "@persist", "@nix", "@home", "@swap");
    assertThat(subs.path("@").path("mountpoint").asText()).isEqualTo("/");
    assertThat(subs.path("@persist").path("mountpoint").asText()).isEqualTo("/persist");
    assertThat(subs.path("@nix").path("mountpoint").asText()).isEqualTo("/nix");
    assertThat(subs.path("@home").path("mountpoint").asText()).isEqualTo("/home");
    for (String s : List.of("@", "@persist", "@nix", "@home")) {
      assertThat(subs.path(s).path("mountOptions").toString()).as(s).isEqualTo("[\"compress=zstd\",\"noatime\"]");
    }
    assertThat(subs.path("@swap").path("swap").path("swapfile").path("size").asText()).isEqualTo("8G");
    assertThat(module.path("disko").path("devices").has("zpool")).isFalse();
    assertThat(module.path("services").path("btrfs").path("autoScrub").path("fileSystems").toString()).isEqualTo("[\"/nix\"]");

    assertThat(out.resolve("hosts/nuc/datasets.nix")).exists();
    assertThat(OptionChecks.assertEveryOptionExists(Specs.write(tmp, "again.yaml", spec("        device: " + DEVICE + "\n"))))
        .isPositive();
  }

  @Test
  void withoutEncryptionBtrfsIsInThePartitionAndTheUnitWaitsForItsLabel() throws Exception {
    NixTool.require();
    Path out = gen(spec("        device: " + DEVICE + "\n        encrypt: false\n        home: false\n        keepOldRoots: 0\n"));
    JsonNode disk = eval("(import " + out.resolve("hosts/nuc/disko.nix") + " { }).disko.devices.disk.system");
    JsonNode content = disk.path("content").path("partitions").path("root").path("content");
    assertThat(content.path("type").asText()).isEqualTo("btrfs");
    assertThat(names(content.path("subvolumes"))).as("Nix sorts attribute names").containsExactlyInAnyOrder("@", "@persist", "@nix");

    Path imp = out.resolve("hosts/nuc/impermanence.nix");
    String lib = "lib = { mkIf = c: v: if c then v else null; };";
    JsonNode systemd = eval("(import " + imp + " { config.boot.initrd.systemd.enable = true; " + lib + " }).boot.initrd");
    assertThat(systemd.path("postResumeCommands").isNull()).isTrue();
    JsonNode unit = systemd.path("systemd").path("services").path("homelab-rollback");
    String label = "dev-disk-by\\x2dpartlabel-disk\\x2dsystem\\x2droot.device";
    assertThat(unit.path("requires").get(0).asText()).isEqualTo(label);
    assertThat(unit.path("after")).extracting(JsonNode::asText)
        .as("after the device and after a resume from hibernation was tried")
        .containsExactly(label, "systemd-hibernate-resume.service");
    assertThat(unit.path("before").get(0).asText()).isEqualTo("sysroot.mount");
    assertThat(unit.path("wantedBy").get(0).asText()).isEqualTo("initrd.target");
    assertThat(unit.path("unitConfig").path("DefaultDependencies").asText()).isEqualTo("no");
    assertThat(unit.path("serviceConfig").path("Type").asText()).isEqualTo("oneshot");
    String script = unit.path("script").asText();
    assertThat(script).contains("mount -t btrfs -o subvolid=5 /dev/disk/by-partlabel/disk-system-root \"$mnt\"",
        "keepOldRoots is 0").doesNotContain("now=");

    JsonNode scripted = eval("(import " + imp + " { config.boot.initrd.systemd.enable = false; " + lib + " }).boot.initrd");
    assertThat(scripted.path("systemd").path("services").path("homelab-rollback").isNull()).isTrue();
    assertThat(scripted.path("postResumeCommands").asText()).isEqualTo(script);
  }

  @Test
  void aBtrfsRootAndANewPoolShareOneDiskoFile() throws Exception {
    NixTool.require();
    String spec = spec("        device: " + DEVICE + "\n").replace("        size: 4T\n", "        size: 4T\n        devices: [" + POOL_DISK + "]\n");
    Path out = gen(spec);
    String text = Files.readString(out.resolve("hosts/nuc/disko.nix"));
    assertThat(text).contains("The root disk of this host and the disks of its new pools", "Datasets are not listed");
    JsonNode devices = eval("(import " + out.resolve("hosts/nuc/disko.nix") + " { }).disko.devices");
    assertThat(names(devices.path("disk"))).as("Nix sorts attribute names").containsExactlyInAnyOrder("system", "ata-WDC_WD40EFRX-68N32N0_WD-WCC7K1AAAAAA");
    assertThat(devices.path("zpool").path("tank").path("type").asText()).isEqualTo("zpool");
    assertThat(Files.readString(out.resolve("hosts/nuc/datasets.nix"))).contains("tank is new");
    assertThat(OptionChecks.assertEveryOptionExists(Specs.write(tmp, "again.yaml", spec))).isPositive();
  }

  @Test
  void aHostWithoutBtrfsKeepsWipingItsOwnBusiness() throws Exception {
    Path out = gen(Specs.MINIMAL.replace("    hostId: 8425e349\n", "    hostId: 8425e349\n    impermanence: { persist: /persist }\n"));
    String imp = Files.readString(out.resolve("hosts/nuc/impermanence.nix"));
    assertThat(imp).contains("is the host's own setup").doesNotContain("postResumeCommands", "homelab-rollback");
    assertThat(out.resolve("hosts/nuc/disko.nix")).doesNotExist();
  }

  @Test
  void bluetoothAndNetworkManagerTurnedOnInTheHostsNixosKeepTheirState() throws Exception {
    String base = Specs.MINIMAL.replace("    hostId: 8425e349\n", "    hostId: 8425e349\n    impermanence: { persist: /persist }\n");
    Path plain = gen(base);
    assertThat(Files.readString(plain.resolve("hosts/nuc/impermanence.nix")))
        .doesNotContain("/var/lib/bluetooth", "/etc/NetworkManager/system-connections");

    // Dotted and nested keys alike; a feature set to false keeps nothing.
    String on = base.replace("    impermanence: { persist: /persist }\n", "    impermanence: { persist: /persist }\n    nixos:\n"
        + "      hardware.bluetooth.enable: true\n      networking:\n        networkmanager: { enable: true }\n");
    Path out = Cli.gen(Files.createDirectories(tmp.resolve("on")), on);
    String imp = Files.readString(out.resolve("hosts/nuc/impermanence.nix"));
    assertThat(imp).contains("\"/var/lib/bluetooth\"", "\"/etc/NetworkManager/system-connections\"");

    String off = on.replace("hardware.bluetooth.enable: true", "hardware.bluetooth.enable: false");
    Path outOff = Cli.gen(Files.createDirectories(tmp.resolve("off")), off);
    assertThat(Files.readString(outOff.resolve("hosts/nuc/impermanence.nix")))
        .doesNotContain("/var/lib/bluetooth").contains("/etc/NetworkManager/system-connections");
  }
}
