package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets nobody can decrypt (a host without an age recipient, HL0351) and secrets nothing
 * reads (HL0352) are warned about by validate and gen alike, at the place to fix.
 */
class SecretNoticesTest {

  @TempDir
  Path dir;

  private static final String HOST_AGE = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj";

  /** MINIMAL with Nextcloud, which reads its admin password; host `nuc` (line 13) has no age. */
  private static final String READS_SECRET = Specs.MINIMAL
      .replace("      immich: { tier: critical, claimed: true }\n",
          "      immich: { tier: critical, claimed: true }\n      nextcloud: { tier: critical }\n")
      + "secrets:\n  nextcloud/admin-password: {}\n";

  @Test
  void aHostThatReadsSecretsWithoutAnAgeRecipientIsWarnedAboutByValidateAndGen() throws Exception {
    Path spec = Specs.write(dir, "spec.yaml", READS_SECRET);
    Cli.Run validate = Cli.run("validate", "-f", spec.toString());
    Cli.Run gen = Cli.run("gen", "-f", spec.toString(), "-o", dir.resolve("out").toString());
    for (Cli.Run run : new Cli.Run[] {validate, gen}) {
      assertThat(run.exit()).as(run.all()).isZero();
      assertThat(run.all()).contains("warning[HL0351]: host `nuc` reads 1 secret but has no `age` recipient",
          spec + ":13:3", "ssh-to-age", "sops updatekeys secrets/nuc.yaml");
    }
    String sops = Files.readString(dir.resolve("out/.sops.yaml"));
    assertThat(sops).doesNotContain("host_nuc");
    assertThat(Files.readString(dir.resolve("out/docs/README.md")))
        .contains("**The host has no age recipient** (`hosts.nuc.age`)");
  }

  @Test
  void aHostWithItsOwnRecipientIsNotWarnedAbout() throws Exception {
    String withAge = READS_SECRET.replace("    hostId: 8425e349\n", "    hostId: 8425e349\n    age: " + HOST_AGE + "\n");
    Path spec = Specs.write(dir, "spec.yaml", withAge);
    Cli.Run gen = Cli.run("gen", "-f", spec.toString(), "-o", dir.resolve("out").toString());
    assertThat(gen.exit()).as(gen.all()).isZero();
    assertThat(gen.all()).doesNotContain("HL0351");
    assertThat(Files.readString(dir.resolve("out/.sops.yaml"))).contains("host_nuc");
    assertThat(Files.readString(dir.resolve("out/docs/README.md"))).contains("the host's own age recipient (`hosts.nuc.age`)");
  }

  @Test
  void aHostThatReadsNoSecretNeedsNoRecipient() {
    Path spec = Specs.write(dir, "spec.yaml", Specs.MINIMAL);
    Cli.Run validate = Cli.run("validate", "-f", spec.toString());
    assertThat(validate.all()).doesNotContain("HL0351");
  }

  @Test
  void aDeclaredSecretThatNothingReadsIsWarnedAboutAtItsDeclaration() {
    // Lines 28-30: the secrets block; `grafana/env` on line 30.
    String unread = READS_SECRET + "  grafana/env: {}\n";
    Path spec = Specs.write(dir, "spec.yaml", unread);
    Cli.Run validate = Cli.run("validate", "-f", spec.toString());
    assertThat(validate.exit()).as(validate.all()).isZero();
    assertThat(validate.all()).contains("warning[HL0352]: secret `grafana/env` is declared but nothing", spec + ":30:3")
        .doesNotContain("secret `nextcloud/admin-password` is declared but");
  }

  @Test
  void aSecretOfAServiceThatIsSwitchedOffIsUnread() {
    Path spec = Specs.write(dir, "spec.yaml",
        READS_SECRET.replace("nextcloud: { tier: critical }", "nextcloud: { tier: critical, enable: false }"));
    Cli.Run validate = Cli.run("validate", "-f", spec.toString());
    assertThat(validate.all()).contains("HL0352", "`nextcloud/admin-password`").doesNotContain("HL0351");
  }
}
