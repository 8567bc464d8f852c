package dev.homelab.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import dev.homelab.testing.OptionChecks;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restic repository over SSH whose host is a host of the spec: that host gets the account
 * that writes it, append-only (each repository's public key forced to serve only it through
 * {@code rclone serve restic --append-only}), and their directories; a host outside the spec
 * gets nothing.
 */
class SftpTargetTest {

  static final String KEY_A = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINucResticKey restic@nuc";
  static final String KEY_B = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINucOffsiteKey offsite@nuc";

  static String spec(String repositories) {
    return Specs.MINIMAL.replace("      immich: { tier: critical, claimed: true }\n", "      immich: { tier: critical, claimed: true }\n"
        + "  nas:\n    stateVersion: \"25.05\"\n    hostId: 1a2b3c4d\n"
        + "    storage: { vault: { size: 8T, datasets: { restic: { mountpoint: /srv/restic } } } }\n")
        + "secrets:\n  restic: {}\n  nas-key: {}\n"
        + "backups:\n  repositories:\n" + repositories
        + "  jobs:\n    nightly: { services: [vaultwarden], to: [main], at: \"02:00\" }\n";
  }

  static final String TWO = spec(
      "    main: { sftp: { host: nas, path: /srv/restic/nuc, key: { secret: nas-key }, publicKey: \"" + KEY_A + "\" }, password: { secret: restic } }\n"
      + "    second: { sftp: { host: nas.example.org, path: /srv/restic/second, key: { secret: nas-key }, publicKey: \"" + KEY_B + "\" }, password: { secret: restic } }\n");

  @TempDir
  Path tmp;

  Cli.Run gen(String spec) {
    Path file = Specs.write(tmp, "lab.yaml", spec);
    return Cli.run("gen", "-f", file.toString(), "-o", tmp.resolve("out").toString());
  }

  @Test
  void theTargetHostGetsOneAppendOnlyAccountWithBothKeysAndBothDirectories() throws Exception {
    Cli.Run run = gen(TWO);
    assertThat(run.exit()).as(run.all()).isZero();
    Path out = tmp.resolve("out");
    Path target = out.resolve("hosts/nas/backup-target.nix");
    assertThat(out.resolve("hosts/nuc/backup-target.nix")).doesNotExist();
    assertThat(Files.readString(out.resolve("hosts/nas/default.nix"))).contains("./backup-target.nix");

    NixTool.require();
    Path eval = tmp.resolve("eval.nix");
    Files.writeString(eval, "let m = import " + target + " { pkgs = { rclone = \"/rclone\"; }; }; in {"
        + " user = m.users.users.backup; group = m.users.groups ? backup;"
        + " sshd = m.services.openssh.extraConfig; tmpfiles = m.systemd.tmpfiles.rules or null;"
        + " units = m.systemd.services or { }; }\n");
    NixTool.Result r = NixTool.evalJson(eval);
    assertThat(r.exit()).as(r.err()).isZero();
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertThat(json.at("/user/isSystemUser").asBoolean()).isTrue();
    assertThat(json.at("/user/group").asText()).isEqualTo("backup");
    assertThat(json.at("/user/home").asText()).isEqualTo("/srv/restic");
    // Each key serves its own repository, append-only, whatever the client asks; no terminal, no forwarding.
    assertThat(json.at("/user/openssh/authorizedKeys/keys/0").asText())
        .isEqualTo("restrict,command=\"/rclone/bin/rclone serve restic --stdio --append-only /srv/restic/nuc\" " + KEY_A);
    assertThat(json.at("/user/openssh/authorizedKeys/keys/1").asText())
        .isEqualTo("restrict,command=\"/rclone/bin/rclone serve restic --stdio --append-only /srv/restic/second\" " + KEY_B);
    assertThat(json.at("/user/openssh/authorizedKeys/keys").size()).isEqualTo(2);
    assertThat(json.at("/user/useDefaultShell").asBoolean()).isTrue();
    assertThat(json.at("/group").asBoolean()).isTrue();
    assertThat(json.at("/sshd").asText()).isEqualTo("""
        Match User backup
          AllowTcpForwarding no
          AllowAgentForwarding no
          AllowStreamLocalForwarding no
          PermitTunnel no
          PermitTTY no
          X11Forwarding no
        Match all
        """);
    // On the dataset mounted at /srv/restic: made once it is mounted, not by tmpfiles, which runs
    // at boot before the pools are (and would make them on the root disk, under the mountpoint).
    assertThat(json.get("tmpfiles").isNull()).isTrue();
    assertThat(json.get("units").size()).isZero();
    // The datasets unit makes them once the dataset is mounted (it fails before, when it is not).
    String datasets = Files.readString(out.resolve("hosts/nas/datasets.nix"));
    int ensure = datasets.indexOf("ensure vault/restic ");
    assertThat(ensure).isPositive();
    assertThat(datasets.indexOf("install -d -o backup -g backup -m 0700 /srv/restic/nuc\n"
        + "      install -d -o backup -g backup -m 0700 /srv/restic/second\n")).isGreaterThan(ensure);
    OptionChecks.assertEveryOptionExists(tmp.resolve("lab.yaml"));
  }

  @Test
  void aDirectoryOffTheDatasetsIsMadeByTmpfiles() throws Exception {
    Cli.Run run = gen(TWO.replace("path: /srv/restic/second", "path: /var/backup/second"));
    assertThat(run.exit()).as(run.all()).isZero();
    String target = Files.readString(tmp.resolve("out/hosts/nas/backup-target.nix"));
    assertThat(target).contains("systemd.tmpfiles.rules = [ \"d /var/backup/second 0700 backup backup -\" ];")
        .doesNotContain("d /srv/restic/nuc 0700");
    assertThat(Files.readString(tmp.resolve("out/hosts/nas/datasets.nix"))).contains("install -d -o backup -g backup -m 0700 /srv/restic/nuc\n")
        .doesNotContain("/var/backup/second");
  }

  @Test
  void theDirectoryIsNeitherASystemDirectoryNorAtOrAboveADatasetOrAServicesData() {
    String system = TWO.replace("path: /srv/restic/nuc", "path: /var/lib");
    assertThat(refused(system)).contains("lab.yaml:" + line(system, "main: { sftp:") + ":",
        "`/var/lib` on `nas` is a system directory; the SFTP account of `main` would own it (mode 0700)",
        "give the repository a folder of its own below them");
    assertThat(refused(TWO.replace("path: /srv/restic/nuc", "path: /srv/restic")))
        .contains("`/srv/restic` on `nas` is the mountpoint of a dataset (/srv/restic)");
    assertThat(refused(TWO.replace("path: /srv/restic/nuc", "path: /srv/restic").replace("mountpoint: /srv/restic", "mountpoint: /srv/restic/x")))
        .contains("`/srv/restic` on `nas` is above the mountpoint of a dataset (/srv/restic/x)");
    assertThat(refused(TWO.replace("host: nas, path: /srv/restic/nuc", "host: nuc, path: /var/lib/immich")))
        .contains("`/var/lib/immich` on `nuc` is the data directory of service `immich` (/var/lib/immich)");
    assertThat(refused(TWO.replace("host: nas, path: /srv/restic/nuc", "host: nuc, path: /var/lib/vaultwarden")))
        .contains("`/var/lib/vaultwarden` on `nuc` is the mountpoint of a dataset (/var/lib/vaultwarden)");
  }

  @Test
  void theAccountMayNotBeAServicesOrAModulesUser() {
    assertThat(refused(TWO.replace("host: nas, path: /srv/restic/nuc", "host: nuc, user: vaultwarden, path: /srv/restic/nuc")))
        .contains("`vaultwarden` on `nuc` is the user of service `vaultwarden`; the SFTP account of `main` would take it over",
            "such as `backup`");
    assertThat(refused(TWO.replace("host: nas, path", "host: nas, user: postgres, path")))
        .contains("`postgres` on `nas` is a login of its own");
    // vaultwarden runs on nuc, not on nas: the name is free there.
    Path file = Specs.write(tmp, "lab.yaml", TWO.replace("host: nas, path", "host: nas, user: vaultwarden, path"));
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).as(run.all()).isZero();
  }

  String refused(String spec) {
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0360]");
    return run.err();
  }

  static int line(String spec, String text) {
    return (int) spec.lines().takeWhile(l -> !l.contains(text)).count() + 1;
  }

  @Test
  void aHostOutsideTheSpecGetsNoAccount() throws Exception {
    Cli.Run run = gen(TWO.replace("host: nas,", "host: backup.example.net,").replace("host: nas.example.org,", "host: nas-2,"));
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(tmp.resolve("out/hosts/nas/backup-target.nix")).doesNotExist();
  }

  @Test
  void withoutAPublicKeyTheAccountIsGeneratedAndTheSpecWarns() throws Exception {
    String spec = spec("    main: { sftp: { host: nas, path: /srv/restic/nuc, key: { secret: nas-key } }, password: { secret: restic } }\n");
    Cli.Run run = gen(spec);
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.err()).contains("warning[HL0360]", "lab.yaml:36:13", "`nas` gets the SFTP account `backup` for `main` without a key");
    String target = Files.readString(tmp.resolve("out/hosts/nas/backup-target.nix"));
    assertThat(target).contains("users.users.backup = {", "Match User backup", "give backups.repositories.<r>.sftp.publicKey")
        .doesNotContain("openssh.authorizedKeys.keys = [");
  }

  @Test
  void theTargetPrunesWithEachJobsRetentionAndTheClientCannot() throws Exception {
    Cli.Run run = gen(TWO.replace("at: \"02:00\" }", "at: \"02:00\", keep: { daily: 7, weekly: 4 } }"));
    assertThat(run.exit()).as(run.all()).isZero();
    String client = Files.readString(tmp.resolve("out/hosts/nuc/backups.nix"));
    assertThat(client).contains("repository = \"rclone:nas:/srv/restic/nuc\";", "extraBackupArgs = [ \"--tag nightly\" ];",
        "rclone.program='ssh backup@nas -i ${").doesNotContain("pruneOpts", "sftp.command");
    String target = Files.readString(tmp.resolve("out/hosts/nas/backup-target.nix"));
    assertThat(target).contains("services.restic.backups.prune-main-nightly = {", "repository = \"/srv/restic/nuc\";",
        "passwordFile = config.sops.secrets.restic.path;", "user = \"backup\";", "paths = [ ];",
        "OnCalendar = \"*-*-* 12:00:00\";",
        "\"--tag nightly\"", "\"--retry-lock 2h\"", "\"--keep-daily 7\"", "\"--keep-weekly 4\"",
        "sops.secrets.restic = {\n    owner = \"backup\";");
    // No job writes to `second`: nothing to prune there.
    assertThat(target).doesNotContain("prune-second");
    assertThat(Files.readString(tmp.resolve("out/secrets/nas.required.yaml"))).contains("restic:", "owner: backup");
    OptionChecks.assertEveryOptionExists(tmp.resolve("lab.yaml"));
  }

  @Test
  void anAccountPgBackRestSharesStaysSftpOnly() throws Exception {
    String spec = TWO + "  pgbackrest: { to: [second], full: \"Sun 01:00\", keepFull: 2, credentials: { secret: pg-env } }\n";
    spec = spec.replace("secrets:\n  restic: {}\n", "secrets:\n  restic: {}\n  pg-env: {}\n");
    Cli.Run run = gen(spec);
    assertThat(run.exit()).as(run.all()).isZero();
    String target = Files.readString(tmp.resolve("out/hosts/nas/backup-target.nix"));
    assertThat(target).contains("Match User backup\n      ForceCommand internal-sftp").doesNotContain("rclone");
    assertThat(Files.readString(tmp.resolve("out/hosts/nuc/backups.nix"))).contains("repository = \"sftp:backup@nas:/srv/restic/nuc\";");
  }

  @Test
  void theAccountMayNotBeALoginOfItsOwn() {
    Path file = Specs.write(tmp, "lab.yaml", TWO.replace("host: nas, path", "host: nas, user: alice, path"));
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0360]", "`alice` on `nas` is a login of its own");
  }

  @Test
  void aPublicKeyIsCheckedForItsShape() {
    Path file = Specs.write(tmp, "lab.yaml", TWO.replace("publicKey: \"" + KEY_A + "\"", "publicKey: \"AAAA restic@nuc\""));
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("not an SSH public key");
  }
}
