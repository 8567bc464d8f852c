package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dropping the tunnel of a host with `public` services and ACME opens it to the internet: that
 * is a warning until the spec says `directPublic: true` (HL0336; the failing case is also the
 * example of docs/errors/HL0336.md, checked by ErrorPagesTest).
 */
class DirectPublicTest {

  @TempDir
  Path dir;

  private static final String TUNNEL = Specs.MINIMAL
      .replace("      tailscale: true\n", "      tailscale: true\n      proxy: { tls: acme, acmeEmail: admin@example.org, dnsToken: { secret: acme/dns } }\n"
          + "      tunnel: { id: 6ff42ae2-765d-4adf-8112-31c55c1551ef }\n")
      .replace("vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden }",
          "vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden, expose: [lan, public] }")
      + "secrets:\n  cloudflared/credentials: {}\n  acme/dns: {}\n";

  private Cli.Run validate(String spec, String... sets) {
    String[] args = new String[2 + 2 * sets.length + 1];
    args[0] = "validate";
    args[1] = "-f";
    args[2] = Specs.write(dir, "spec.yaml", spec).toString();
    for (int i = 0; i < sets.length; i++) {
      args[3 + 2 * i] = "--set";
      args[4 + 2 * i] = sets[i];
    }
    return Cli.run(args);
  }

  @Test
  void withTheTunnelNothingIsServedDirectly() {
    assertThat(TUNNEL).contains("expose: [lan, public]", "tunnel:");
    Cli.Run run = validate(TUNNEL);
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.all()).doesNotContain("HL0336");
  }

  @Test
  void removingTheTunnelWarnsNamingThePortsUntilTheSpecSaysSo() {
    Cli.Run run = validate(TUNNEL, "hosts.nuc.network.tunnel=null");
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.all()).contains("warning[HL0336]: host `nuc` serves vaultwarden to the internet directly (no tunnel):"
        + " 443 open on every interface");
    Cli.Run meant = validate(TUNNEL, "hosts.nuc.network.tunnel=null", "hosts.nuc.network.proxy.directPublic=true");
    assertThat(meant.all()).doesNotContain("HL0336");
  }
}
