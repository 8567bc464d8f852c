package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import dev.homelab.testing.Trees;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kind whose first visitor takes the admin account is served over the tailnet only, with a
 * warning naming what is held back, until the spec says {@code claimed: true}; a secret
 * setting that provisions the account (Vaultwarden's admin env) serves it at once.
 */
class FirstAccountTest {

  @TempDir
  Path tmp;

  static final String IMMICH = "immich: { tier: critical, claimed: true }";
  static final String VAULTWARDEN = "vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden }";

  /** The small spec with a tunnel, Immich and Vaultwarden public, as {@code immich} and {@code vaultwarden} say. */
  static String spec(String immich, String vaultwarden) {
    return Specs.MINIMAL
        .replace("      tailscale: true\n", "      tailscale: true\n"
            + "      tunnel: { id: 3b1f9c2a-7d4e-4a8b-9c0d-1e2f3a4b5c6d, credentials: { secret: tunnel } }\n")
        .replace(IMMICH, immich).replace(VAULTWARDEN, vaultwarden)
        + "secrets:\n  tunnel: {}\n  vaultwarden/admin-env: {}\n";
  }

  record Gen(Cli.Run run, Map<String, String> files) {
    String file(String path) {
      assertThat(files).containsKey(path);
      return files.get(path);
    }
  }

  private Gen gen(String name, String text) {
    Path file = Specs.write(tmp, name + ".yaml", text);
    Path out = tmp.resolve(name);
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    return new Gen(run, Trees.snapshot(out));
  }

  /** A Caddy site's text: {@code fqdn} on 443, {@code tunnel-fqdn} on the tunnel's listener. */
  static String site(String caddy, String key) {
    int at = caddy.indexOf("\"" + key + "\".extraConfig");
    if (at < 0) {
      at = caddy.indexOf("\"" + key + "\" = {");
    }
    return at < 0 ? null : caddy.substring(at, caddy.indexOf("'';", at));
  }

  @Test
  void unclaimedImmichIsServedOverTheTailnetOnlyAndGenSaysWhy() {
    Gen g = gen("unclaimed", spec("immich: { tier: critical, expose: [lan, tailscale, public] }", VAULTWARDEN));
    assertThat(g.run().err()).contains("warning[HL0335]: `immich` is held back from `lan` and `public` until it is claimed",
        "help: create its first account over the tailnet, then set `claimed: true` on hosts.nuc.services.immich");
    String caddy = g.file("hosts/nuc/caddy.nix");
    assertThat(site(caddy, "photos.example.org")).contains("@allowed remote_ip 100.64.0.0/10 fd7a:115c:a1e0::/48\n")
        .doesNotContain("192.168.1.0/24");
    assertThat(site(caddy, "tunnel-photos.example.org")).isNull();
    assertThat(g.file("hosts/nuc/tunnel.nix")).doesNotContain("photos.example.org");

    Cli.Run validate = Cli.run("validate", "-f", tmp.resolve("unclaimed.yaml").toString());
    assertThat(validate.exit()).isZero();
    assertThat(validate.all()).contains("warning[HL0335]", "`immich` is held back");
  }

  @Test
  void claimedImmichIsServedWhereTheSpecSays() {
    Gen g = gen("claimed", spec("immich: { tier: critical, claimed: true, expose: [lan, tailscale, public] }", VAULTWARDEN));
    assertThat(g.run().all()).doesNotContain("HL0335");
    String caddy = g.file("hosts/nuc/caddy.nix");
    assertThat(site(caddy, "photos.example.org")).contains("@allowed remote_ip 192.168.1.0/24 100.64.0.0/10");
    assertThat(site(caddy, "tunnel-photos.example.org")).contains("reverse_proxy 127.0.0.1:2283");
    assertThat(g.file("hosts/nuc/tunnel.nix")).contains("\"photos.example.org\" = \"http://127.0.0.1:8081\";");
    assertThat(g.file("hosts/nuc/services/immich.nix")).doesNotContain("held back");
  }

  @Test
  void vaultwardenWithoutAdminTokenOpensSignUpsOnlyWhileUnclaimedAndOnlyToTheTailnet() {
    String unclaimed = "vaultwarden: { tier: critical, dataset: tank/vaultwarden, expose: [lan, tailscale, public] }";
    Gen g = gen("vw-unclaimed", spec(IMMICH, unclaimed));
    assertThat(g.file("hosts/nuc/services/vaultwarden.nix")).contains("SIGNUPS_ALLOWED = true;").doesNotContain("environmentFile");
    assertThat(site(g.file("hosts/nuc/caddy.nix"), "passwords.example.org")).doesNotContain("192.168.1.0/24");
    assertThat(g.file("hosts/nuc/tunnel.nix")).doesNotContain("passwords.example.org");
    assertThat(g.run().err()).contains("`vaultwarden` is held back from `lan` and `public`",
        "the secret `vaultwarden/admin-env` is declared but nothing reads it");

    Gen claimed = gen("vw-claimed", spec(IMMICH, unclaimed.replace("{ tier", "{ claimed: true, tier")));
    assertThat(claimed.file("hosts/nuc/services/vaultwarden.nix")).contains("SIGNUPS_ALLOWED = false;");
    assertThat(claimed.file("hosts/nuc/tunnel.nix")).contains("passwords.example.org");

    Gen admin = gen("vw-admin", spec(IMMICH, unclaimed.replace(" }", ", settings: { adminEnv: { secret: vaultwarden/admin-env } } }")));
    assertThat(admin.run().all()).doesNotContain("HL0335");
    assertThat(admin.file("hosts/nuc/services/vaultwarden.nix")).contains("SIGNUPS_ALLOWED = false;",
        "environmentFile = config.sops.secrets.\"vaultwarden/admin-env\".path;");
    assertThat(admin.file("hosts/nuc/tunnel.nix")).contains("passwords.example.org");
  }
}
