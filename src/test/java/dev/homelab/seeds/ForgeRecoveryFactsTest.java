package dev.homelab.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Examples;
import dev.homelab.testing.UnitOrdering;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 001's replication and disaster recovery in the flake generated from
 * examples/forge.yaml: Syncoid from forge to nas-1, the receiving login on nas-1, preseed
 * restores for sonarr and radarr (restic) and home-assistant (its Syncoid copy), the SFTP
 * account of the restic repository on nas-1, and the flake's own documentation.
 */
class ForgeRecoveryFactsTest {

  static Map<String, String> out;

  @BeforeAll
  static void generate() {
    out = Examples.render(Path.of("examples/forge.yaml"));
  }

  static String file(String path) {
    assertThat(out).containsKey(path);
    return out.get(path);
  }

  @Test
  void forgeReplicatesItsServiceDatasetsAndMediaHourlyToNas1() {
    String r = file("hosts/forge/replication.nix");
    assertThat(r).contains("interval = \"hourly\";",
        "target = \"syncoid@nas-1:backup/backups/forge/services\";",
        "target = \"syncoid@nas-1:backup/backups/forge/media\";",
        "programs.ssh.knownHosts.nas-1 = {");
    assertThat(r.split("recursive = true;", -1)).hasSize(3);
    // Each command's first run after a switch finds the datasets that switch created.
    assertThat(UnitOrdering.wantsDatasets(r, "syncoid-tank-services")).isTrue();
    assertThat(UnitOrdering.wantsDatasets(r, "syncoid-tank-media")).isTrue();
    assertThat(UnitOrdering.wantsDatasets(file("hosts/forge/snapshots.nix"), "sanoid")).isTrue();
    assertThat(UnitOrdering.unit(file("hosts/forge/datasets.nix"), "homelab-datasets"))
        .contains("requires = [ \"zfs-import-tank.service\" ];");
    assertThat(UnitOrdering.unit(file("hosts/nas-1/datasets.nix"), "homelab-datasets"))
        .contains("requires = [ \"zfs-import-backup.service\" ];");
    assertThat(file("hosts/nas-1/syncoid-receive.nix")).contains(
        "syncoid@forge\"", "zfs allow -u syncoid", "backup/backups/forge");
    // Only Sanoid's snapshots are sent; nas-1 keeps and prunes them with forge's policies.
    assertThat(r).contains("\"--no-sync-snap\"", "\"--no-rollback\"");
    assertThat(file("hosts/nas-1/syncoid-receive.nix")).contains(
        "\"backup/backups/forge/services\".useTemplate = [ \"received-services\" ];",
        "\"backup/backups/forge/services/home-assistant\".useTemplate = [ \"received-services\" ];",
        "\"backup/backups/forge/media\".useTemplate = [ \"received-media\" ];",
        "autosnap = false;");
    // Every replicated dataset is snapshotted on forge, the empty parent too.
    assertThat(file("hosts/forge/snapshots.nix")).contains("\"tank/services\".useTemplate = [ \"services\" ];");
    assertThat(file("flake.nix")).contains("nixosConfigurations.nas-1 = ");
  }

  @Test
  void sonarrAndRadarrRestoreFromTheNasRepositoryBeforeTheirFirstStart() {
    String p = file("hosts/forge/preseed.nix");
    for (String s : new String[] {"sonarr", "radarr"}) {
      assertThat(p).contains("systemd.services.preseed-" + s + " = {",
          "requiredBy = [ \"" + s + ".service\" ];", "before = [\n      \"" + s + ".service\"",
          "unitConfig.ConditionDirectoryNotEmpty = \"!/var/lib/" + s + "\";");
    }
    // Restic is their last source (the seed's order): the NAS repository is reached over SSH
    // (append-only, through rclone there): its key and the network come first.
    assertThat(p).contains("RESTIC_REPOSITORY = \"rclone:nas-1:/srv/restic/forge\";",
        "PRESEED_SSH_KEY = config.sops.secrets.\"restic/nas-ssh-key\".path;",
        "-o \"rclone.program=ssh restic@nas-1 -i $PRESEED_SSH_KEY -o StrictHostKeyChecking=accept-new\"",
        "path = [\n      config.boot.zfs.package\n      pkgs.restic\n      pkgs.openssh\n",
        "wants = [ \"network-online.target\" ];", "\"homelab-datasets.service\"");
  }

  @Test
  void homeAssistantReceivesItsSyncoidCopyFromNas1BeforeItsFirstStart() {
    String p = file("hosts/forge/preseed.nix");
    assertThat(p).contains("systemd.services.preseed-home-assistant = {",
        "requiredBy = [ \"home-assistant.service\" ];",
        "unitConfig.ConditionDirectoryNotEmpty = \"!/var/lib/hass\";",
        "PRESEED_SYNCOID_KEY = config.sops.secrets.\"syncoid/ssh-key\".path;",
        "-o StrictHostKeyChecking=yes syncoid@nas-1",
        "zfs list -H -t snapshot -o name -s createtxg -d 1 backup/backups/forge/services/home-assistant",
        "remote zfs send \"$snapshot\" | zfs receive -F -u -x mountpoint tank/services/home-assistant");
    // nas-1 lets syncoid send its copies back (and never destroy them).
    assertThat(file("hosts/nas-1/syncoid-receive.nix")).contains("zfs allow -u syncoid compression,create,mount,mountpoint,receive,send backup/backups/forge");
  }

  @Test
  void nas1KeepsForgesResticRepositoryAppendOnlyAndPrunesItItself() {
    String t = file("hosts/nas-1/backup-target.nix");
    // forge's key can only serve its repository through rclone, append-only: no deletes, no overwrites.
    assertThat(t).contains("users.users.restic = {", "isSystemUser = true;", "group = \"restic\";",
        "\"restrict,command=\\\"${pkgs.rclone}/bin/rclone serve restic --stdio --append-only /srv/restic/forge\\\""
            + " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIForgeResticExampleKey restic@forge\"",
        "Match User restic\n      AllowTcpForwarding no",
        "PermitTTY no", "Match all");
    // The key's forced command must run: no ForceCommand overriding it.
    assertThat(t).doesNotContain("ForceCommand");
    // nas-1 prunes with forge's retention, by the job's tag, as the account that owns the repository.
    assertThat(t).contains("services.restic.backups.prune-nas-nightly = {", "repository = \"/srv/restic/forge\";",
        "user = \"restic\";", "\"--tag nightly\"", "\"--keep-daily 14\"", "\"--keep-weekly 8\"", "\"--keep-monthly 6\"",
        "systemd.services.restic-backups-prune-nas-nightly = {\n    requires = [ \"homelab-datasets.service\" ];");
    assertThat(file("secrets/nas-1.required.yaml")).contains("restic:\n  password:\n    owner: restic");
    assertThat(file(".sops.yaml")).contains("&host_nas-1 age1", "- *host_nas-1");
    assertThat(file("hosts/nas-1/default.nix")).contains("./backup-target.nix");
    // The repository's directory lies on a dataset of nas-1: the datasets unit makes it once mounted.
    String datasets = file("hosts/nas-1/datasets.nix");
    assertThat(datasets.indexOf("install -d -o restic -g restic -m 0700 /srv/restic/forge\n"))
        .isGreaterThan(datasets.indexOf("ensure backup/restic "));
    assertThat(datasets).contains("ensure backup/restic ");
    assertThat(out).doesNotContainKey("hosts/forge/backup-target.nix");
  }

  @Test
  void theFlakeDocumentsDatasetsJobsReplicationAndSecretsOfBothHosts() {
    String doc = file("docs/README.md");
    assertThat(doc).contains("## forge", "## nas-1",
        "| `tank/services/paperless` | `/var/lib/paperless` | 200G | 128K | services (24 hourly, 7 daily, 4 weekly, 3 monthly) |",
        "| `nightly-nas` |", "restic nas `rclone:nas-1:/srv/restic/forge` | `*-*-* 03:30:00` | 14 daily, 8 weekly, 6 monthly |",
        "- `tank/services` and its children to nas-1 as `backup/backups/forge/services`, `hourly`",
        "- receives forge's copies into `backup/backups/forge`",
        "| `syncoid/ssh-key` | syncoid:syncoid 0400 |");
  }
}
