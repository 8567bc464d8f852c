package dev.homelab.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import dev.homelab.testing.OptionChecks;
import dev.homelab.testing.Specs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code preseed: { from: syncoid }}: before the service's first start on an empty
 * dataset, the newest snapshot of the copy its host's replication keeps on the target is
 * sent back over SSH and received into the dataset, which must hold no files, nor
 * snapshots that hold data (the empty ones Sanoid and syncoid take are destroyed first, so
 * a retry works); the target lets {@code syncoid} send.
 */
class SyncoidPreseedTest {

  static final String SPEC = Specs.MINIMAL
      .replace("vaultwarden: { quota: 2G }", "vaultwarden: { quota: 2G, snapshots: keep }")
      .replace("vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden }",
          "vaultwarden: { tier: critical, dataset: tank/vaultwarden, preseed: { from: syncoid } }")
      .replace("      immich: { tier: critical, claimed: true }\n", "      immich: { tier: critical, claimed: true }\n"
          + "    replication:\n"
          + "      to: nas\n"
          + "      datasets: [tank/vaultwarden]\n"
          + "      sshKey: { secret: syncoid }\n"
          + "      hostKey: \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINasHostKey\"\n"
          + "  nas:\n    stateVersion: \"25.05\"\n    hostId: 1a2b3c4d\n"
          + "    storage: { vault: { size: 8T, datasets: { backups: { mountpoint: none } } } }\n")
      + "secrets:\n  syncoid: {}\nsnapshots:\n  keep: { hourly: 24 }\n";

  @TempDir
  Path tmp;

  Path gen(String spec) {
    return Cli.gen(tmp, spec);
  }

  JsonNode unit(Path out) throws Exception {
    NixTool.require();
    Path eval = tmp.resolve("unit.nix");
    Files.writeString(eval, "(import " + out.resolve("hosts/nuc/preseed.nix")
        + " { pkgs = { openssh = \"openssh\"; coreutils = \"coreutils\"; findutils = \"findutils\"; };"
        + " config = { boot.zfs.package = \"zfs\"; sops.secrets.syncoid.path = \"/run/secrets/syncoid\"; }; })"
        + ".systemd.services.preseed-vaultwarden\n");
    NixTool.Result r = NixTool.evalJson(eval);
    assertThat(r.exit()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void theReceiveRunsBeforeTheServiceAfterTheDatasetsAndTheNetworkOnlyOnAnEmptyDirectory() throws Exception {
    Path out = gen(SPEC);
    JsonNode u = unit(out);
    // Sanoid and syncoid, which snapshot the dataset, wait for the receive when they start with it.
    assertThat(u.get("before").toString()).isEqualTo("[\"vaultwarden.service\",\"sanoid.service\",\"syncoid-tank-vaultwarden.service\"]");
    assertThat(u.get("requiredBy").toString()).isEqualTo("[\"vaultwarden.service\"]");
    assertThat(u.get("requires").toString()).isEqualTo("[\"homelab-datasets.service\"]");
    assertThat(u.get("after").toString()).isEqualTo("[\"homelab-datasets.service\",\"network-online.target\"]");
    assertThat(u.at("/unitConfig/ConditionDirectoryNotEmpty").asText()).isEqualTo("!/var/lib/vaultwarden");
    assertThat(u.at("/environment/PRESEED_SSH_KEY").asText()).isEqualTo("/run/secrets/syncoid");
    assertThat(Files.readString(out.resolve("secrets/nuc.required.yaml"))).contains("preseed of vaultwarden");
    // The key stays readable by syncoid, which replicates with it.
    assertThat(Files.readString(out.resolve("hosts/nuc/preseed.nix"))).contains("sops.secrets.syncoid = {\n    owner = \"syncoid\";");
    assertThat(Files.readString(out.resolve("hosts/nas/syncoid-receive.nix")))
        .contains("zfs allow -u syncoid compression,create,mount,mountpoint,receive,send vault/backups/nuc");
    OptionChecks.assertEveryOptionExists(tmp.resolve("lab.yaml"));
  }

  @Test
  void theNewestSnapshotOfTheCopyIsReceivedIntoTheEmptyDatasetKeepingItsProperties() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(tmp.resolve("remote-snapshots"), "vault/backups/nuc/vaultwarden@syncoid_nuc_1\nvault/backups/nuc/vaultwarden@syncoid_nuc_2\n");
    assertThat(run(gen(SPEC), dir)).isZero();
    List<String> log = Files.readAllLines(tmp.resolve("log"));
    assertThat(log).containsExactly(
        "zfs list -Hp -t filesystem,snapshot -o name,referenced -d 1 tank/vaultwarden",
        "ssh -i /run/secrets/syncoid -o BatchMode=yes -o StrictHostKeyChecking=yes syncoid@nas if zfs list -H -o name"
            + " vault/backups/nuc/vaultwarden >/dev/null 2>&1; then zfs list -H -t snapshot -o name -s createtxg -d 1"
            + " vault/backups/nuc/vaultwarden; fi",
        "zfs list -H -t snapshot -o name -d 1 tank/vaultwarden",
        "ssh -i /run/secrets/syncoid -o BatchMode=yes -o StrictHostKeyChecking=yes syncoid@nas zfs send"
            + " vault/backups/nuc/vaultwarden@syncoid_nuc_2",
        "zfs receive -F -u -x mountpoint tank/vaultwarden < stream of vault/backups/nuc/vaultwarden@syncoid_nuc_2",
        "zfs get -H -o value mounted tank/vaultwarden",
        "zfs mount tank/vaultwarden");
  }

  @Test
  void aRetryDestroysTheSnapshotsSanoidAndSyncoidTookOfTheEmptyDatasetAndReceives() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(tmp.resolve("remote-snapshots"), "vault/backups/nuc/vaultwarden@syncoid_nuc_2\n");
    Files.writeString(tmp.resolve("local-snapshots"), "tank/vaultwarden@autosnap_2026-11-23_14:00:00_hourly\t98304\n"
        + "tank/vaultwarden@syncoid_nuc_2026-11-23:14:00:07\t98304\n");
    Path out = gen(SPEC);
    assertThat(run(out, dir)).as(Files.readString(tmp.resolve("output"))).isZero();
    List<String> log = Files.readAllLines(tmp.resolve("log"));
    assertThat(log).containsSubsequence(
        "zfs destroy tank/vaultwarden@autosnap_2026-11-23_14:00:00_hourly",
        "zfs destroy tank/vaultwarden@syncoid_nuc_2026-11-23:14:00:07",
        "zfs receive -F -u -x mountpoint tank/vaultwarden < stream of vault/backups/nuc/vaultwarden@syncoid_nuc_2");
  }

  @Test
  void withNoCopyYetItStartsEmpty() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(tmp.resolve("remote-snapshots"), "");
    assertThat(run(gen(SPEC), dir)).isZero();
    assertThat(Files.readString(tmp.resolve("log"))).doesNotContain("send", "receive");
  }

  @Test
  void aDatasetHoldingFilesOrSnapshotsIsRefused() throws Exception {
    Path out = gen(SPEC);
    Files.writeString(tmp.resolve("remote-snapshots"), "vault/backups/nuc/vaultwarden@syncoid_nuc_2\n");
    Path dir = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(dir.resolve("db.sqlite3"), "data");
    assertThat(run(out, dir)).isEqualTo(1);
    assertThat(Files.readString(tmp.resolve("output"))).contains("refusing to preseed tank/vaultwarden from nas:", "holds files");
    assertThat(tmp.resolve("log")).doesNotExist();

    // Its files deleted, but a snapshot still holds them.
    Files.delete(dir.resolve("db.sqlite3"));
    Files.writeString(tmp.resolve("local-snapshots"), "tank/vaultwarden@autosnap_1\t98304\ntank/vaultwarden@autosnap_2\t5242880\n");
    assertThat(run(out, dir)).isEqualTo(1);
    assertThat(Files.readString(tmp.resolve("output")))
        .contains("refusing to preseed tank/vaultwarden from nas: tank/vaultwarden@autosnap_2 holds data (5242880 bytes)");
    assertThat(Files.readString(tmp.resolve("log"))).doesNotContain("ssh", "destroy", "receive");
  }

  @Test
  void aServiceWhoseDatasetIsNotReplicatedIsALocatedError() {
    Path file = Specs.write(tmp, "lab.yaml", SPEC.replace("datasets: [tank/vaultwarden]", "datasets: [tank/other]"));
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0396]", "lab.yaml:25:65", "`tank/vaultwarden` is not replicated");
  }

  @Test
  void aRepositoryIsNotTakenAndAHostWithoutReplicationIsAnError() {
    Path file = Specs.write(tmp, "lab.yaml", SPEC.replace("preseed: { from: syncoid }", "preseed: { from: syncoid, repository: local }"));
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0396]", "takes no `repository`");

    String noReplication = Specs.MINIMAL.replace("dataset: tank/vaultwarden }", "dataset: tank/vaultwarden, preseed: { from: syncoid } }");
    file = Specs.write(tmp, "lab.yaml", noReplication);
    run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0396]", "lab.yaml:25:80", "host `nuc` has no `replication`");

    file = Specs.write(tmp, "lab.yaml", Specs.MINIMAL.replace("dataset: tank/vaultwarden }", "dataset: tank/vaultwarden, preseed: { from: restic } }"));
    run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0396]", "needs `repository: NAME`");
  }

  /** Runs the unit's script with fake zfs, ssh, chown and chmod, the data directory at {@code dir}. */
  int run(Path out, Path dir) throws Exception {
    String script = unit(out).get("script").asText().replace("/var/lib/vaultwarden", dir.toString());
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    fake(bin, "zfs", """
        # receive logs once its stream has ended: after the sender's own line.
        case "$1" in
          # The dataset references 96 KiB (empty); its snapshots are `NAME<tab>REFERENCED` lines.
          list) echo "zfs $*" >> "$LOG"
            { printf 'tank/vaultwarden\t98304\n'; cat "$LOCAL_SNAPSHOTS" 2>/dev/null || true; } \\
              | if [[ "$*" == *referenced* ]]; then cat; else grep @ | cut -f1; fi ;;
          receive) stream=$(cat); echo "zfs $* < $stream" >> "$LOG" ;;
          get) echo "zfs $*" >> "$LOG"; echo no ;;
          *) echo "zfs $*" >> "$LOG" ;;
        esac
        """);
    fake(bin, "ssh", """
        echo "ssh $*" >> "$LOG"
        case "$*" in
          *"zfs send "*) echo "stream of ${@: -1}" ;;
          *"zfs list"*) cat "$REMOTE_SNAPSHOTS" ;;
        esac
        """);
    fake(bin, "chown", "exit 0\n");
    fake(bin, "chmod", "exit 0\n");
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("LOG", tmp.resolve("log").toString());
    pb.environment().put("LOCAL_SNAPSHOTS", tmp.resolve("local-snapshots").toString());
    pb.environment().put("REMOTE_SNAPSHOTS", tmp.resolve("remote-snapshots").toString());
    pb.environment().put("PRESEED_SSH_KEY", "/run/secrets/syncoid");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    Files.writeString(tmp.resolve("output"), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  private static void fake(Path bin, String name, String body) throws Exception {
    Path f = bin.resolve(name);
    Files.writeString(f, "#!/bin/bash\n" + body);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
