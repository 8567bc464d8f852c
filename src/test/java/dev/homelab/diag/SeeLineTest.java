package dev.homelab.diag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every text finding ends with where its code's page is read. */
class SeeLineTest {

  private static final String CLASH = Specs.MINIMAL + "      microbin: { port: 8000, expose: [tailscale] }\n"
      + "secrets: { microbin/admin-password: {} }\n";

  @Test
  void theLineAfterTheHintNamesTheExplainCommand(@TempDir Path dir) {
    Path spec = Specs.write(dir, "lab.yaml", CLASH);
    Cli.Run run = Cli.run("validate", "-f", spec.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("""
           = help: give one of them another port with `port:`
           = see: homelab explain HL0301

        """);
  }

  @Test
  void withADocsUrlItIsThePagesAddress(@TempDir Path dir) {
    Path spec = Specs.write(dir, "lab.yaml", CLASH);
    Cli.Run run = Cli.run("validate", "-f", spec.toString(), "--docs-url", "https://example.org/docs/errors/");
    assertThat(run.err()).contains("  = see: https://example.org/docs/errors/HL0301.md\n");
  }

  @Test
  void aCodeWithoutAPageGetsNoLine() {
    assertThat(new TextRenderer(null).see("HL9999")).isNull();
    assertThat(new TextRenderer(null).see("HL0301")).isEqualTo("homelab explain HL0301");
  }
}
