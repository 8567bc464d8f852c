package dev.homelab.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code homelab validate} on a port clash: exit 1, and both claims located. */
class PortClashCliTest {

  @TempDir
  Path dir;

  @Test
  void twoServicesOnOnePortExitOneAndNameBothPlaces() {
    // vaultwarden's catalog port is 8000; line 25 is vaultwarden, line 26 immich.
    Path file = Specs.write(dir, "lab.yaml", Specs.MINIMAL
        .replace("dataset: tank/vaultwarden }", "dataset: tank/vaultwarden, port: 9000 }")
        .replace("immich: { tier: critical, claimed: true }", "immich: { tier: critical, port: 9000 }"));
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.all())
        .contains("error[HL0301]")
        .contains(file + ":25:86")
        .contains(file + ":26:39")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
  }

  @Test
  void portOnCatalogDefaultOfAnotherServiceExitOneAndNameBothPlaces() {
    // immich's catalog port is 2283; vaultwarden (line 25) takes it explicitly.
    Path file = Specs.write(dir, "lab.yaml", Specs.MINIMAL
        .replace("dataset: tank/vaultwarden }", "dataset: tank/vaultwarden, port: 2283 }"));
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.all())
        .contains("error[HL0301]")
        .contains(file + ":25:86")
        .contains(file + ":26:7")
        .contains("default")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
  }

  @Test
  void explicitPortOnCatalogDefaultOfEarlierServiceExitOne() {
    // vaultwarden (line 25) keeps its default 8000; immich (line 26) asks for 8000.
    Path file = Specs.write(dir, "lab.yaml", Specs.MINIMAL
        .replace("immich: { tier: critical, claimed: true }", "immich: { tier: critical, port: 8000 }"));
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.all()).contains(file + ":25:7").contains(file + ":26:39");
  }

  @Test
  void distinctPortsAreValid() {
    Path file = Specs.write(dir, "lab.yaml", Specs.MINIMAL
        .replace("immich: { tier: critical, claimed: true }", "immich: { tier: critical, port: 2284 }"));
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).as(run.all()).isEqualTo(0);
    assertThat(run.out()).contains("valid: 1 host(s), 2 service(s)");
  }
}
