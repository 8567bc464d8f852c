package dev.homelab.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Examples;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 002's desktop in the flake generated from examples/qgroget-server.yaml: a LUKS volume
 * holding BTRFS with the subvolumes @ (the root, ephemeral), @persist, @nix and @home, the
 * root replaced at every boot; no ZFS, no services.
 */
class QgrogetDesktopFactsTest {

  static Map<String, String> out;

  @BeforeAll
  static void generate() {
    out = Examples.render(Path.of("examples/qgroget-server.yaml"));
  }

  static String file(String path) {
    assertThat(out).containsKey(path);
    return out.get(path);
  }

  @Test
  void theDiskIsLuksHoldingBtrfsSubvolumes() {
    String disko = file("hosts/clovis/disko.nix");
    assertThat(disko).contains("device = \"/dev/disk/by-id/nvme-Samsung_SSD_980_PRO_1TB_S5GXNF0R123456X\";",
        "type = \"EF00\";", "mountpoint = \"/boot\";", "mountOptions = [ \"umask=0077\" ];",
        "type = \"luks\";", "name = \"cryptroot\";", "settings.allowDiscards = true;",
        "type = \"btrfs\";", "extraArgs = [ \"-f\" ];");
    // The LUKS container is inside the root partition, BTRFS inside LUKS.
    assertThat(disko.indexOf("type = \"luks\";")).isLessThan(disko.indexOf("type = \"btrfs\";"));
    for (String[] sv : new String[][] {{"@", "/"}, {"@persist", "/persist"}, {"@nix", "/nix"}, {"@home", "/home"}}) {
      assertThat(disko).as(sv[0]).contains("\"" + sv[0] + "\" = {\n                    mountpoint = \"" + sv[1] + "\";\n"
          + "                    mountOptions = [\n                      \"compress=zstd\"\n                      \"noatime\"\n");
    }
    assertThat(disko).contains("\"@swap\" = {", "mountpoint = \"/.swapvol\";", "swap.swapfile.size = \"16G\";");
    assertThat(disko).doesNotContain("zpool");
    assertThat(out).doesNotContainKey("hosts/clovis/datasets.nix");
    assertThat(file("hosts/clovis/default.nix")).contains("./disko.nix", "./impermanence.nix", "./role.nix")
        .doesNotContain("hostId");
    assertThat(file("hosts/clovis/hardware-configuration.nix")).contains("--no-filesystems").doesNotContain("fileSystems");
    assertThat(file("flake.nix")).contains("disko.nixosModules.disko", "impermanence.nixosModules.impermanence");
  }

  @Test
  void theRootIsRolledBackAtEveryBoot() {
    String imp = file("hosts/clovis/impermanence.nix");
    assertThat(imp).contains("every boot by the rollback below", "kept 14 days under old_roots/")
        .doesNotContain("the host's own setup");
    assertThat(imp).contains("fileSystems.\"/persist\".neededForBoot = true;",
        "let\n  rollback = ''\n",
        "boot.initrd.postResumeCommands = lib.mkIf (!config.boot.initrd.systemd.enable) rollback;",
        "    script = rollback;\n",
        "boot.initrd.systemd.services.homelab-rollback = lib.mkIf config.boot.initrd.systemd.enable {",
        "requires = [ \"dev-mapper-cryptroot.device\" ];", "before = [ \"sysroot.mount\" ];",
        "mount -t btrfs -o subvolid=5 /dev/mapper/cryptroot \"$mnt\"",
        "after = [\n      \"dev-mapper-cryptroot.device\"\n      \"systemd-hibernate-resume.service\"\n    ];",
        "mv \"$mnt/@\" \"$mnt/old_roots/$retired\"",
        "if [ $((now - retiredAt)) -gt 1209600 ]; then",
        "btrfs subvolume create \"$mnt/@\"");
    // The new root exists before anything is deleted.
    assertThat(imp.indexOf("btrfs subvolume create")).isLessThan(imp.indexOf("for old in"));
    // One script, bound once: both initrd variants run the same text.
    assertThat(imp.split("btrfs subvolume create", -1)).hasSize(2);
    assertThat(imp).contains("\"/var/lib/tailscale\"");
    assertThat(file("docs/README.md")).contains("The BTRFS subvolume `@` is replaced by an empty one at every boot");
  }

  @Test
  void bluetoothPairingsSavedNetworksAndTheAdminsPasswordSurviveTheWipe() {
    String imp = file("hosts/clovis/impermanence.nix");
    // Role `desktop` turns bluetooth and NetworkManager on: their pairings and saved networks are kept.
    assertThat(imp).contains("\"/var/lib/bluetooth\"", "\"/etc/NetworkManager/system-connections\"",
        "users.mutableUsers = false;", "sops.age.sshKeyPaths = [ \"/persist/etc/ssh/ssh_host_ed25519_key\" ];");
    assertThat(file("modules/base.nix")).contains(
        "hashedPasswordFile = config.sops.secrets.\"strange/password-hash\".path;",
        "sops.secrets.\"strange/password-hash\".neededForUsers = true;");
    for (String host : new String[] {"clovis", "septimius", "server"}) {
      assertThat(file("secrets/" + host + ".required.yaml")).as(host).contains("strange:\n  password-hash:\n");
    }
    assertThat(file("hosts/clovis/default.nix")).contains("sops.defaultSopsFile = ../../secrets/clovis.yaml;");
    assertThat(file(".sops.yaml")).contains("host_clovis", "host_septimius");
  }
}
