package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.OptionChecks;
import dev.homelab.testing.Specs;
import dev.homelab.testing.UnitOrdering;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup job's hooks: the units of {@code stop} (a service by name stops its main unit, a
 * unit by its name) stop during the run beside the SQLite services and start again after it,
 * also when it fails; {@code preBackup} runs before them, {@code postBackup} after; a job with a
 * higher {@code priority} waits for the lower ones of its host; {@code idle} lowers its CPU and
 * I/O priority. restic through the module's prepare and cleanup commands, Borg through its
 * unit's {@code preStart} and {@code postStop} (its {@code postHook} runs only after a success).
 */
class BackupHooksTest {

  static final String SPEC = Specs.MINIMAL + """
      secrets:
        restic: {}
      backups:
        repositories:
          local: { path: /srv/restic, password: { secret: restic } }
          borg: { kind: borg, path: /srv/borg, password: { secret: restic } }
        jobs:
          nightly:
            to: [local]
            services: [vaultwarden]
            stop: [immich]
            preBackup: |
              echo starting
              sync
            postBackup: echo done
            priority: 20
          early:
            to: [local, borg]
            paths: [/etc/nixos]
            hosts: [nuc]
            stop: [vaultwarden.service]
            priority: 10
            idle: true
      """;

  @TempDir
  Path tmp;

  @Test
  void resticRunsThePreCommandsThenStopsThenStartsThenThePostCommands() throws Exception {
    Path out = Cli.gen(tmp, SPEC);
    String backups = Files.readString(out.resolve("hosts/nuc/backups.nix"));
    // vaultwarden stops for its SQLite database, immich (its main unit) because the job says so.
    assertThat(backups).contains("""
            backupPrepareCommand = ''
              echo starting
              sync
              systemctl stop vaultwarden.service immich-server.service
            '';
        """, """
            backupCleanupCommand = ''
              systemctl start vaultwarden.service immich-server.service
              echo done
            '';
        """);
    assertThat(backups).contains("stops immich-server.service while it runs (backups.jobs.nightly.stop)");
    OptionChecks.assertEveryOptionExists(tmp.resolve("lab.yaml"));
  }

  @Test
  void aHigherPriorityWaitsForTheLowerOnesAndIdleLowersTheJobsPriority() throws Exception {
    Path out = Cli.gen(tmp, SPEC);
    String backups = Files.readString(out.resolve("hosts/nuc/backups.nix"));
    String nightly = UnitOrdering.unit(backups, "restic-backups-nightly");
    assertThat(nightly).contains("\"restic-backups-early-local.service\"", "\"borgbackup-job-early-borg.service\"")
        .doesNotContain("Nice");
    assertThat(UnitOrdering.unit(backups, "restic-backups-early-local")).doesNotContain("restic-backups-nightly")
        .contains("serviceConfig.Nice = 19;", "serviceConfig.IOSchedulingClass = \"idle\";");
    // Borg: the stop and start around the run in the unit itself, whatever its outcome.
    String borg = UnitOrdering.unit(backups, "borgbackup-job-early-borg");
    assertThat(borg).contains("preStart = \"systemctl stop vaultwarden.service\";", "postStop = \"systemctl start vaultwarden.service\";",
        "serviceConfig.Nice = 19;");
    // The job's two repositories one after the other: each stops and starts the unit itself.
    assertThat(borg).contains("\"restic-backups-early-local.service\"");
  }

  @Test
  void aStopNamingNothingTheJobsHostsRunIsALocatedError() {
    Path file = Specs.write(tmp, "lab.yaml", SPEC.replace("stop: [immich]", "stop: [imich]"));
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0494]", "lab.yaml:37:14", "stops `imich`", "did you mean `immich`");

    file = Specs.write(tmp, "lab.yaml", SPEC.replace("stop: [vaultwarden.service]", "stop: [vaultwardn.service]"));
    run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0494]", "stops `vaultwardn.service`", "did you mean `vaultwarden.service`");

    String elsewhere = SPEC.replace("      immich: { tier: critical, claimed: true }\n", "")
        .replace("hosts:\n  nuc:\n", "hosts:\n  box:\n    stateVersion: \"25.05\"\n    services:\n      immich: { claimed: true }\n  nuc:\n")
        .replace("    hosts: [nuc]\n", "    hosts: [nuc]\n").replace("      services: [vaultwarden]\n", "      services: [vaultwarden]\n      hosts: [nuc]\n");
    file = Specs.write(tmp, "lab.yaml", elsewhere);
    run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0494]", "`immich` runs on no host backup job `nightly` runs on (nuc)");
  }
}
