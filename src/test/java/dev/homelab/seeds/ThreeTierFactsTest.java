package dev.homelab.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Examples;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's server in the flake generated from examples/three-tier.yaml: restic jobs on
 * systemd timers, one schedule and retention per tier (Tier 2 daily keeping 30 days, Tier 3
 * weekly keeping 90 days, server state daily keeping 14 days), to the NAS and offsite to B2,
 * and a failed job reported through OnFailure.
 */
class ThreeTierFactsTest {

  static Map<String, String> out;
  static String backups;

  @BeforeAll
  static void generate() {
    out = Examples.render(Path.of("examples/three-tier.yaml"));
    backups = out.get("hosts/server/backups.nix");
  }

  /** The attribute set of one restic job. */
  static String job(String name) {
    int at = backups.indexOf("services.restic.backups." + name + " = {");
    assertThat(at).as(name).isNotNegative();
    return backups.substring(at, backups.indexOf("\n  };\n", at));
  }

  @Test
  void theServerRunsItsServices() {
    for (String s : new String[] {"forgejo", "immich", "jellyfin", "syncthing"}) {
      assertThat(out).containsKey("hosts/server/services/" + s + ".nix");
    }
  }

  @Test
  void eachTierHasItsScheduleAndRetention() {
    for (String repo : new String[] {"nas", "offsite"}) {
      assertThat(job("tier2-" + repo)).contains("\"/var/lib/syncthing\"", "OnCalendar = \"*-*-* 01:30:00\";",
          "Persistent = true;", "pruneOpts = [ \"--keep-daily 30\" ];");
      assertThat(job("tier3-" + repo)).contains("\"/var/lib/immich\"", "\"/var/lib/jellyfin\"", "\"/srv/media\"",
          "OnCalendar = \"Sun 02:30\";", "pruneOpts = [ \"--keep-within 90d\" ];");
      assertThat(job("state-" + repo)).contains("\"/etc/ssh\"", "\"/var/lib/nixos\"", "OnCalendar = \"*-*-* 04:00:00\";",
          "pruneOpts = [ \"--keep-daily 14\" ];");
    }
  }

  @Test
  void toTheNasOverSftpAndOffsiteToB2() {
    assertThat(job("tier2-nas")).contains("repository = \"sftp:restic@nas:/tank/restic/server\";",
        // Laid out as nixfmt lays out a string too long for its line.
        "\"sftp.command='ssh restic@nas -i ${\n        config.sops.secrets.\"restic/nas-ssh-key\".path\n"
            + "      } -o StrictHostKeyChecking=accept-new -s sftp'\"",
        "passwordFile = config.sops.secrets.\"restic/password\".path;");
    assertThat(job("tier2-offsite")).contains("repository = \"b2:three-tier-backups:server\";",
        "environmentFile = config.sops.secrets.\"restic/b2-env\".path;");
    assertThat(out.get("secrets/server.required.yaml")).contains("B2_ACCOUNT_ID", "the SSH private key that restic@nas accepts");
  }

  @Test
  void photosAreBackedUpWithTheirDatabaseDump() {
    assertThat(job("tier3-nas")).contains("\"/var/backup/postgresql\"");
    assertThat(backups).contains("systemd.services.restic-backups-tier3-nas = {\n"
        + "    requires = [ \"postgresqlBackup-immich.service\" ];\n"
        + "    after = [ \"postgresqlBackup-immich.service\" ];\n"
        + "    onFailure = [ \"homelab-notify@%n.service\" ];");
  }

  @Test
  void failuresAreReported() {
    for (String unit : new String[] {"tier2-nas", "tier2-offsite", "tier3-nas", "tier3-offsite", "state-nas", "state-offsite"}) {
      int at = backups.indexOf("systemd.services.restic-backups-" + unit + " = {");
      assertThat(at).as(unit).isNotNegative();
      assertThat(backups.substring(at, backups.indexOf("};", at))).contains("onFailure = [ \"homelab-notify@%n.service\" ];");
    }
    int at = backups.indexOf("systemd.services.\"homelab-notify@\" = {");
    assertThat(at).isNotNegative();
    assertThat(backups.substring(at)).contains("scriptArgs = \"%i\";", "path = [ pkgs.curl ];",
        "systemctl status --full --no-pager --lines=20 \"$unit\"",
        "--data-binary \"$status\" 'https://ntfy.sh/three-tier-server-backups'");
  }

  @Test
  void theRepositoriesAreCheckedWeekly() {
    int at = backups.indexOf("systemd.services.restic-check-state-offsite = {");
    assertThat(at).isNotNegative();
    assertThat(backups.substring(at, backups.indexOf("\n  };\n", at))).contains(
        "RESTIC_REPOSITORY = \"b2:three-tier-backups:server\";",
        "EnvironmentFile = config.sops.secrets.\"restic/b2-env\".path;",
        "script = \"restic check --read-data-subset=5% --retry-lock 2h\";", "startAt = \"Sat 05:00\";",
        "onFailure = [ \"homelab-notify@%n.service\" ];");
    assertThat(backups).contains("systemd.services.restic-check-state-nas = {");
  }
}
