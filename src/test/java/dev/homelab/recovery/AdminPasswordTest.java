package dev.homelab.recovery;

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
 * {@code admins.<name>.passwordHash}: the user's hashed password comes from a sops secret
 * decrypted before users are created, on every host (each has the admin); a host with an
 * ephemeral root takes its users from the configuration only, since /etc/shadow is wiped.
 */
class AdminPasswordTest {

  @TempDir
  Path tmp;

  static final String AGE = "    age: age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq\n";

  static String withPassword(String spec) {
    return spec.replace(AGE, AGE + "    passwordHash: { secret: alice/password-hash }\n") + "secrets:\n  alice/password-hash: {}\n";
  }

  static String ephemeral(String spec) {
    return spec.replace("    hostId: 8425e349\n", "    hostId: 8425e349\n    role: desktop\n    impermanence: { persist: /persist }\n");
  }

  @Test
  void thePasswordHashIsASecretReadBeforeUsersAreCreated() throws Exception {
    String spec = withPassword(Specs.MINIMAL);
    Path out = Cli.gen(tmp, spec);
    Path base = out.resolve("modules/base.nix");
    assertThat(Files.readString(base)).contains("hashedPasswordFile = config.sops.secrets.\"alice/password-hash\".path;",
        "sops.secrets.\"alice/password-hash\".neededForUsers = true;");
    assertThat(Files.readString(out.resolve("secrets/nuc.required.yaml"))).contains("alice:\n  password-hash:\n    owner: root\n",
        "users.users.alice.hashedPasswordFile");
    assertThat(OptionChecks.assertEveryOptionExists(Specs.write(tmp, "again.yaml", spec))).isPositive();

    NixTool.require();
    Path eval = tmp.resolve("eval.nix");
    Files.writeString(eval, "(import " + base + " { config.sops.secrets.\"alice/password-hash\".path = \"/run/secrets-for-users/alice/password-hash\";"
        + " lib.mkDefault = v: v; }).users.users.alice.hashedPasswordFile\n");
    NixTool.Result r = NixTool.evalJson(eval);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(new ObjectMapper().readValue(r.out(), String.class)).isEqualTo("/run/secrets-for-users/alice/password-hash");
  }

  @Test
  void withoutAPasswordHashNothingChanges() throws Exception {
    Path out = Cli.gen(tmp, Specs.MINIMAL);
    assertThat(Files.readString(out.resolve("modules/base.nix"))).doesNotContain("hashedPasswordFile", "neededForUsers")
        .contains("have no password, so sudo must not ask for one");
  }

  @Test
  void anEphemeralRootTakesItsUsersFromTheConfigurationOnly() throws Exception {
    Path out = Cli.gen(tmp, ephemeral(withPassword(Specs.MINIMAL)));
    assertThat(Files.readString(out.resolve("hosts/nuc/impermanence.nix"))).contains("users.mutableUsers = false;");
    Path plain = Cli.gen(Files.createDirectories(tmp.resolve("plain")), withPassword(Specs.MINIMAL));
    assertThat(plain.resolve("hosts/nuc/impermanence.nix")).doesNotExist();
    assertThat(Files.readString(plain.resolve("hosts/nuc/default.nix"))).doesNotContain("mutableUsers");
  }

  @Test
  void aDesktopWithAnEphemeralRootWarnsAboutAnAdminWithoutPassword() throws Exception {
    Path file = Specs.write(tmp, "lab.yaml", ephemeral(Specs.MINIMAL));
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.all()).contains("warning[HL0325]: admin `alice` has no password", "lab.yaml:7:3", "mkpasswd -m yescrypt");

    Path fixed = Specs.write(tmp, "fixed.yaml", ephemeral(withPassword(Specs.MINIMAL)));
    Cli.Run ok = Cli.run("validate", "-f", fixed.toString());
    assertThat(ok.exit()).as(ok.all()).isZero();
    assertThat(ok.all()).doesNotContain("HL0325");

    // A server with an ephemeral root has no display manager to log in at: no warning.
    Path server = Specs.write(tmp, "server.yaml", ephemeral(Specs.MINIMAL).replace("    role: desktop\n", ""));
    assertThat(Cli.run("validate", "-f", server.toString()).all()).doesNotContain("HL0325");
  }
}
