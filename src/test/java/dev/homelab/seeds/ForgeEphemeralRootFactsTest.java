package dev.homelab.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homelab.model.Spec;
import dev.homelab.testing.EphemeralRoots;
import dev.homelab.testing.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 001's forge keeps an ephemeral root on ZFS: disko lays the root pool out, the root
 * dataset goes back to its empty snapshot in the initrd before / is mounted, every piece of
 * state off the tank's datasets is kept under /persist; and its services restore themselves in
 * the seed's order: the Syncoid copy on nas-1, a local snapshot, then restic.
 */
class ForgeEphemeralRootFactsTest {

  static final Path SPEC = Path.of("examples/forge.yaml");
  static Map<String, String> out;

  @TempDir
  Path tmp;

  @BeforeAll
  static void generate() {
    out = Examples.render(SPEC);
  }

  static String file(String path) {
    assertThat(out).containsKey(path);
    return out.get(path);
  }

  @Test
  void theRootIsRolledBackInTheInitrdAfterTheImportAndBeforeTheRootMount() throws Exception {
    Path imp = Files.writeString(tmp.resolve("impermanence.nix"), file("hosts/forge/impermanence.nix"));
    JsonNode systemd = EphemeralRoots.initrd(tmp, imp, true);
    JsonNode unit = systemd.at("/systemd/services/homelab-rollback");
    assertThat(unit.get("before").toString()).isEqualTo("[\"sysroot.mount\"]");
    assertThat(unit.get("after").toString()).isEqualTo("[\"zfs-import-rpool.service\"]");
    assertThat(unit.get("requires").toString()).isEqualTo("[\"zfs-import-rpool.service\"]");
    assertThat(unit.get("wantedBy").toString()).isEqualTo("[\"initrd.target\"]");
    assertThat(unit.at("/unitConfig/DefaultDependencies").asText()).isEqualTo("no");
    assertThat(unit.get("script").asText()).contains("\nzfs rollback -r rpool/local/root@blank\n");
    assertThat(systemd.get("postResumeCommands").isNull()).isTrue();
    // The scripted initrd: the same command, ordered after the pool's import in the same option.
    JsonNode scripted = EphemeralRoots.initrd(tmp, imp, false);
    assertThat(scripted.at("/postResumeCommands/after").asText()).contains("zfs rollback -r rpool/local/root@blank");
    assertThat(scripted.at("/systemd/services/homelab-rollback").isNull()).isTrue();
  }

  @Test
  void diskoLaysTheRootPoolOutWithTheBlankSnapshotAndLegacyMountpoints() {
    String disko = file("hosts/forge/disko.nix");
    assertThat(disko).contains("device = \"/dev/disk/by-id/nvme-Samsung_SSD_990_PRO_1TB_S6Z1NJ0W100001X\";",
        "pool = \"rpool\";", "mountpoint = \"/boot\";");
    assertThat(disko).containsSubsequence("\"local/root\" = {", "mountpoint = \"/\";", "options.mountpoint = \"legacy\";",
        "postCreateHook = \"zfs snapshot rpool/local/root@blank\";");
    for (String[] ds : List.of(new String[] {"local/nix", "/nix"}, new String[] {"safe/persist", "/persist"},
        new String[] {"safe/log", "/var/log"})) {
      assertThat(disko).containsSubsequence("\"" + ds[0] + "\" = {", "mountpoint = \"" + ds[1] + "\";", "options.mountpoint = \"legacy\";");
    }
    // disko declares the root's file systems: hardware-configuration.nix declares none.
    assertThat(file("hosts/forge/hardware-configuration.nix")).doesNotContain("fileSystems");
    assertThat(file("hosts/forge/default.nix")).contains("./disko.nix", "./impermanence.nix", "hostId = \"1c2d3e4f\";");
    assertThat(file("flake.nix")).contains("disko.nixosModules.disko", "impermanence.nixosModules.impermanence");
  }

  @Test
  void everyStatePathOffTheDatasetsIsPersisted() {
    Spec spec = Examples.check(SPEC).spec();
    String imp = file("hosts/forge/impermanence.nix");
    List<String> persisted = EphemeralRoots.persisted(imp);
    List<String> state = EphemeralRoots.stateOffTheDatasets(spec, "forge");
    assertThat(state).isNotEmpty();
    for (String dir : state) {
      assertThat(persisted.contains(dir) || dir.startsWith("/var/lib/private/") && persisted.contains("/var/lib/private"))
          .as("%s is kept", dir).isTrue();
    }
    assertThat(persisted).contains("/var/lib/nixos", "/var/lib/systemd", "/var/lib/postgresql", "/var/lib/caddy",
        "/var/lib/acme", "/var/lib/tailscale");
    // Services on tank's datasets survive there; the logs are a dataset of the root pool.
    assertThat(persisted).doesNotContain("/var/lib/sonarr", "/var/lib/radarr", "/var/lib/hass", "/var/log");
    assertThat(imp).contains("\"/etc/machine-id\"", "\"/etc/ssh/ssh_host_ed25519_key\"",
        "sops.age.sshKeyPaths = [ \"/persist/etc/ssh/ssh_host_ed25519_key\" ];", "fileSystems.\"/persist\".neededForBoot = true;");
  }

  @Test
  void servicesRestoreFromTheSyncoidCopyThenALocalSnapshotThenRestic() {
    String preseed = file("hosts/forge/preseed.nix");
    for (String s : List.of("sonarr", "radarr", "home-assistant")) {
      int unit = preseed.indexOf("systemd.services.preseed-" + s + " = {");
      assertThat(unit).as(s).isNotNegative();
      String body = preseed.substring(unit);
      assertThat(body).containsSubsequence("attempt syncoid\n", "attempt local\n", "attempt restic\n",
          "not starting empty over data that may exist");
    }
    assertThat(file("docs/README.md")).contains("- sonarr: `/var/lib/sonarr` from the Syncoid copy"
        + " `backup/backups/forge/services/sonarr` on nas-1, else the newest local snapshot of `tank/services/sonarr` that holds"
        + " data, else restic nas (tried in that order");
  }
}
