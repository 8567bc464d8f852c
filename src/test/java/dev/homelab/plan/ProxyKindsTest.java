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

/**
 * The same sites through Traefik and Nginx: per-site source ranges, forward auth, client
 * certificates, the tunnel listener, and one wildcard certificate by ACME DNS-01.
 */
class ProxyKindsTest {

  @TempDir
  Path tmp;

  /** LAN + tailnet sites, one behind Authelia, one with mTLS, one public through the tunnel. */
  static String spec(String kind) {
    return Specs.MINIMAL
        .replace("      tailscale: true\n", "      tailscale: true\n"
            + "      tunnel: { id: 3b1f9c2a-7d4e-4a8b-9c0d-1e2f3a4b5c6d, credentials: { secret: tunnel } }\n"
            + "      proxy: { kind: " + kind + ", tls: acme, acmeEmail: admin@example.org, dnsToken: { secret: dns },"
            + " clientCa: { secret: client-ca } }\n")
        .replace("    immich: { tier: critical }",
            "    immich: { tier: critical, sso: { groups: [family] }, expose: [lan, tailscale, public] }\n"
                + "      authelia: { tier: critical }\n"
                + "      radarr: { mtls: true, expose: [lan] }")
        + "secrets:\n  authelia/jwt-secret: {}\n  authelia/storage-encryption-key: {}\n  tunnel: {}\n  dns: {}\n  client-ca: {}\n";
  }

  private Path gen(String kind) throws Exception {
    Path file = Specs.write(tmp, kind + ".yaml", spec(kind));
    Path out = tmp.resolve(kind);
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(out.resolve("hosts/nuc/caddy.nix")).doesNotExist();
    OptionChecks.assertEveryOptionExists(file);
    assertThat(Files.readString(out.resolve("hosts/nuc/default.nix"))).contains("./" + kind + ".nix");
    assertThat(Files.readString(out.resolve("secrets/nuc.required.yaml"))).contains("dns:", "client-ca:");
    return out;
  }

  @Test
  void traefikRoutesEachSiteWithItsExposure() throws Exception {
    Path out = gen("traefik");
    String t = Files.readString(out.resolve("hosts/nuc/traefik.nix"));
    assertThat(t).contains(
        "websecure.address = \":443\";",
        "tunnel.address = \"127.0.0.1:8081\";",
        "rule = \"Host(`photos.example.org`)\";",
        "immich-sources.ipAllowList.sourceRange = [",
        "\"192.168.1.0/24\"",
        "\"100.64.0.0/10\"",
        "address = \"http://127.0.0.1:9091/api/authz/forward-auth\";",
        "clientAuthType = \"RequireAndVerifyClientCert\";",
        "options = \"mtls\";",
        "certFile = \"/var/lib/acme/example.org/fullchain.pem\";",
        "domain = \"*.example.org\";",
        "dnsProvider = \"cloudflare\";",
        "environmentFile = config.sops.secrets.dns.path;",
        "url = \"http://127.0.0.1:2283\";");
    // The tunnel's router asks Authelia too, but admits every source (the tunnel is the internet).
    String tunnelRouter = t.substring(t.indexOf("immich-tunnel = {"), t.indexOf("};", t.indexOf("immich-tunnel = {")));
    assertThat(tunnelRouter).contains("\"tunnel\"", "\"sso\"").doesNotContain("sources");
    // radarr (LAN only) is not on the tailnet's list.
    String radarr = t.substring(t.indexOf("radarr-sources"), t.indexOf("];", t.indexOf("radarr-sources")));
    assertThat(radarr).contains("192.168.1.0/24").doesNotContain("100.64.0.0/10");
    assertThat(Files.readString(out.resolve("hosts/nuc/tunnel.nix"))).contains("\"photos.example.org\" = \"http://127.0.0.1:8081\";");
    NixTool.require();
    assertThat(NixTool.parse(out.resolve("hosts/nuc/traefik.nix")).exit()).isZero();
  }

  @Test
  void nginxAllowsEachSiteItsSourcesOnly() throws Exception {
    Path out = gen("nginx");
    String n = Files.readString(out.resolve("hosts/nuc/nginx.nix"));
    assertThat(n).contains(
        "onlySSL = true;",
        "useACMEHost = \"example.org\";",
        "allow 192.168.1.0/24;",
        "allow 100.64.0.0/10;",
        "deny all;",
        "auth_request /internal/authz;",
        "proxyPass = \"http://127.0.0.1:9091/api/authz/auth-request\";",
        "error_page 401 =302 https://authelia.example.org/?rd=$scheme://$http_host$request_uri;",
        "ssl_verify_client on;",
        "ssl_client_certificate /run/secrets/homelab-client-ca.pem;",
        "serverName = \"photos.example.org\";",
        "port = 8081;",
        "proxyPass = \"http://127.0.0.1:2283\";",
        "rejectSSL = true;");
    NixTool.require();
    assertThat(NixTool.parse(out.resolve("hosts/nuc/nginx.nix")).exit()).isZero();
  }
}
