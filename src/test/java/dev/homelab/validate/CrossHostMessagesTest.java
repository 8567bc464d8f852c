package dev.homelab.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A finding about two things on different hosts names each with its host. */
class CrossHostMessagesTest {

  private static final String SECOND_HOST = """
        pi:
          system: aarch64-linux
          stateVersion: "25.05"
          network:
            lan: { interfaces: [end0], ranges: [192.168.1.0/24] }
            tailscale: true
          services:
      """;

  @Test
  void theSameAddressOnTwoHostsNamesBothHosts(@TempDir Path dir) {
    Path spec = Specs.write(dir, "lab.yaml", Specs.MINIMAL.replace("hosts:\n", "hosts:\n" + SECOND_HOST
        + "      passwords: { kind: vaultwarden, claimed: true }\n"));
    Cli.Run run = Cli.run("validate", "-f", spec.toString());
    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0341]: `nuc/vaultwarden` and `pi/passwords` (at " + spec + ":20:7)"
        + " both answer on `passwords.example.org`");
  }

  @Test
  void onOneHostTheNamesStayShort(@TempDir Path dir) {
    Path spec = Specs.write(dir, "lab.yaml", Specs.MINIMAL + "      passwords: { kind: microbin, subdomain: passwords }\n"
        + "secrets: { microbin/admin-password: {} }\n");
    Cli.Run run = Cli.run("validate", "-f", spec.toString());
    assertThat(run.err()).contains("error[HL0341]: `passwords` and `vaultwarden` (at " + spec + ":25:7)");
  }

  @Test
  void namesArePairedWithTheirHostsOnlyWhenTheyDiffer() {
    assertThat(HostNames.pair("nuc", "immich", "pi", "immich")).containsExactly("nuc/immich", "pi/immich");
    assertThat(HostNames.pair("nuc", "immich", "nuc", "photos")).containsExactly("immich", "photos");
  }
}
