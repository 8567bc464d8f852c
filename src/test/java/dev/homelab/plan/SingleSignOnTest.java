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

/** Services marked `sso` are reached through Authelia's forward auth, with access rules per group. */
class SingleSignOnTest {

  @TempDir
  Path tmp;

  static final String SPEC = Specs.MINIMAL.replace("    immich: { tier: critical, claimed: true }",
      "    immich: { tier: critical, claimed: true, sso: { groups: [family] } }\n"
          + "      authelia: { tier: critical }\n"
          + "      radarr: { sso: true }")
      + "secrets:\n  authelia/jwt-secret: {}\n  authelia/storage-encryption-key: {}\n  authelia/users: {}\n";

  @Test
  void theProxyAsksAutheliaAndAutheliaKnowsWhoMayPass() throws Exception {
    Path file = Specs.write(tmp, "lab.yaml", SPEC);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    String caddy = Files.readString(out.resolve("hosts/nuc/caddy.nix"));
    int photos = caddy.indexOf("\"photos.example.org\".extraConfig");
    String site = caddy.substring(photos, caddy.indexOf("'';", photos));
    assertThat(site).contains("forward_auth 127.0.0.1:9091 {", "uri /api/authz/forward-auth", "reverse_proxy 127.0.0.1:2283");
    assertThat(site.indexOf("forward_auth")).isLessThan(site.indexOf("reverse_proxy"));
    int vault = caddy.indexOf("\"passwords.example.org\".extraConfig");
    assertThat(caddy.substring(vault, caddy.indexOf("'';", vault))).doesNotContain("forward_auth");
    String authelia = Files.readString(out.resolve("hosts/nuc/services/authelia.nix"));
    assertThat(authelia).contains("domain = \"photos.example.org\";", "subject = [ \"group:family\" ];",
        "domain = \"radarr.example.org\";", "policy = \"two_factor\";");

    OptionChecks.assertEveryOptionExists(file);
    NixTool.require();
    assertThat(NixTool.parse(out.resolve("hosts/nuc/services/authelia.nix")).exit()).isZero();
    assertThat(NixTool.parse(out.resolve("hosts/nuc/caddy.nix")).exit()).isZero();
  }
}
