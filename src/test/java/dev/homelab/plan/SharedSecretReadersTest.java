package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HL0386: one secret read on one host by services that run as different users is warned about
 * at its declaration, by validate and gen alike; a secret for each reader is not.
 */
class SharedSecretReadersTest {

  @TempDir
  Path dir;

  /** Vaultwarden (user vaultwarden) and Nextcloud (user nextcloud) both read `shared` (line 28). */
  private static final String SHARED = Specs.MINIMAL
      .replace("      vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden }\n",
          "      vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden, settings: { adminEnv: { secret: shared } } }\n"
              + "      nextcloud: { tier: critical, settings: { adminPassword: { secret: shared } } }\n")
      + "secrets:\n  shared: {}\n";

  @Test
  void aSecretReadAsTwoUsersIsWarnedAboutAtItsDeclaration() {
    Path spec = Specs.write(dir, "spec.yaml", SHARED);
    Cli.Run validate = Cli.run("validate", "-f", spec.toString());
    Cli.Run gen = Cli.run("gen", "-f", spec.toString(), "-o", dir.resolve("out").toString());
    for (Cli.Run run : new Cli.Run[] {validate, gen}) {
      assertThat(run.exit()).as(run.all()).isZero();
      assertThat(run.all())
          .contains("warning[HL0386]: secret `shared` is read on host `nuc` as 2 users: `vaultwarden` (Vaultwarden"
              + " vaultwarden) and `nextcloud` (Nextcloud nextcloud); its one file belongs to `nextcloud`: `vaultwarden`"
              + " cannot read it")
          .contains(spec + ":29:3")
          .contains("declare a secret for each reader");
    }
  }

  @Test
  void aSecretForEachReaderIsNotWarnedAbout() {
    String apart = SHARED.replace("adminEnv: { secret: shared }", "adminEnv: { secret: vaultwarden-env }")
        .replace("  shared: {}\n", "  shared: {}\n  vaultwarden-env: {}\n");
    Path spec = Specs.write(dir, "spec.yaml", apart);
    Cli.Run validate = Cli.run("validate", "-f", spec.toString());
    assertThat(validate.exit()).as(validate.all()).isZero();
    assertThat(validate.all()).doesNotContain("HL0386");
  }

  @Test
  void aSecretReadAsOneUserAndAsRootIsNotWarnedAbout() {
    // The restic password: root's backup job and nothing else; root reads every file anyway.
    Path spec = Specs.write(dir, "spec.yaml", Specs.MINIMAL
        .replace("      vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden }\n",
            "      vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden, settings: { adminEnv: { secret: shared } } }\n")
        + "secrets:\n  shared: {}\nbackups:\n  repositories:\n    local: { path: /backups/restic, password: { secret: shared } }\n"
        + "  jobs:\n    nightly: { to: [local], paths: [/var/lib], at: \"02:00\" }\n");
    Cli.Run validate = Cli.run("validate", "-f", spec.toString());
    assertThat(validate.all()).doesNotContain("HL0386");
  }
}
