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
        .replace("    immich: { tier: critical, claimed: true }",
            "    immich: { tier: critical, claimed: true, sso: { groups: [family] }, expose: [lan, tailscale, public] }\n"
                + "      authelia: { tier: critical, expose: [lan, tailscale, public] }\n"
                + "      radarr: { mtls: true, expose: [lan] }")
        + "secrets:\n  authelia/jwt-secret: {}\n  authelia/storage-encryption-key: {}\n  authelia/users: {}\n  tunnel: {}\n  dns: {}\n  client-ca: {}\n";
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
        "address = \":443\";",
        "address = \"127.0.0.1:8081\";",
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
    int at = t.indexOf("immich-tunnel = {");
    String tunnelRouter = t.substring(at, t.indexOf("};", at));
    assertThat(tunnelRouter).contains("\"tunnel\"", "\"sso\"").doesNotContain("sources");
    // The tunnel's entry point keeps cloudflared's X-Forwarded-For (the visitor last); 443 trusts no peer.
    assertThat(t).contains("address = \"127.0.0.1:8081\";\n          forwardedHeaders.trustedIPs = [\n"
        + "            \"127.0.0.1/32\"\n            \"::1/128\"\n          ];");
    assertThat(t.split("trustedIPs", -1).length - 1).isEqualTo(1);
    // radarr (LAN only) is not on the tailnet's list.
    assertThat(t).contains("radarr-sources.ipAllowList.sourceRange = [ \"192.168.1.0/24\" ];");
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
        "error_page 401 =302 https://authelia.example.org/?rd=https://$http_host$request_uri;",
        "ssl_verify_client on;",
        "ssl_client_certificate /run/secrets/homelab-client-ca.pem;",
        "serverName = \"photos.example.org\";",
        "port = 8081;",
        "proxyPass = \"http://127.0.0.1:2283\";",
        "rejectSSL = true;");
    // On the tunnel's server the peer is cloudflared: $remote_addr becomes the visitor's CF-Connecting-IP.
    int tunnel = n.indexOf("\"tunnel-photos.example.org\" = {");
    String server = n.substring(tunnel, n.indexOf("\n      };\n", tunnel));
    assertThat(server).contains("set_real_ip_from 127.0.0.1/32;", "set_real_ip_from ::1/128;", "real_ip_header CF-Connecting-IP;");
    // Only the tunnel's servers (Immich's and Authelia's) trust a peer for the visitor's address.
    assertThat(n.split("real_ip_header", -1).length - 1).isEqualTo(n.split("\"tunnel-", -1).length - 1).isEqualTo(2);
    NixTool.require();
    assertThat(NixTool.parse(out.resolve("hosts/nuc/nginx.nix")).exit()).isZero();
  }

  /** Pocket ID behind oauth2-proxy: the group list goes into the check, a 401 goes to sign in. */
  static String pocketId(String kind) {
    return Specs.MINIMAL
        .replace("      tailscale: true\n", "      tailscale: true\n"
            + "      proxy: { kind: " + kind + ", tls: acme, dnsToken: { secret: dns } }\n")
        .replace("    immich: { tier: critical, claimed: true }",
            "    immich: { tier: critical, claimed: true, sso: { groups: [family, admin] } }\n"
                + "      pocket-id: { tier: critical }\n"
                + "      oauth2-proxy: { tier: critical }")
        + "secrets:\n  dns: {}\n  pocket-id/env: {}\n  oauth2-proxy/env: {}\n";
  }

  private String genPocketId(String kind) throws Exception {
    Path file = Specs.write(tmp, "pocket-" + kind + ".yaml", pocketId(kind));
    Path out = tmp.resolve("pocket-" + kind);
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    OptionChecks.assertEveryOptionExists(file);
    NixTool.require();
    assertThat(NixTool.parse(out.resolve("hosts/nuc/" + kind + ".nix")).exit()).isZero();
    return Files.readString(out.resolve("hosts/nuc/" + kind + ".nix"));
  }

  @Test
  void caddyAsksOauth2ProxyWithTheSitesGroups() throws Exception {
    String caddy = genPocketId("caddy");
    int at = caddy.indexOf("\"photos.example.org\".extraConfig");
    String site = caddy.substring(at, caddy.indexOf("\'\';", at));
    assertThat(site).contains("forward_auth 127.0.0.1:4180 {", "uri /oauth2/auth?allowed_groups=family,admin",
        "copy_headers X-Auth-Request-User X-Auth-Request-Email X-Auth-Request-Groups",
        "@unauthorized status 401", "redir * https://oauth.example.org/oauth2/start?rd=https://{host}{uri}",
        "tls /var/lib/acme/example.org/cert.pem /var/lib/acme/example.org/key.pem");
    int vault = caddy.indexOf("\"passwords.example.org\".extraConfig");
    assertThat(caddy.substring(vault, caddy.indexOf("\'\';", vault))).doesNotContain("forward_auth");
    assertThat(caddy).contains("after = [ \"acme-example.org.service\" ];");
  }

  @Test
  void nginxAsksOauth2ProxyWithTheSitesGroups() throws Exception {
    String nginx = genPocketId("nginx");
    assertThat(nginx).contains("proxyPass = \"http://127.0.0.1:4180/oauth2/auth?allowed_groups=family,admin\";",
        "error_page 401 =302 https://oauth.example.org/oauth2/start?rd=https://$http_host$request_uri;",
        "proxy_set_header X-Auth-Request-User $auth_x_auth_request_user;");
  }
}
