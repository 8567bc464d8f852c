package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options a spec writes under `nixos:` land in the host's or service's file, over the generated ones. */
class OwnNixosOptionsTest {

  @TempDir
  Path tmp;

  @Test
  void ownOptionsMergeIntoTheFileAndWinOverGeneratedOnes() throws Exception {
    String spec = Specs.MINIMAL
        .replace("    immich: { tier: critical, claimed: true }",
            "    immich: { tier: critical, nixos: { services.immich.host: \"0.0.0.0\", services.immich.environment.IMMICH_LOG_LEVEL: verbose } }")
        .replace("    stateVersion: \"25.05\"\n", "    stateVersion: \"25.05\"\n    nixos: { boot.kernelParams: [quiet], networking.firewall.allowPing: false }\n");
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    String immich = Files.readString(out.resolve("hosts/nuc/services/immich.nix"));
    assertThat(immich).contains("host = \"0.0.0.0\";", "environment.IMMICH_LOG_LEVEL = \"verbose\";", "port = 2283;")
        .doesNotContain("host = \"127.0.0.1\";");
    String host = Files.readString(out.resolve("hosts/nuc/default.nix"));
    assertThat(host).contains("boot.kernelParams = [ \"quiet\" ];", "firewall.allowPing = false;",
        "# From the spec (hosts.nuc.nixos).");
  }

  @Test
  void aMisspeltOptionFailsValidationWithTheClosestName() {
    String spec = Specs.MINIMAL.replace("    immich: { tier: critical, claimed: true }",
        "    immich: { tier: critical, nixos: { services.immich.mediaLocaton: /srv/photos } }");
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0390]", "lab.yaml:26:", "did you mean `services.immich.mediaLocation`?");
  }

  @Test
  void anOptionOutsideTheCatalogIsAWarningNotAnError() {
    String spec = Specs.MINIMAL.replace("    stateVersion: \"25.05\"\n",
        "    stateVersion: \"25.05\"\n    nixos: { hardware.fancontrol.enable: true }\n");
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.err()).contains("warning[HL0390]", "not checked");
  }
}
