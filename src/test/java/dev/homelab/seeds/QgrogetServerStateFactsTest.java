package dev.homelab.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homelab.model.Spec;
import dev.homelab.testing.EphemeralRoots;
import dev.homelab.testing.Examples;
import dev.homelab.testing.UnitOrdering;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 002's server keeps its state on ZFS (the seed's serverModules: impermanence, rpool with
 * /, /nix, /persist and /var/log): the existing root pool's datasets are mounted by NixOS, the
 * root goes back to its empty snapshot at every boot, every state path is persisted; and its
 * backup jobs carry the seed's per-job options: units stopped, commands before and after, a
 * priority.
 */
class QgrogetServerStateFactsTest {

  static final Path SPEC = Path.of("examples/qgroget-server.yaml");
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
  void theExistingRootPoolsDatasetsAreMountedAndTheRootIsRolledBackBeforeItsMount() throws Exception {
    String imp = file("hosts/server/impermanence.nix");
    assertThat(imp).containsSubsequence("\"/\" = {", "device = \"rpool/local/root\";", "fsType = \"zfs\";",
        "\"/nix\" = {", "device = \"rpool/local/nix\";", "\"/persist\" = {", "device = \"rpool/safe/persist\";",
        "neededForBoot = true;", "\"/var/log\" = {", "device = \"rpool/safe/log\";");
    JsonNode unit = EphemeralRoots.initrd(tmp, Files.writeString(tmp.resolve("impermanence.nix"), imp), true)
        .at("/systemd/services/homelab-rollback");
    assertThat(unit.get("before").toString()).isEqualTo("[\"sysroot.mount\"]");
    assertThat(unit.get("after").toString()).isEqualTo("[\"zfs-import-rpool.service\"]");
    assertThat(unit.get("script").asText()).contains("zfs rollback -r rpool/local/root@blank");
    // The pool exists: no disko, and the hand-made hardware-configuration.nix keeps only its ESP.
    assertThat(out).doesNotContainKey("hosts/server/disko.nix");
    String hw = file("hosts/server/hardware-configuration.nix");
    assertThat(hw).contains("fileSystems.\"/boot\"").doesNotContain("fileSystems.\"/\"");
    assertThat(file("docs/README.md")).contains("`zfs snapshot rpool/local/root@blank`");
  }

  @Test
  void everyStatePathOffTheDatasetsIsPersisted() {
    Spec spec = Examples.check(SPEC).spec();
    List<String> persisted = EphemeralRoots.persisted(file("hosts/server/impermanence.nix"));
    List<String> state = EphemeralRoots.stateOffTheDatasets(spec, "server");
    assertThat(state).isNotEmpty();
    for (String dir : state) {
      assertThat(persisted.contains(dir) || dir.startsWith("/var/lib/private/") && persisted.contains("/var/lib/private"))
          .as("%s is kept", dir).isTrue();
    }
    // Quadlet's images and containers, the volume folders of the containers, the proxy's certificates.
    assertThat(persisted).contains("/var/lib/containers", "/var/lib/stirling-pdf", "/var/lib/traefik", "/var/lib/acme")
        .doesNotContain("/var/log", "/var/lib/immich");
  }

  @Test
  void theDailyJobStopsItsUnitsBetweenItsCommandsAndTheMediaJobWaitsForIt() {
    String backups = file("hosts/server/backups.nix");
    // preBackup runs while everything still runs, then the units stop; after the run (also a
    // failed one) they start again, then postBackup.
    assertThat(backups).contains("""
            backupPrepareCommand = ''
              echo 'daily backup: starting'
              systemctl stop authelia-main.service lldap.service vaultwarden.service couchdb.service
            '';
        """, """
            backupCleanupCommand = ''
              systemctl start authelia-main.service lldap.service vaultwarden.service couchdb.service
              echo 'daily backup: done'
            '';
        """);
    String media = UnitOrdering.unit(backups, "restic-backups-media");
    assertThat(media).contains("\"restic-backups-daily.service\"", "serviceConfig.Nice = 19;",
        "serviceConfig.IOSchedulingClass = \"idle\";", "serviceConfig.CPUSchedulingPolicy = \"idle\";");
    assertThat(UnitOrdering.unit(backups, "restic-backups-daily")).doesNotContain("restic-backups-media", "Nice");
  }
}
