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
 * {@code preseed: { from: [syncoid, local, restic] }}: the sources are tried in order until
 * one yields data, each attempt in the journal; the Syncoid copy on the target, then the
 * dataset's newest local snapshot that holds data, then restic. Every source empty: a first
 * install, the service starts empty; a source that failed and none that restored: the unit
 * fails. The generated script runs against fake zfs, ssh and restic.
 */
class OrderedPreseedTest {

  static final String SPEC = Specs.MINIMAL
      .replace("vaultwarden: { quota: 2G }", "vaultwarden: { quota: 2G, snapshots: keep }")
      .replace("vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden }",
          "vaultwarden: { tier: critical, dataset: tank/vaultwarden, preseed: { from: [syncoid, local, restic], repository: local } }")
      .replace("      immich: { tier: critical, claimed: true }\n", "      immich: { tier: critical, claimed: true }\n"
          + "    replication:\n"
          + "      to: nas\n"
          + "      datasets: [tank/vaultwarden]\n"
          + "      sshKey: { secret: syncoid }\n"
          + "      hostKey: \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINasHostKey\"\n"
          + "  nas:\n    stateVersion: \"25.05\"\n    hostId: 1a2b3c4d\n"
          + "    storage: { vault: { size: 8T, datasets: { backups: { mountpoint: none } } } }\n")
      + "secrets:\n  syncoid: {}\n  restic: {}\nsnapshots:\n  keep: { hourly: 24 }\n"
      + "backups:\n  repositories:\n    local: { path: /srv/restic, password: { secret: restic } }\n"
      + "  jobs:\n    nightly: { to: [local], services: [vaultwarden], at: \"02:00\" }\n";

  @TempDir
  Path tmp;

  JsonNode unit(Path out) throws Exception {
    NixTool.require();
    Path eval = tmp.resolve("unit.nix");
    Files.writeString(eval, "(import " + out.resolve("hosts/nuc/preseed.nix")
        + " { pkgs = { openssh = \"openssh\"; coreutils = \"coreutils\"; findutils = \"findutils\"; restic = \"restic\"; };"
        + " config = { boot.zfs.package = \"zfs\"; sops.secrets.syncoid.path = \"/run/secrets/syncoid\";"
        + " sops.secrets.restic.path = \"/run/secrets/restic\"; }; })"
        + ".systemd.services.preseed-vaultwarden\n");
    NixTool.Result r = NixTool.evalJson(eval);
    assertThat(r.exit()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void theUnitRunsBeforeTheServiceAndItsSnapshotsAfterTheDatasetsAndTheNetwork() throws Exception {
    Path out = Cli.gen(tmp, SPEC);
    JsonNode u = unit(out);
    assertThat(u.get("before").toString())
        .isEqualTo("[\"vaultwarden.service\",\"sanoid.service\",\"syncoid-tank-vaultwarden.service\"]");
    assertThat(u.get("requiredBy").toString()).isEqualTo("[\"vaultwarden.service\"]");
    assertThat(u.get("after").toString()).isEqualTo("[\"homelab-datasets.service\",\"network-online.target\"]");
    assertThat(u.at("/unitConfig/ConditionDirectoryNotEmpty").asText()).isEqualTo("!/var/lib/vaultwarden");
    assertThat(u.at("/environment/PRESEED_SYNCOID_KEY").asText()).isEqualTo("/run/secrets/syncoid");
    assertThat(u.at("/environment/RESTIC_REPOSITORY").asText()).isEqualTo("/srv/restic");
    assertThat(Files.readString(out.resolve("docs/README.md")))
        .contains("the Syncoid copy `vault/backups/nuc/vaultwarden` on nas, else the newest local snapshot of `tank/vaultwarden`"
            + " that holds data, else restic local (tried in that order");
    OptionChecks.assertEveryOptionExists(tmp.resolve("lab.yaml"));
  }

  @Test
  void theSyncoidCopyComesFirstAndTheOtherSourcesAreNotTried() throws Exception {
    Files.writeString(tmp.resolve("remote-snapshots"), "vault/backups/nuc/vaultwarden@syncoid_nuc_1\n");
    Files.writeString(tmp.resolve("local-snapshots"), "tank/vaultwarden@autosnap_1\t5242880\n");
    Files.writeString(tmp.resolve("restic-snapshots"), "[{\"id\":\"abc\"}]");
    // Local snapshots hold data: syncoid refuses to receive over them, and local restores.
    assertThat(run()).as(output()).isZero();
    assertThat(output()).contains("trying syncoid", "syncoid failed (exit 1)", "trying local", "restored from local")
        .doesNotContain("trying restic");
    assertThat(log()).contains("zfs rollback -r tank/vaultwarden@autosnap_1").noneMatch(l -> l.contains("receive"));

    Files.writeString(tmp.resolve("local-snapshots"), "");
    assertThat(run()).as(output()).isZero();
    assertThat(output()).contains("restored from syncoid").doesNotContain("trying local", "trying restic");
    assertThat(log()).contains("zfs receive -F -u -x mountpoint tank/vaultwarden < stream of vault/backups/nuc/vaultwarden@syncoid_nuc_1")
        .noneMatch(l -> l.startsWith("restic"));
  }

  @Test
  void withNoCopyTheNewestLocalSnapshotHoldingDataIsRolledBackTo() throws Exception {
    Files.writeString(tmp.resolve("remote-snapshots"), "");
    // Oldest first, as `-s createtxg` lists them: the two newest were taken after the data was lost.
    Files.writeString(tmp.resolve("local-snapshots"), "tank/vaultwarden@autosnap_1\t5242880\n"
        + "tank/vaultwarden@autosnap_2\t6291456\ntank/vaultwarden@autosnap_3\t98304\ntank/vaultwarden@autosnap_4\t98304\n");
    assertThat(run()).as(output()).isZero();
    assertThat(output()).contains("syncoid failed", "rolling tank/vaultwarden back to tank/vaultwarden@autosnap_2",
        "restored from local");
    assertThat(log()).contains("zfs rollback -r tank/vaultwarden@autosnap_2");
  }

  @Test
  void withNoCopyAndNoSnapshotHoldingDataResticRestores() throws Exception {
    Files.writeString(tmp.resolve("remote-snapshots"), "");
    Files.writeString(tmp.resolve("local-snapshots"), "tank/vaultwarden@autosnap_1\t98304\n");
    Files.writeString(tmp.resolve("restic-snapshots"), "[{\"id\":\"abc\"}]");
    assertThat(run()).as(output()).isZero();
    assertThat(output()).contains("syncoid holds nothing", "local holds nothing", "restored from restic");
    assertThat(log()).contains("restic restore latest --host nuc --path /var/lib/vaultwarden --include /var/lib/vaultwarden --target /")
        .noneMatch(l -> l.contains("rollback") || l.contains("receive"));
  }

  @Test
  void everySourceEmptyIsAFirstInstallAndStartsEmpty() throws Exception {
    Files.writeString(tmp.resolve("remote-snapshots"), "");
    Files.writeString(tmp.resolve("restic-snapshots"), "[]");
    assertThat(run()).as(output()).isZero();
    assertThat(output()).contains("syncoid holds nothing", "local holds nothing", "restic holds nothing",
        "no source holds data (a first install): starting empty");
    assertThat(log()).noneMatch(l -> l.contains("restore") || l.contains("rollback") || l.contains("receive"));
  }

  @Test
  void anUnreachableTargetFallsThroughAndFailsTheUnitWhenNothingElseRestores() throws Exception {
    Files.writeString(tmp.resolve("ssh-fails"), "");
    Files.writeString(tmp.resolve("restic-snapshots"), "[]");
    assertThat(run()).as(output()).isEqualTo(1);
    assertThat(output()).contains("syncoid failed (exit 255)", "local holds nothing", "restic holds nothing",
        "no source restored and syncoid failed: not starting empty over data that may exist");

    Files.writeString(tmp.resolve("restic-snapshots"), "[{\"id\":\"abc\"}]");
    assertThat(run()).as(output()).isZero();
    assertThat(output()).contains("syncoid failed (exit 255)", "restored from restic");
  }

  @Test
  void localWithoutADatasetAndARepositoryWithoutResticAreLocatedErrors() {
    Path file = Specs.write(tmp, "lab.yaml", Specs.MINIMAL.replace("      immich: { tier: critical, claimed: true }",
        "      immich: { tier: critical, claimed: true, preseed: { from: [local] } }"));
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0396]", "lab.yaml:26:48", "`immich` has no `dataset`: a preseed from `local`");

    file = Specs.write(tmp, "lab.yaml", SPEC.replace("from: [syncoid, local, restic], repository: local",
        "from: [syncoid, local], repository: local"));
    run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0396]", "a preseed `from: [syncoid, local]` takes no `repository`");

    file = Specs.write(tmp, "lab.yaml", SPEC.replace("from: [syncoid, local, restic]", "from: [syncoid, local, syncoid]"));
    run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0205]", "`syncoid` is listed twice");
  }

  String output() throws Exception {
    return Files.readString(tmp.resolve("output"));
  }

  List<String> log() throws Exception {
    Path log = tmp.resolve("log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  Path out;

  /** Runs the unit's script with fake zfs, ssh, restic, chown and chmod; the data directory is empty. */
  int run() throws Exception {
    if (out == null) {
      out = Cli.gen(tmp, SPEC);
    }
    Files.deleteIfExists(tmp.resolve("log"));
    Path dir = Files.createDirectories(tmp.resolve("data"));
    String script = unit(out).get("script").asText().replace("/var/lib/vaultwarden", dir.toString())
        .replace("--path " + dir, "--path /var/lib/vaultwarden").replace("--include " + dir, "--include /var/lib/vaultwarden");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    fake(bin, "zfs", """
        case "$1" in
          # The dataset references 96 KiB (empty); its snapshots are `NAME<tab>REFERENCED` lines.
          list) echo "zfs $*" >> "$LOG"
            if [[ "$*" == *filesystem* ]]; then printf 'tank/vaultwarden\\t98304\\n'; fi
            cat "$LOCAL_SNAPSHOTS" 2>/dev/null | if [[ "$*" == *referenced* ]]; then cat; else cut -f1; fi ;;
          receive) stream=$(cat); echo "zfs $* < $stream" >> "$LOG" ;;
          get) echo "zfs $*" >> "$LOG"; echo yes ;;
          *) echo "zfs $*" >> "$LOG" ;;
        esac
        """);
    fake(bin, "ssh", """
        echo "ssh $*" >> "$LOG"
        if [ -e "$STATE/ssh-fails" ]; then echo "ssh: connect to host nas port 22: No route to host" >&2; exit 255; fi
        case "$*" in
          *"zfs send "*) echo "stream of ${@: -1}" ;;
          *"zfs list"*) cat "$REMOTE_SNAPSHOTS" ;;
        esac
        """);
    fake(bin, "restic", """
        echo "restic $*" >> "$LOG"
        case "$1" in
          snapshots) cat "$STATE/restic-snapshots" 2>/dev/null || echo "[]" ;;
        esac
        """);
    fake(bin, "chown", "exit 0\n");
    fake(bin, "chmod", "exit 0\n");
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("LOG", tmp.resolve("log").toString());
    pb.environment().put("STATE", tmp.toString());
    pb.environment().put("LOCAL_SNAPSHOTS", tmp.resolve("local-snapshots").toString());
    pb.environment().put("REMOTE_SNAPSHOTS", tmp.resolve("remote-snapshots").toString());
    pb.environment().put("PRESEED_SYNCOID_KEY", "/run/secrets/syncoid");
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
