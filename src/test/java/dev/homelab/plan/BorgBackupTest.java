package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import dev.homelab.testing.OptionChecks;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A borg repository, local (on a dataset) or over SFTP: the job's repository, encryption with
 * the passphrase read from sops at run time, paths, excludes, timer, retention, the SSH command
 * with the key from sops, the database dumps taken before it and the failure report.
 */
class BorgBackupTest {

  static final String SPEC = Specs.MINIMAL
      .replace("          vaultwarden: { quota: 2G }\n", "          vaultwarden: { quota: 2G }\n"
          + "          backups: { mountpoint: /backups }\n          immich: { mountpoint: /var/lib/immich }\n")
      .replace("      immich: { tier: critical, claimed: true }\n", "      immich: { tier: critical, dataset: tank/immich }\n") + """
      secrets:
        borg/password: {}
        borg/nas-key: {}
      backups:
        onFailure: { ntfy: https://ntfy.sh/lab-backups }
        repositories:
          local: { kind: borg, path: /backups/borg, password: { secret: borg/password } }
          nas: { kind: borg, sftp: { host: nas.lan, user: borg, port: 2222, path: /tank/borg, key: { secret: borg/nas-key } }, password: { secret: borg/password } }
        jobs:
          nightly:
            to: [local, nas]
            services: [vaultwarden, immich]
            paths: [/etc/nixos]
            exclude: [/var/lib/vaultwarden/icon_cache]
            schedule: "Mon..Sat 02:30"
            keep: { within: 48h, daily: 7, weekly: 4, monthly: 6 }
      """;

  @TempDir
  Path tmp;

  Path gen(String spec) {
    return Cli.gen(tmp, spec);
  }

  JsonNode eval(Path out) throws Exception {
    NixTool.require();
    assertThat(NixTool.parse(out.resolve("hosts/nuc/backups.nix")).exit()).isZero();
    Path eval = tmp.resolve("eval.nix");
    Files.writeString(eval, "let m = import " + out.resolve("hosts/nuc/backups.nix") + " {"
        + " pkgs = { curl = \"curl\"; coreutils = \"/coreutils\"; };"
        + " config = { sops.secrets = { \"borg/password\".path = \"/run/secrets/borg/password\";"
        + " \"borg/nas-key\".path = \"/run/secrets/borg/nas-key\"; }; }; };"
        + " in { inherit (m.services) borgbackup postgresqlBackup; inherit (m.systemd) services; secrets = m.sops.secrets; }\n");
    NixTool.Result r = NixTool.evalJson(eval);
    assertThat(r.exit()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void aLocalAndAnSftpRepositoryEachGetAJob() throws Exception {
    Path out = gen(SPEC);
    JsonNode v = eval(out);
    JsonNode local = v.at("/borgbackup/jobs/nightly-local");
    JsonNode nas = v.at("/borgbackup/jobs/nightly-nas");

    assertThat(local.get("repo").asText()).isEqualTo("/backups/borg");
    assertThat(nas.get("repo").asText()).isEqualTo("ssh://borg@nas.lan:2222/tank/borg");
    // The module creates a local repository's folder at activation, at boot before the pool is
    // mounted: on a dataset, the datasets unit creates it once mounted instead (below).
    assertThat(local.get("removableDevice").asBoolean()).isTrue();
    assertThat(nas.has("removableDevice")).isFalse();
    for (JsonNode job : new JsonNode[] {local, nas}) {
      assertThat(job.at("/encryption/mode").asText()).isEqualTo("repokey-blake2");
      assertThat(job.at("/encryption/passCommand").asText()).isEqualTo("cat /run/secrets/borg/password");
      assertThat(job.has("encryption.passphrase")).isFalse();
      assertThat(job.get("paths").toString()).isEqualTo(
          "[\"/etc/nixos\",\"/var/backup/postgresql\",\"/var/lib/vaultwarden\",\"/var/lib/immich\"]");
      assertThat(job.get("exclude").toString()).contains("\"/var/lib/vaultwarden/icon_cache\"", "\"/var/lib/immich/thumbs\"",
          "\"/var/lib/immich/encoded-video\"");
      assertThat(job.get("startAt").asText()).isEqualTo("Mon..Sat 02:30");
      assertThat(job.get("persistentTimer").asBoolean()).isTrue();
      assertThat(job.get("compression").asText()).matches("none|(auto,)?(lz4|zstd|zlib|lzma)(,[0-9]{1,2})?");
      // borg's hour is `H`; the module accepts `[0-9]+[Hdwmy]` and ints.
      assertThat(job.at("/prune/keep").toString()).isEqualTo("{\"daily\":7,\"monthly\":6,\"weekly\":4,\"within\":\"48H\"}");
    }
    assertThat(local.has("environment")).isFalse();
    assertThat(nas.at("/environment/BORG_RSH").asText()).isEqualTo("ssh -i /run/secrets/borg/nas-key -o BatchMode=yes"
        + " -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=/root/.config/borg/known_hosts");

    // PostgreSQL (Immich) is dumped right before each job; the local repository's dataset is mounted first.
    assertThat(v.at("/postgresqlBackup/databases").toString()).isEqualTo("[\"immich\"]");
    JsonNode lu = v.at("/services/borgbackup-job-nightly-local");
    assertThat(lu.get("requires").toString()).isEqualTo("[\"homelab-datasets.service\",\"postgresqlBackup-immich.service\"]");
    assertThat(lu.get("after").toString()).isEqualTo("[\"homelab-datasets.service\",\"postgresqlBackup-immich.service\"]");
    assertThat(lu.has("serviceConfig")).isFalse();
    String datasets = Files.readString(out.resolve("hosts/nuc/datasets.nix"));
    assertThat(datasets.indexOf("install -d -o root -g root -m 0700 /backups/borg\n"))
        .isGreaterThan(datasets.indexOf("ensure tank/backups "));
    assertThat(lu.get("onFailure").toString()).isEqualTo("[\"homelab-notify@%n.service\"]");
    JsonNode nu = v.at("/services/borgbackup-job-nightly-nas");
    assertThat(nu.get("wants").toString()).isEqualTo("[\"network-online.target\"]");
    // After the local job: each stops Vaultwarden (SQLite) for its run, and must not start it while the other reads.
    assertThat(nu.get("after").toString()).isEqualTo(
        "[\"network-online.target\",\"homelab-datasets.service\",\"postgresqlBackup-immich.service\",\"borgbackup-job-nightly-local.service\"]");
    assertThat(nu.has("serviceConfig")).isFalse();
    assertThat(nu.get("onFailure").toString()).isEqualTo("[\"homelab-notify@%n.service\"]");

    // The passphrase and the key only ever appear as sops paths.
    assertThat(v.at("/secrets").toString()).isEqualTo("{\"borg/nas-key\":{},\"borg/password\":{}}");
    String text = Files.readString(out.resolve("hosts/nuc/backups.nix"));
    assertThat(text).contains("# Job nightly-local: Mon..Sat 02:30 into local (/backups/borg)",
        "# Job nightly-nas: Mon..Sat 02:30 into nas (ssh://borg@nas.lan:2222/tank/borg)")
        .doesNotContain("passphrase");
    OptionChecks.assertEveryOptionExists(tmp.resolve("lab.yaml"));
  }

  @Test
  void aBorgRepositoryInABucketIsRefused() {
    String spec = SPEC.replace("    nas: { kind: borg, sftp:", "    r2: { kind: borg, s3: { endpoint: https://x.r2.cloudflarestorage.com,"
        + " bucket: lab }, credentials: { secret: borg/password }, password: { secret: borg/password } }\n    nas: { kind: borg, sftp:");
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(spec).contains("r2: { kind: borg");
    assertThat(run.exit()).isEqualTo(1);
    int line = (int) spec.lines().takeWhile(l -> !l.contains("r2: { kind: borg")).count() + 1;
    assertThat(run.all()).contains("lab.yaml:" + line + ":", "HL0360", "a borg repository is a local `path` or `sftp`");
  }
}
