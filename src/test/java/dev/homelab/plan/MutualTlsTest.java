package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import dev.homelab.testing.OptionChecks;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Services marked `mtls` admit only clients with a certificate from the host's client CA. */
class MutualTlsTest {

  @TempDir
  Path tmp;

  @Test
  void theProxyRequiresAndVerifiesClientCertificates() throws Exception {
    String spec = Specs.MINIMAL
        .replace("      tailscale: true\n", "      tailscale: true\n      proxy: { clientCa: { secret: proxy/client-ca } }\n")
        .replace("    immich: { tier: critical, claimed: true }", "    immich: { tier: critical, claimed: true }\n      radarr: { mtls: true }")
        + "secrets:\n  proxy/client-ca: {}\n";
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    String caddy = Files.readString(out.resolve("hosts/nuc/caddy.nix"));
    int radarr = caddy.indexOf("\"radarr.example.org\".extraConfig");
    String site = caddy.substring(radarr, caddy.indexOf("'';", radarr));
    assertThat(site).contains("tls internal {\n", "client_auth {", "mode require_and_verify",
        "trust_pool file /run/secrets/homelab-client-ca.pem");
    int photos = caddy.indexOf("\"photos.example.org\".extraConfig");
    assertThat(caddy.substring(photos, caddy.indexOf("'';", photos))).doesNotContain("client_auth");
    assertThat(caddy).contains("sops.secrets.\"proxy/client-ca\" = {", "owner = \"caddy\";",
        "path = \"/run/secrets/homelab-client-ca.pem\";");
    OptionChecks.assertEveryOptionExists(file);
    NixTool.require();
    assertThat(NixTool.parse(out.resolve("hosts/nuc/caddy.nix")).exit()).isZero();
  }
}
