package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.OptionChecks;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service behind the proxy believes the visitor's address from the proxy on loopback, in
 * the header its catalog entry names; one the proxy does not front gets no such trust.
 */
class ClientAddressTest {

  @TempDir
  Path tmp;

  private Path gen(String spec) throws Exception {
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    OptionChecks.assertEveryOptionExists(file);
    return out;
  }

  @Test
  void servicesBehindTheProxyTrustItForTheHeaderTheyRead() throws Exception {
    Path out = gen(Specs.MINIMAL.replace("      immich: { tier: critical, claimed: true }\n",
        "      immich: { tier: critical }\n      home-assistant: { tier: critical }\n"));
    assertThat(Files.readString(out.resolve("hosts/nuc/services/vaultwarden.nix"))).contains("IP_HEADER = \"X-Real-IP\";");
    assertThat(Files.readString(out.resolve("hosts/nuc/services/immich.nix")))
        .contains("environment.IMMICH_TRUSTED_PROXIES = \"127.0.0.1,::1\";");
    assertThat(Files.readString(out.resolve("hosts/nuc/services/home-assistant.nix")))
        .contains("use_x_forwarded_for = true;", "trusted_proxies = [\n          \"127.0.0.1\"\n          \"::1\"\n        ];");
    // Without a tunnel, Caddy trusts no peer for a visitor's address: no server options at all.
    String caddy = Files.readString(out.resolve("hosts/nuc/caddy.nix"));
    assertThat(caddy).doesNotContain("trusted_proxies", "globalConfig").contains("header_up X-Real-IP {client_ip}");
  }

  @Test
  void aServiceTheProxyDoesNotFrontTrustsNoForwardedHeader() throws Exception {
    Path out = gen(Specs.MINIMAL.replace("vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden }",
        "vaultwarden: { tier: critical, dataset: tank/vaultwarden, expose: [] }"));
    assertThat(Files.readString(out.resolve("hosts/nuc/services/vaultwarden.nix"))).doesNotContain("IP_HEADER");
    assertThat(Files.readString(out.resolve("hosts/nuc/services/immich.nix"))).contains("IMMICH_TRUSTED_PROXIES");
  }
}
