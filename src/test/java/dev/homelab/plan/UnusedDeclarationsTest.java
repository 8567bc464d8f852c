package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Declarations that do nothing are warned about (the failing cases are the examples of
 * docs/errors/HL0361.md and HL0371.md, checked by ErrorPagesTest); declarations that take
 * effect are not.
 */
class UnusedDeclarationsTest {

  @TempDir
  Path dir;

  private Cli.Run validate(String text) {
    return Cli.run("validate", "-f", Specs.write(dir, "spec.yaml", text).toString());
  }

  private static final String BACKED_UP = Specs.MINIMAL.replace("  critical: { phase: 1 }\n",
      "  critical: { phase: 1, backup: [nightly], snapshots: state }\n") + """
      snapshots:
        state: { hourly: 24, daily: 7 }
      secrets:
        restic/password: {}
      backups:
        repositories:
          local: { path: /srv/restic, password: { secret: restic/password } }
        jobs:
      """;

  @Test
  void aJobOnEveryHostAndAPolicyOnADatasetAreNotWarnedAbout() {
    Cli.Run run = validate(BACKED_UP + "    nightly: { to: [local] }\n");
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.all()).doesNotContain("HL0361").doesNotContain("HL0371");
  }

  @Test
  void aJobLimitedToAnotherHostLeavesTheServicesOfThisOneUnbackedUp() {
    String spec = BACKED_UP + "    nightly: { to: [local], hosts: [nas] }\n";
    spec = spec.replace("hosts:\n  nuc:", "hosts:\n  nas:\n    stateVersion: \"25.05\"\n  nuc:");
    Cli.Run run = validate(spec);
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.all()).contains("warning[HL0361]: `nuc/vaultwarden` is in backup job `nightly` (by its tier `critical`),"
        + " but the job runs only on `nas`: its data is backed up nowhere");
  }

  @Test
  void aPolicyOfATierWhoseServicesHaveNoDatasetIsUnused() {
    String spec = BACKED_UP.replace("      vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden }\n",
        "      vaultwarden: { claimed: true, tier: critical }\n") + "    nightly: { to: [local] }\n";
    Cli.Run run = validate(spec);
    assertThat(run.all()).contains("warning[HL0371]: snapshot policy `state` is taken by no dataset");
  }
}
