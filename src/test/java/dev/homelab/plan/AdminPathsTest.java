package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import dev.homelab.testing.OptionChecks;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A public site of a kind with admin paths (Vaultwarden's /admin) refuses them (403) to the
 * internet, on 443 served directly and on the tunnel's listener, with every proxy; the LAN
 * and the tailnet still reach them, and {@code publicAdmin: true} serves them to everyone.
 */
class AdminPathsTest {

  @TempDir
  Path tmp;

  static final String VAULTWARDEN = "vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden }";

  /** Vaultwarden public, through the tunnel or (without one) on 443 by ACME HTTP-01. */
  static String spec(String kind, boolean tunnel, boolean publicAdmin) {
    String proxy = tunnel
        ? "      tunnel: { id: 3b1f9c2a-7d4e-4a8b-9c0d-1e2f3a4b5c6d, credentials: { secret: tunnel } }\n"
            + "      proxy: { kind: " + kind + ", tls: acme, dnsToken: { secret: dns } }\n"
        : "      proxy: { kind: " + kind + ", tls: acme, acmeEmail: admin@example.org }\n";
    return Specs.MINIMAL
        .replace("      tailscale: true\n", "      tailscale: true\n" + proxy)
        .replace(VAULTWARDEN, VAULTWARDEN.replace(" }", ", expose: [lan, tailscale, public]"
            + (publicAdmin ? ", publicAdmin: true" : "") + " }"))
        + (tunnel ? "secrets:\n  tunnel: {}\n  dns: {}\n" : "");
  }

  private String gen(String kind, boolean tunnel, boolean publicAdmin) throws Exception {
    String name = kind + (tunnel ? "-tunnel" : "-direct") + (publicAdmin ? "-public-admin" : "");
    Path file = Specs.write(tmp, name + ".yaml", spec(kind, tunnel, publicAdmin));
    Path out = tmp.resolve(name);
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    OptionChecks.assertEveryOptionExists(file);
    Path proxy = out.resolve("hosts/nuc/" + kind + ".nix");
    if (hasNix()) {
      assertThat(NixTool.parse(proxy).exit()).as(name).isZero();
    }
    return Files.readString(proxy);
  }

  /** A Caddy site's lines, unindented. */
  static String caddySite(String caddy, String key) {
    int at = caddy.indexOf("\"" + key + "\".extraConfig");
    if (at < 0) {
      // A tunnel site: a set of its own with hostName and extraConfig.
      at = caddy.indexOf("\"" + key + "\" = {");
    }
    assertThat(at).as(key).isNotNegative();
    at = caddy.indexOf("extraConfig", at);
    return caddy.substring(at, caddy.indexOf("'';", at)).lines().map(String::strip).collect(Collectors.joining("\n"));
  }

  @Test
  void caddyOn443RefusesAdminToEverySourceButTheLanAndTheTailnet() throws Exception {
    String site = caddySite(gen("caddy", false, false), "passwords.example.org");
    assertThat(site).contains("@admin {\npath /admin /admin/*\nnot remote_ip 192.168.1.0/24 100.64.0.0/10 fd7a:115c:a1e0::/48\n}\n"
        + "respond @admin 403\nreverse_proxy 127.0.0.1:8000");
  }

  @Test
  void caddyTunnelListenerRefusesAdminToEveryone() throws Exception {
    String caddy = gen("caddy", true, false);
    assertThat(caddySite(caddy, "tunnel-passwords.example.org"))
        .contains("bind 127.0.0.1\n@admin path /admin /admin/*\nrespond @admin 403\nreverse_proxy 127.0.0.1:8000");
    // On 443 only the LAN and the tailnet are admitted, /admin included.
    assertThat(caddySite(caddy, "passwords.example.org")).contains("@allowed remote_ip 192.168.1.0/24").doesNotContain("@admin");
  }

  @Test
  void traefikAdminRoutersAdmitOnlyTheLanAndTheTailnet() throws Exception {
    String direct = gen("traefik", false, false);
    assertThat(direct).contains("vaultwarden-admin = {",
        "rule = \"Host(`passwords.example.org`) && (Path(`/admin`) || PathPrefix(`/admin/`))\";",
        "middlewares = [ \"vaultwarden-admin-sources\" ];",
        "vaultwarden-admin-sources.ipAllowList.sourceRange = [\n            \"192.168.1.0/24\"\n"
            + "            \"100.64.0.0/10\"\n            \"fd7a:115c:a1e0::/48\"\n          ];");
    String tunnel = gen("traefik", true, false);
    int at = tunnel.indexOf("vaultwarden-tunnel-admin = {");
    assertThat(at).isNotNegative();
    // Requests on the tunnel's listener all come from cloudflared on loopback: no allow list admits them.
    assertThat(tunnel.substring(at, tunnel.indexOf("};", at))).contains("entryPoints = [ \"tunnel\" ];",
        "middlewares = [ \"vaultwarden-admin-sources\" ];").doesNotContain("127.0.0.1/");
  }

  @Test
  void nginxAdminLocationsAllowOnlyTheLanAndTheTailnet() throws Exception {
    String direct = gen("nginx", false, false);
    for (String location : new String[] {"\"= /admin\"", "\"/admin/\""}) {
      int at = direct.indexOf(location + " = {");
      assertThat(at).as(location).isNotNegative();
      assertThat(direct.substring(at, direct.indexOf("};", at))).contains("proxyPass = \"http://127.0.0.1:8000\";",
          "allow 192.168.1.0/24;", "allow 100.64.0.0/10;", "allow fd7a:115c:a1e0::/48;", "deny all;");
    }
    String tunnel = gen("nginx", true, false);
    int at = tunnel.indexOf("\"tunnel-passwords.example.org\" = {");
    String server = tunnel.substring(at, tunnel.indexOf("\n      };", at));
    assertThat(server.replaceAll("\\s+", " ")).contains("\"= /admin\" = { return = \"403\"; };",
        "\"/admin/\" = { return = \"403\"; };");
  }

  @ParameterizedTest
  @ValueSource(strings = {"caddy", "traefik", "nginx"})
  void publicAdminServesTheAdminPathsToEveryone(String kind) throws Exception {
    for (boolean tunnel : new boolean[] {false, true}) {
      assertThat(gen(kind, tunnel, true)).doesNotContain("@admin", "vaultwarden-admin", "/admin");
      assertThat(gen(kind, tunnel, false)).contains("/admin");
    }
  }

  private static boolean hasNix() {
    try {
      NixTool.require();
      return true;
    } catch (org.opentest4j.TestAbortedException e) {
      return false;
    }
  }
}
