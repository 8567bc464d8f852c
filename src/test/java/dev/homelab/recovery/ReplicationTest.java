package dev.homelab.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syncoid replication from one host to another of the spec: the sender's commands land
 * under the receiver's {@code <pool>/backups/<sender>}; the receiver gets a {@code syncoid}
 * login allowed to receive only there (and to send back, for a preseed). The target,
 * datasets and key are checked.
 */
class ReplicationTest {

  static final String SPEC = Specs.MINIMAL.replace("vaultwarden: { quota: 2G }", "vaultwarden: { quota: 2G, snapshots: keep }")
      .replace("      immich: { tier: critical, claimed: true }\n", """
            immich: { tier: critical, claimed: true }
          replication:
            to: nas
            datasets: [tank/vaultwarden]
            at: daily
            sshKey: { secret: syncoid/key }
            publicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAISyncoidKey syncoid@nuc"
        nas:
          stateVersion: "25.05"
          hostId: 1a2b3c4d
          storage:
            vault:
              size: 8T
              datasets:
                backups: { mountpoint: none }
      """.indent(0).replaceAll("(?m)^", "")) + "secrets:\n  syncoid/key: {}\nsnapshots:\n  keep: { hourly: 24, daily: 7 }\n";

  @TempDir
  Path tmp;

  @Test
  void theSenderRunsSyncoidIntoTheReceiversLandingDatasetAndTheReceiverMayOnlyReceiveThere() throws Exception {
    Path file = Specs.write(tmp, "lab.yaml", SPEC);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    String source = Files.readString(out.resolve("hosts/nuc/replication.nix"));
    assertThat(source).contains(
        "interval = \"daily\";",
        "sshKey = config.sops.secrets.\"syncoid/key\".path;",
        "\"tank/vaultwarden\" = {",
        "source = \"tank/vaultwarden\";",
        "target = \"syncoid@nas:vault/backups/nuc/vaultwarden\";",
        "recursive = true;",
        "owner = \"syncoid\";");
    String target = Files.readString(out.resolve("hosts/nas/syncoid-receive.nix"));
    assertThat(target).contains(
        "users.users.syncoid = {",
        "\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAISyncoidKey syncoid@nuc\"",
        "zfs create -p -u -o mountpoint=none vault/backups/nuc",
        "zfs allow -u syncoid compression,create,mount,mountpoint,receive,send vault/backups/nuc",
        "Match User syncoid\n      AllowTcpForwarding no",
        "PermitTTY no",
        // The copies are the receiver's: its Sanoid prunes them with the sender's policy, and takes none.
        "\"vault/backups/nuc/vaultwarden\".useTemplate = [ \"received-keep\" ];",
        "hourly = 24;",
        "daily = 7;",
        "autosnap = false;",
        "autoprune = true;");
    // A compromised sender cannot remove what the receiver keeps: it may not destroy, roll back or release.
    String allow = target.substring(target.indexOf("zfs allow"), target.indexOf("\n", target.indexOf("zfs allow")));
    assertThat(allow).doesNotContain("destroy", "rollback", "release", "hold");
    assertThat(source).contains("commonArgs = [\n      \"--no-sync-snap\"\n      \"--no-rollback\"\n    ];");
    assertThat(Files.readString(out.resolve("hosts/nas/default.nix"))).contains("./syncoid-receive.nix");
    assertThat(Files.exists(out.resolve("hosts/nas/replication.nix"))).isFalse();
  }

  @Test
  void aReplicatedDatasetWithoutSnapshotsHasNothingToSend() {
    Cli.Run run = validate(SPEC.replace("vaultwarden: { quota: 2G, snapshots: keep }", "vaultwarden: { quota: 2G }"));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0395]", "`tank/vaultwarden` is replicated, but `tank/vaultwarden` has no snapshot policy",
        "give each dataset `snapshots: POLICY`");
  }

  @Test
  void anUnknownTargetHostGetsDidYouMean() {
    Cli.Run run = validate(SPEC.replace("to: nas\n", "to: nass\n"));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0395]", "lab.yaml:28:11", "unknown host `nass`", "did you mean `nas`?");
  }

  @Test
  void anUnknownDatasetAndAnUndeclaredKeyAreErrors() {
    Cli.Run run = validate(SPEC.replace("[tank/vaultwarden]", "[tank/vaultwardn]").replace("secrets:\n  syncoid/key: {}\n", ""));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("host `nuc` has no dataset `tank/vaultwardn`", "did you mean `tank/vaultwarden`?",
        "secret `syncoid/key` is not declared");
  }

  @Test
  void aTargetWithoutAPoolIsAnError() {
    Cli.Run run = validate(SPEC.replaceAll("(?s)    storage:\n      vault:.*backups: \\{ mountpoint: none \\}\n", ""));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("host `nas` has no ZFS pool to receive into");
  }

  Cli.Run validate(String text) {
    return Cli.run("validate", "-f", Specs.write(tmp, "lab.yaml", text).toString());
  }
}
