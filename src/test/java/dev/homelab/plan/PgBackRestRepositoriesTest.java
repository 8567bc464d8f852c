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
 * pgBackRest into a local folder (posix) and over SFTP: the repositories' options as the
 * module numbers them, encryption with the passphrase from the env file, the SSH key from sops
 * readable by postgres and pgbackrest, the host key checked against the spec's fingerprint or
 * accepted on first contact, and for a local folder the jobs run as postgres, which owns it.
 */
class PgBackRestRepositoriesTest {

  static final String FP = "3f8a2c1d4e5b6a7980e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7";

  static final String SPEC = Specs.MINIMAL
      .replace("          vaultwarden: { quota: 2G }\n", "          vaultwarden: { quota: 2G }\n"
          + "          pgbackrest: { mountpoint: /backups/pgbackrest }\n")
      .replace("      immich: { tier: critical, claimed: true }\n", "      immich: { tier: critical, claimed: true }\n") + """
      secrets:
        pg/env: {}
        pg/nas-key: {}
      backups:
        repositories:
          disk: { path: /backups/pgbackrest, password: { secret: pg/env } }
          nas: { sftp: { host: nas.lan, user: pgbackrest, port: 2222, path: /tank/pgbackrest, key: { secret: pg/nas-key }, fingerprint: %s }, password: { secret: pg/env } }
        pgbackrest: { to: [nas, disk], full: "Sun 01:00", diff: "Mon..Sat 01:00", credentials: { secret: pg/env } }
      """.formatted(FP);

  @TempDir
  Path tmp;

  Path gen(String spec) {
    return Cli.gen(tmp, spec);
  }

  JsonNode eval(Path out) throws Exception {
    NixTool.require();
    Path eval = tmp.resolve("eval.nix");
    Files.writeString(eval, "let m = import " + out.resolve("hosts/nuc/backups.nix") + " {"
        + " lib = { mkForce = v: { _force = v; }; }; pkgs = { coreutils = \"/coreutils\"; };"
        + " config = { sops.secrets = { \"pg/env\".path = \"/run/secrets/pg/env\"; \"pg/nas-key\".path = \"/run/secrets/pg/nas-key\"; }; }; };"
        + " in { inherit (m.services) pgbackrest; inherit (m.systemd) services; secrets = m.sops.secrets;"
        + " tmpfiles = m.systemd.tmpfiles.rules or null; }\n");
    NixTool.Result r = NixTool.evalJson(eval);
    assertThat(r.exit()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void aLocalFolderAndAnSftpHost() throws Exception {
    Path out = gen(SPEC);
    JsonNode v = eval(out);
    JsonNode disk = v.at("/pgbackrest/repos/disk");
    // `host = null`: the module would otherwise take the attribute's name for a repository host.
    assertThat(disk.toString()).isEqualTo("{\"cipher-type\":\"aes-256-cbc\",\"host\":null,\"path\":\"/backups/pgbackrest\","
        + "\"retention-full\":4,\"type\":\"posix\"}");
    JsonNode nas = v.at("/pgbackrest/repos/nas");
    assertThat(nas.get("type").asText()).isEqualTo("sftp");
    assertThat(nas.get("path").asText()).isEqualTo("/tank/pgbackrest");
    assertThat(nas.get("sftp-host").asText()).isEqualTo("nas.lan");
    assertThat(nas.get("sftp-host-port").asInt()).isEqualTo(2222);
    assertThat(nas.get("sftp-host-user").asText()).isEqualTo("pgbackrest");
    assertThat(nas.get("sftp-private-key-file").asText()).isEqualTo("/run/secrets/pg/nas-key");
    assertThat(nas.get("sftp-host-key-hash-type").asText()).isEqualTo("sha256");
    assertThat(nas.get("sftp-host-key-check-type").asText()).isEqualTo("fingerprint");
    assertThat(nas.get("sftp-host-fingerprint").asText()).isEqualTo(FP);
    assertThat(nas.get("cipher-type").asText()).isEqualTo("aes-256-cbc");
    assertThat(nas.has("cipher-pass")).isFalse();

    // The key: postgres (archive-push) and pgbackrest (the module's job user) read it.
    assertThat(v.at("/secrets/pg~1nas-key").toString()).isEqualTo("{\"group\":\"pgbackrest\",\"mode\":\"0440\",\"owner\":\"postgres\"}");
    for (String unit : new String[] {"postgresql", "pgbackrest-default-full", "pgbackrest-default-diff"}) {
      JsonNode u = v.at("/services/" + unit);
      assertThat(u.at("/serviceConfig/EnvironmentFile").asText()).as(unit).isEqualTo("/run/secrets/pg/env");
      // Not a step of the unit: its list would run after the module's own (stanza-create, and
      // PostgreSQL's namespace with the folder in ReadWritePaths).
      assertThat(u.at("/serviceConfig").has("ExecStartPre")).as(unit).isFalse();
    }
    // The folder is on a dataset: the datasets unit makes it once mounted, and PostgreSQL and the
    // jobs wait for that unit.
    for (String unit : new String[] {"postgresql", "pgbackrest-default-full", "pgbackrest-default-diff"}) {
      JsonNode u = v.at("/services/" + unit);
      assertThat(u.get("requires").toString()).as(unit).isEqualTo("[\"homelab-datasets.service\"]");
      assertThat(u.get("after").toString()).as(unit).isEqualTo("[\"homelab-datasets.service\"]");
    }
    assertThat(v.at("/services").has("pgbackrest-repository-dirs")).isFalse();
    assertThat(v.get("tmpfiles").isNull()).isTrue();
    String datasets = Files.readString(out.resolve("hosts/nuc/datasets.nix"));
    assertThat(datasets.indexOf("install -d -o postgres -g postgres -m 0750 /backups/pgbackrest\n"))
        .isGreaterThan(datasets.indexOf("ensure tank/pgbackrest "));
    assertThat(v.at("/services/pgbackrest-default-full/serviceConfig/User/_force").asText()).isEqualTo("postgres");
    assertThat(v.at("/services/pgbackrest-default-full/serviceConfig/Group/_force").asText()).isEqualTo("postgres");
    assertThat(v.at("/services/postgresql/serviceConfig").has("User")).isFalse();
    assertThat(v.at("/services/postgresql/serviceConfig/ReadWritePaths").toString()).isEqualTo("[\"/backups/pgbackrest\"]");

    // repo1 is `disk`, repo2 `nas` (names sorted, as the module numbers them).
    String required = Files.readString(out.resolve("secrets/nuc.required.yaml"));
    assertThat(required).contains("PGBACKREST_REPO1_CIPHER_PASS (disk); PGBACKREST_REPO2_CIPHER_PASS (nas)")
        .doesNotContain("S3_KEY");
    String text = Files.readString(out.resolve("hosts/nuc/backups.nix"));
    assertThat(text).contains("into disk (/backups/pgbackrest)", "into nas (sftp:pgbackrest@nas.lan:/tank/pgbackrest)");
    OptionChecks.assertEveryOptionExists(tmp.resolve("lab.yaml"));
  }

  @Test
  void aLocalFolderOffTheDatasetsIsMadeWithoutWaitingForThem() throws Exception {
    Path out = gen(SPEC.replace("path: /backups/pgbackrest,", "path: /var/backup/pgbackrest,"));
    JsonNode v = eval(out);
    // Made by tmpfiles, at boot before PostgreSQL starts.
    assertThat(v.get("tmpfiles").toString()).isEqualTo("[\"d /var/backup/pgbackrest 0750 postgres postgres -\"]");
    for (String unit : new String[] {"postgresql", "pgbackrest-default-full", "pgbackrest-default-diff"}) {
      assertThat(v.at("/services/" + unit).has("requires")).as(unit).isFalse();
    }
    assertThat(Files.readString(out.resolve("hosts/nuc/datasets.nix"))).doesNotContain("/var/backup/pgbackrest");
    assertThat(v.at("/services/postgresql/serviceConfig/ReadWritePaths").toString()).isEqualTo("[\"/var/backup/pgbackrest\"]");
  }

  @Test
  void withPgBackRestAloneTheBackupCommentHeadsItsFirstJobNotPostgresql() throws Exception {
    String text = Files.readString(gen(SPEC + "  onFailure: { ntfy: https://ntfy.sh/lab }\n").resolve("hosts/nuc/backups.nix"));
    assertThat(text).doesNotContain("Backups never read");
    int comment = text.indexOf("# A failed pgBackRest backup starts homelab-notify@.");
    assertThat(comment).isPositive();
    assertThat(text.indexOf("systemd.services.", comment)).isEqualTo(text.indexOf("systemd.services.pgbackrest-default-full = {"));
    java.util.List<String> lines = text.lines().toList();
    assertThat(lines.get(lines.indexOf("  systemd.services.postgresql = {") - 1)).doesNotContain("#");
  }

  @Test
  void withoutAFingerprintTheHostKeyIsAcceptedOnFirstContactAndSftpAloneKeepsTheModulesUser() throws Exception {
    Path out = gen(SPEC.replace(", fingerprint: " + FP, "").replace("to: [nas, disk]", "to: [nas]"));
    JsonNode v = eval(out);
    JsonNode nas = v.at("/pgbackrest/repos/nas");
    assertThat(nas.get("sftp-host-key-check-type").asText()).isEqualTo("accept-new");
    assertThat(nas.has("sftp-host-fingerprint")).isFalse();
    assertThat(v.at("/services/pgbackrest-default-full/serviceConfig").has("User")).isFalse();
    assertThat(v.at("/services/pgbackrest-default-full/serviceConfig").has("ExecStartPre")).isFalse();
    assertThat(v.at("/services").has("pgbackrest-repository-dirs")).isFalse();
  }

  @Test
  void b2SharedFoldersAndBadFingerprintsAreRefused() {
    String b2 = SPEC.replace("    disk: { path: /backups/pgbackrest,", "    disk: { b2: { bucket: lab-backups }, credentials: { secret: pg/env },");
    assertThat(validate(b2)).contains("lab.yaml:" + line(b2, "pgbackrest: { to:") + ":", "HL0360", "`disk` is a B2 one", "backblazeb2.com");
    String shared = SPEC + "  jobs:\n    nightly: { to: [disk], services: [vaultwarden] }\n";
    assertThat(validate(shared)).contains("HL0360", "`disk` is also the repository of backup job `nightly`");
    String fp = SPEC.replace(FP, "SHA256:abc");
    assertThat(validate(fp)).contains("lab.yaml:" + line(fp, "nas: { sftp:") + ":", "is not a SHA-256 host key fingerprint");
  }

  String validate(String spec) {
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    return run.all();
  }

  static int line(String spec, String text) {
    return (int) spec.lines().takeWhile(l -> !l.contains(text)).count() + 1;
  }
}
