package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Examples;
import dev.homelab.testing.NixTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups never read a SQLite database while its service writes it: a job stops the main unit
 * of each service it backs up whose catalog workload is {@code sqlite}, and starts it again
 * after the run, whether it failed or not; a job's repositories run one after the other.
 */
class BackupConsistencyTest {

  @TempDir
  Path tmp;

  @Test
  void theNucsDailyJobStopsItsSqliteServicesAndOnlyThose() {
    Map<String, String> out = Examples.render(Path.of("examples/nuc-homelab.yaml"));
    String backups = out.get("hosts/nuc/backups.nix");
    // Jellyseerr runs as seerr.service on the example's NixOS 26.05.
    String services = "vaultwarden.service jellyfin.service radarr.service sonarr.service bazarr.service prowlarr.service"
        + " seerr.service audiobookshelf.service navidrome.service";
    assertThat(backups).contains("backupPrepareCommand = \"systemctl stop " + services + "\";",
        "backupCleanupCommand = \"systemctl start " + services + "\";");
    // PostgreSQL is dumped first; the rest is not SQLite.
    assertThat(backups.substring(backups.indexOf("backupPrepareCommand"), backups.indexOf("backupCleanupCommand")))
        .doesNotContain("immich", "nextcloud", "keycloak", "deluge", "radicale", "microbin");
  }

  @Test
  void aJobsRepositoriesRunOneAfterTheOtherAndEachStopsAndStarts() throws Exception {
    Map<String, String> out = Examples.render(Path.of("examples/forge.yaml"));
    Path file = tmp.resolve("backups.nix");
    Files.writeString(file, out.get("hosts/forge/backups.nix"));
    NixTool.require();
    Path eval = tmp.resolve("eval.nix");
    Files.writeString(eval, "let m = import " + file + " { lib = { }; pkgs = { restic = \"restic\"; openssh = \"ssh\";"
        + " curl = \"curl\"; }; config = { sops.secrets = builtins.listToAttrs (map (n: { name = n; value = { path = \"/s/\" + n; }; })"
        + " [ \"restic/password\" \"restic/nas-ssh-key\" \"restic/r2-env\" \"pgbackrest/r2-env\" ]);"
        + " sops.templates = { }; }; };"
        + " in { backups = m.services.restic.backups; units = m.systemd.services; }\n");
    NixTool.Result r = NixTool.evalJson(eval);
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    for (String job : new String[] {"nightly-nas", "nightly-r2"}) {
      JsonNode b = json.path("backups").path(job);
      assertThat(b.path("backupPrepareCommand").asText()).startsWith("systemctl stop ").contains("sonarr.service",
          "radarr.service", "home-assistant.service", "grafana.service", "pocket-id.service", "plex.service");
      assertThat(b.path("backupCleanupCommand").asText())
          .isEqualTo(b.path("backupPrepareCommand").asText().replace("systemctl stop ", "systemctl start "));
    }
    assertThat(json.path("units").path("restic-backups-nightly-r2").path("after").toString())
        .contains("restic-backups-nightly-nas.service");
    assertThat(json.path("units").path("restic-backups-nightly-nas").path("after").toString()).doesNotContain("nightly-r2");
  }

  @Test
  void borgStartsTheServicesAgainEvenAfterAFailure() throws Exception {
    Path out = Cli.gen(tmp, BorgBackupTest.SPEC);
    String backups = Files.readString(out.resolve("hosts/nuc/backups.nix"));
    // Borg's postHook runs only after a success: the unit's ExecStopPost (postStop) always runs.
    assertThat(backups).contains("preStart = \"systemctl stop vaultwarden.service\";",
        "postStop = \"systemctl start vaultwarden.service\";").doesNotContain("postHook");
    assertThat(backups).contains("after = [\n      \"network-online.target\"\n      \"homelab-datasets.service\"\n"
        + "      \"postgresqlBackup-immich.service\"\n      \"borgbackup-job-nightly-local.service\"\n    ];");
    assertThat(backups.split("preStart = ", -1).length - 1).isEqualTo(2);
  }
}
