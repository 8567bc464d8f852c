package dev.homelab.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret values are refused wherever they hide in a spec, without taking ids, recipients,
 * image references or paths for secrets; and no secret value ever reaches the output.
 */
class SecretLookalikesTest {

  @TempDir
  Path tmp;

  private Cli.Run validate(String text) {
    Path f = Specs.write(tmp, "lab.yaml", text);
    return Cli.run("validate", "-f", f.toString());
  }

  @Test
  void valuesUnderSecretKeysAndRandomTokensAreRefusedWithTheirPlace() {
    String spec = Specs.MINIMAL.replace("    immich: { tier: critical, claimed: true }",
        "    immich: { tier: critical, nixos: { services.immich.environment.DB_PASSWORD: hunter2 } }\n"
            + "      wiki: { kind: container, port: 8300, container: { image: ghcr.io/example/wiki:2,"
            + " environment: { SESSION: 'q8ZrT1vKx4WmN7pB2cLs9YfH3dJg6A0e' } } }");
    Cli.Run run = validate(spec);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.all()).contains("error[HL0350]: `DB_PASSWORD` holds what looks like a secret value", "lab.yaml:26:",
        "error[HL0350]: this looks like a key or token (a long random string)", "lab.yaml:27:", "sops secrets/<host>.yaml");
  }

  @Test
  void aValuePastedIntoASecretSettingIsOneFinding() {
    String spec = Specs.MINIMAL.replace("    immich: { tier: critical, claimed: true }",
        "    immich: { tier: critical, claimed: true }\n      nextcloud: { tier: critical, settings: { adminPassword: hunter2 } }");
    Cli.Run run = validate(spec);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.all()).contains("error[HL0350]: `adminPassword` takes a secret reference, not a value")
        .doesNotContain("holds what looks like a secret value");
    assertThat(run.all().split("\\[HL0350]", -1)).hasSize(2);
  }

  @Test
  void idsRecipientsImagesAndFileOptionsAreNotSecrets() {
    String spec = Specs.MINIMAL.replace("    immich: { tier: critical, claimed: true }",
        "    immich: { tier: critical, nixos: { services.immich.secretsFile: /run/secrets/immich } }\n"
            + "      wiki: { kind: container, port: 8300, container: { image: ghcr.io/example/wiki@sha256:0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c,"
            + " environment: { TUNNEL: 3b1f9c2a-7d4e-4a8b-9c0d-1e2f3a4b5c6d, BASE_DN: 'dc=example,dc=org', PASSWORD_FILE: /run/secrets/x } } }");
    Cli.Run run = validate(spec);
    assertThat(run.all()).doesNotContain("HL0350");
  }

  @Test
  void noSecretValueReachesTheOutputAndTheSopsFileIsKept() throws Exception {
    // The spec names secrets; their values live only in secrets/nuc.yaml, which gen never writes.
    String spec = Specs.MINIMAL.replace("    immich: { tier: critical, claimed: true }",
        "    immich: { tier: critical, claimed: true }\n      nextcloud: { tier: critical }")
        + "secrets:\n  nextcloud/admin-password: {}\n";
    Path f = Specs.write(tmp, "lab.yaml", spec);
    Path out = tmp.resolve("out");
    List<String> values = List.of("Tr0ub4dor&3-nextcloud-admin", "AGE-SECRET-KEY-1QQQEXAMPLE");
    String sops = "nextcloud:\n  admin-password: " + values.get(0) + "\n# " + values.get(1) + "\n";
    Files.createDirectories(out.resolve("secrets"));
    Files.writeString(out.resolve("secrets/nuc.yaml"), sops);
    Cli.Run run = Cli.run("gen", "-f", f.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(Files.readString(out.resolve("secrets/nuc.yaml"))).isEqualTo(sops);
    assertThat(Files.readString(out.resolve("secrets/nuc.required.yaml"))).contains("admin-password");
    try (Stream<Path> files = Files.walk(out)) {
      for (Path p : files.filter(Files::isRegularFile).filter(p -> !p.endsWith(Path.of("secrets/nuc.yaml"))).toList()) {
        String text = Files.readString(p);
        for (String v : values) {
          assertThat(text).as("%s", out.relativize(p)).doesNotContain(v);
        }
      }
    }
  }
}
