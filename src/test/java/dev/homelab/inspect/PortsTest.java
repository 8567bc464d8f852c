package dev.homelab.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.cli.Pipeline;
import dev.homelab.testing.Examples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortsTest {

  private static final Pipeline.Checked NUC = Examples.check(Path.of("examples/nuc-homelab.yaml"));

  private static PortRow row(String service) {
    return Ports.of(NUC.spec(), ServiceCatalog.builtIn()).stream()
        .filter(r -> r.service().equals(service)).findFirst().orElseThrow();
  }

  @Test
  void aProxiedServiceListensOnLoopbackWithItsCatalogPortAndItsUrl() {
    assertThat(row("vaultwarden")).isEqualTo(new PortRow("nuc", "vaultwarden", 8000, "tcp", "127.0.0.1",
        List.of("lan", "tailscale", "public"), "https://passwords.example.org"));
  }

  @Test
  void anUnclaimedServiceIsReachedOverTheTailnetOnly() {
    assertThat(row("immich").exposure()).containsExactly("tailscale");
  }

  @Test
  void aServiceWithoutExposeHasItsKindsDefaultExposure() {
    assertThat(row("deluge")).isEqualTo(new PortRow("nuc", "deluge", 8112, "tcp", "127.0.0.1",
        List.of("lan", "tailscale"), "https://deluge.example.org"));
  }

  @Test
  void sshComesFirstWithItsPortAndExposure() {
    assertThat(Ports.of(NUC.spec(), "nuc", ServiceCatalog.builtIn()).get(0))
        .isEqualTo(new PortRow("nuc", "ssh", 22, "tcp", "0.0.0.0", List.of("lan", "tailscale"), null));
  }

  @Test
  void anUnknownHostHasNoPorts() {
    assertThat(Ports.of(NUC.spec(), "nope", ServiceCatalog.builtIn())).isEmpty();
  }
}
