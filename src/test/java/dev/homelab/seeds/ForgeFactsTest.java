package dev.homelab.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Examples;
import dev.homelab.testing.UnitOrdering;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 001's forge in the flake generated from examples/forge.yaml: Caddy with one wildcard
 * certificate by DNS-01, Pocket ID behind oauth2-proxy for forward auth with the access
 * groups admin, home and media, OIDC where services speak it, the tunnel for public sites.
 */
class ForgeFactsTest {

  static Map<String, String> out;

  @BeforeAll
  static void generate() {
    out = Examples.render(Path.of("examples/forge.yaml"));
  }

  static String file(String path) {
    assertThat(out).containsKey(path);
    return out.get(path);
  }

  /** The catalog's subdomain of a kind. */
  static String subdomain(String kind) {
    try {
      return java.nio.file.Files.readAllLines(Path.of("templates/services", kind, "service.yaml")).stream()
          .filter(l -> l.startsWith("subdomain: ")).map(l -> l.substring("subdomain: ".length()).trim())
          .findFirst().orElse(kind);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String site(String caddy, String fqdn) {
    int at = caddy.indexOf("\"" + fqdn + "\".extraConfig");
    assertThat(at).as(fqdn).isNotNegative();
    return caddy.substring(at, caddy.indexOf("'';", at));
  }

  @Test
  void everyUnitUsingTheMediaDatasetWaitsForIt() {
    // tank/media mounts at /data/media: Plex and qBittorrent's libraries, Tdarr's volume.
    assertThat(UnitOrdering.requiresDatasets(file("hosts/forge/services/plex.nix"), "plex")).isTrue();
    assertThat(UnitOrdering.requiresDatasets(file("hosts/forge/services/qbittorrent.nix"), "qbittorrent")).isTrue();
    String tdarr = file("hosts/forge/services/tdarr.nix");
    assertThat(UnitOrdering.requiresDatasets(tdarr, "podman-tdarr")).isTrue();
    // Its own folders on the root disk are made at boot; the dataset's mountpoint keeps the dataset's owner and mode.
    assertThat(tdarr).contains("\"/data/media:/media\"", "\"d /var/lib/tdarr 0750 tdarr media -\"",
        "\"d /var/lib/tdarr/cache 0750 tdarr media -\"").doesNotContain("d /data/media");
    assertThat(file("hosts/forge/datasets.nix")).doesNotContain("install -d -o tdarr");
    // A service on no dataset at all does not wait.
    assertThat(UnitOrdering.unit(file("hosts/forge/services/mosquitto.nix"), "mosquitto")).isNull();
  }

  @Test
  void accessGroupsGuardTheSites() {
    String caddy = file("hosts/forge/caddy.nix");
    Object[][] groups = {
      {"sonarr", "admin,media"}, {"radarr", "admin,media"}, {"qbittorrent", "admin,media"}, {"tdarr", "admin,media"},
      {"zigbee2mqtt", "admin,home"}, {"esphome", "admin,home"}, {"frigate", "admin,home"}, {"cooklang", "admin,home"},
      {"litellm", "admin"}, {"prometheus", "admin"},
    };
    for (Object[] g : groups) {
      String fqdn = subdomain((String) g[0]) + ".holthome.net";
      assertThat(site(caddy, fqdn)).as("%s", g[0]).contains("uri /oauth2/auth?allowed_groups=" + g[1] + "\n");
    }
    String sonarr = site(caddy, "sonarr.holthome.net");
    assertThat(sonarr).contains("forward_auth 127.0.0.1:4180 {", "uri /oauth2/auth?allowed_groups=admin,media",
        "redir * https://oauth.holthome.net/oauth2/start?rd=https://{host}{uri}");
    // Services with their own sign-in are not behind forward auth.
    assertThat(site(caddy, "id.holthome.net")).doesNotContain("forward_auth");
    assertThat(file("hosts/forge/services/oauth2-proxy.nix")).contains("oidcIssuerUrl = \"https://id.holthome.net\";");
  }

  @Test
  void pocketIdAndTheOtherFirstVisitorKindsAreNotPublicUntilClaimed() {
    String caddy = file("hosts/forge/caddy.nix");
    String tunnel = file("hosts/forge/tunnel.nix");
    for (String kind : java.util.List.of("pocket-id", "home-assistant", "open-webui")) {
      String fqdn = subdomain(kind) + ".holthome.net";
      assertThat(site(caddy, fqdn)).as(kind).contains("@allowed remote_ip 100.64.0.0/10 fd7a:115c:a1e0::/48\n");
      assertThat(caddy).as(kind).doesNotContain("http://" + fqdn);
      assertThat(tunnel).as(kind).doesNotContain(fqdn);
    }
    // Public services whose accounts do not go to the first visitor stay public.
    assertThat(tunnel).contains("\"status.holthome.net\"", "\"send.holthome.net\"");

    Map<String, String> claimed = Examples.render(Path.of("examples/forge.yaml"),
        java.util.List.of("hosts.forge.services.pocket-id.claimed=true", "hosts.forge.services.home-assistant.claimed=true"));
    assertThat(claimed.get("hosts/forge/tunnel.nix")).contains("\"id.holthome.net\"", "\"home.holthome.net\"");
    assertThat(site(claimed.get("hosts/forge/caddy.nix"), "id.holthome.net")).contains("10.20.0.0/16");
  }

  @Test
  void oidcClientsUsePocketId() {
    assertThat(file("hosts/forge/services/grafana.nix")).contains("https://id.holthome.net/authorize",
        "$__file{${config.sops.secrets.\"grafana/oidc-client-secret\".path}}");
    assertThat(file("hosts/forge/services/mealie.nix")).contains("https://id.holthome.net/.well-known/openid-configuration");
  }

  @Test
  void oneWildcardCertificateByDns01() {
    String caddy = file("hosts/forge/caddy.nix");
    assertThat(caddy).contains("domain = \"*.holthome.net\";", "dnsProvider = \"cloudflare\";",
        "environmentFile = config.sops.secrets.\"acme/cloudflare-env\".path;", "group = \"caddy\";",
        "tls /var/lib/acme/holthome.net/cert.pem /var/lib/acme/holthome.net/key.pem")
        .doesNotContain("tls internal");
    assertThat(file("hosts/forge/network.nix")).doesNotContainPattern("\n    allowedTCPPorts");
  }

  @Test
  void resticToTheNasAndToR2() {
    String backups = file("hosts/forge/backups.nix");
    assertThat(backups).contains("services.restic.backups.nightly-nas = {",
        "repository = \"rclone:nas-1:/srv/restic/forge\";",
        "config.sops.secrets.\"restic/nas-ssh-key\".path",
        "services.restic.backups.nightly-r2 = {",
        "repository = \"s3:https://2f4e8c1a9b7d6e5f4a3b2c1d0e9f8a7b.r2.cloudflarestorage.com/forge-backups/restic\";",
        "environmentFile = config.sops.secrets.\"restic/r2-env\".path;",
        "OnCalendar = \"*-*-* 03:30:00\";",
        "\"--keep-daily 14\"", "\"--keep-weekly 8\"", "\"--keep-monthly 6\"",
        "systemd.services.restic-check-nightly-r2 = {", "startAt = \"Sun 06:00\";");
    // forge cannot prune (nor delete from) the NAS repository: nas-1 does, with the job's retention.
    int nas = backups.indexOf("services.restic.backups.nightly-nas = {");
    String nasJob = backups.substring(nas, backups.indexOf("\n  };\n", nas));
    assertThat(nasJob).contains("rclone.program='ssh restic@nas-1 -i ${", "extraBackupArgs = [ \"--tag nightly\" ];")
        .doesNotContain("pruneOpts", "sftp.command");
  }

  @Test
  void postgresqlByPgBackRestToR2() {
    String backups = file("hosts/forge/backups.nix");
    assertThat(backups).contains("services.pgbackrest = {", "enable = true;", "r2 = {", "type = \"s3\";",
        "path = \"/pgbackrest\";", "s3-bucket = \"forge-backups\";",
        "s3-endpoint = \"2f4e8c1a9b7d6e5f4a3b2c1d0e9f8a7b.r2.cloudflarestorage.com\";", "cipher-type = \"aes-256-cbc\";",
        "retention-full = 4;", "schedule = \"Sun 01:00\";", "type = \"full\";", "schedule = \"Mon..Sat 01:00\";",
        "type = \"diff\";",
        "systemd.services.postgresql = {\n    serviceConfig.EnvironmentFile = config.sops.secrets.\"pgbackrest/r2-env\".path;")
        // The cluster is archived by pgBackRest: not dumped as well.
        .doesNotContain("postgresqlBackup");
    assertThat(file("secrets/forge.required.yaml")).contains("PGBACKREST_REPO1_S3_KEY", "PGBACKREST_REPO1_CIPHER_PASS");
  }
}
