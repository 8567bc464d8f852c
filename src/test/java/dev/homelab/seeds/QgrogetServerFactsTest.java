package dev.homelab.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Examples;
import dev.homelab.testing.UnitOrdering;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 002's server in the flake generated from examples/qgroget-server.yaml: Traefik with
 * Let's Encrypt, public services straight through, private ones behind a client certificate
 * and Authelia (on LLDAP), Quadlet containers on loopback.
 */
class QgrogetServerFactsTest {

  static Map<String, String> out;

  @BeforeAll
  static void generate() {
    out = Examples.render(Path.of("examples/qgroget-server.yaml"));
  }

  static String file(String path) {
    assertThat(out).containsKey(path);
    return out.get(path);
  }

  static final List<String> PUBLIC = List.of("authelia", "portfolio", "vaultwarden");
  /** Public in the seed, but whoever reaches them first takes their admin account: tailnet only until claimed. */
  static final List<String> UNCLAIMED = List.of("jellyfin", "jellyseerr", "immich");
  static final List<String> PRIVATE_SSO = List.of("sonarr", "radarr", "bazarr", "prowlarr", "qbittorrent", "nicotine-plus",
      "homepage-dashboard", "adguardhome", "syncthing", "it-tools", "stirling-pdf");

  /** The body of one Traefik router. */
  static String router(String traefik, String name) {
    Matcher m = Pattern.compile("\n          " + Pattern.quote(name) + " = \\{\n(.*?)\n          };", Pattern.DOTALL).matcher(traefik);
    assertThat(m.find()).as("router %s", name).isTrue();
    return m.group(1);
  }

  @Test
  void everyContainerVolumeFolderIsMadeBeforeItsContainer() {
    // Stirling-PDF's configs on the root disk: a tmpfiles rule (podman refuses a missing folder).
    assertThat(file("hosts/server/services/stirling-pdf.nix"))
        .contains("volumes = [ \"/var/lib/stirling-pdf:/configs\" ];", "systemd.tmpfiles.rules = [ \"d /var/lib/stirling-pdf 0750 root root -\" ];");
    // Nicotine+'s configuration on the root disk, its downloads on the media dataset: made by the
    // datasets unit once datapool/data/media is mounted, the container waiting for it.
    String nicotine = file("hosts/server/services/nicotine-plus.nix");
    assertThat(nicotine).contains("systemd.tmpfiles.rules = [ \"d /var/lib/nicotine-plus 0750 nicotine media -\" ];");
    assertThat(UnitOrdering.requiresDatasets(nicotine, "podman-nicotine-plus")).isTrue();
    String datasets = file("hosts/server/datasets.nix");
    int media = datasets.indexOf("ensure datapool/data/media ");
    assertThat(media).isNotNegative();
    assertThat(datasets.indexOf("install -d -o nicotine -g media -m 0775 /mnt/data/media/downloads/soulseek\n")).isGreaterThan(media);
    assertThat(datasets).contains("install -d -o nicotine -g media -m 0775 /mnt/data/media/downloads/soulseek/incomplete\n");
  }

  @Test
  void mediaPathsFollowTheMediaDataset() {
    // datapool/data/media mounts at /mnt/data/media: Nicotine+ downloads there, not to /data/media on the root disk.
    assertThat(file("hosts/server/services/nicotine-plus.nix")).contains(
        "\"/mnt/data/media/downloads/soulseek:/data/downloads\"",
        "\"/mnt/data/media/downloads/soulseek/incomplete:/data/incomplete_downloads\"");
    out.forEach((path, text) -> assertThat(text).as(path).doesNotContain("\"/data/media", " /data/media"));
    // What works in the media library waits for its dataset.
    for (String s : List.of("jellyfin", "sonarr", "radarr", "bazarr", "qbittorrent")) {
      assertThat(UnitOrdering.requiresDatasets(file("hosts/server/services/" + s + ".nix"), s)).as(s).isTrue();
    }
    assertThat(UnitOrdering.wantsDatasets(file("hosts/server/snapshots.nix"), "sanoid")).isTrue();
  }

  @Test
  void traefikIsTheProxyWithLetsEncrypt() {
    assertThat(out).doesNotContainKey("hosts/server/caddy.nix");
    String t = file("hosts/server/traefik.nix");
    assertThat(t).contains("certificatesResolvers.letsencrypt.acme = {", "httpChallenge.entryPoint = \"web\";",
        "address = \":443\";");
    assertThat(file("hosts/server/network.nix")).containsPattern("allowedTCPPorts = \\[\\s*80\\s*443\\s*\\];");
  }

  @Test
  void publicServicesPassStraightThrough() {
    String t = file("hosts/server/traefik.nix");
    for (String s : PUBLIC) {
      assertThat(router(t, s)).as(s).contains("certResolver = \"letsencrypt\";").doesNotContain("middlewares", "mtls");
    }
  }

  @Test
  void unclaimedServicesAdmitOnlyTheTailnetUntilClaimed() {
    String t = file("hosts/server/traefik.nix");
    for (String s : UNCLAIMED) {
      assertThat(router(t, s)).as(s).contains("middlewares = [ \"" + s + "-sources\" ];");
      assertThat(t).as(s).contains(s + "-sources.ipAllowList.sourceRange = [\n            \"100.64.0.0/10\"\n"
          + "            \"fd7a:115c:a1e0::/48\"\n          ];");
    }
    List<String> sets = UNCLAIMED.stream().map(s -> "hosts.server.services." + s + ".claimed=true").toList();
    String claimed = Examples.render(Path.of("examples/qgroget-server.yaml"), sets).get("hosts/server/traefik.nix");
    for (String s : UNCLAIMED) {
      assertThat(router(claimed, s)).as(s).contains("certResolver = \"letsencrypt\";").doesNotContain("middlewares", "mtls");
      assertThat(claimed).as(s).doesNotContain(s + "-sources");
    }
  }

  @Test
  void vaultwardenHasItsAdminTokenAndItsAdminPathOnlyForTheLanAndTheTailnet() {
    String vw = file("hosts/server/services/vaultwarden.nix");
    assertThat(vw).contains("environmentFile = config.sops.secrets.\"vaultwarden/admin-env\".path;", "SIGNUPS_ALLOWED = false;");
    assertThat(file("secrets/server.required.yaml")).contains("  admin-env:\n    owner: vaultwarden\n");
    String t = file("hosts/server/traefik.nix");
    assertThat(router(t, "vaultwarden-admin")).contains(
        "rule = \"Host(`passwords.qgroget.com`) && (Path(`/admin`) || PathPrefix(`/admin/`))\";",
        "middlewares = [ \"vaultwarden-admin-sources\" ];", "certResolver = \"letsencrypt\";");
    assertThat(t).contains("vaultwarden-admin-sources.ipAllowList.sourceRange = [\n            \"192.168.1.0/24\"\n"
        + "            \"100.64.0.0/10\"\n            \"fd7a:115c:a1e0::/48\"\n          ];");
  }

  @Test
  void lldapSignsItsTokensWithTheSecretFromSops() {
    assertThat(file("hosts/server/services/lldap.nix"))
        .contains("environment.LLDAP_JWT_SECRET_FILE = config.sops.secrets.\"lldap/jwt-secret\".path;");
    assertThat(file("secrets/server.required.yaml")).contains("  jwt-secret:\n    owner: lldap\n");
  }

  @Test
  void privateServicesNeedAClientCertificateAndAnAutheliaSession() {
    String t = file("hosts/server/traefik.nix");
    for (String s : PRIVATE_SSO) {
      assertThat(router(t, s)).as(s).contains("options = \"mtls\";", "\"sso\"");
    }
    assertThat(t).contains("clientAuthType = \"RequireAndVerifyClientCert\";",
        "address = \"http://127.0.0.1:9091/api/authz/forward-auth\";");
    // LAN-only private services also keep their source ranges.
    assertThat(router(t, "adguardhome")).contains("\"adguardhome-sources\"");
    String authelia = file("hosts/server/services/authelia.nix");
    for (String s : PRIVATE_SSO) {
      assertThat(authelia).as(s).containsPattern("domain = \"[a-z-]+\\.qgroget\\.com\";");
    }
    assertThat(authelia).contains("implementation = \"lldap\";", "address = \"ldap://127.0.0.1:3890\";",
        "base_dn = \"dc=qgroget,dc=com\";", "AUTHELIA_AUTHENTICATION_BACKEND_LDAP_PASSWORD_FILE")
        .doesNotContain("users.yml");
  }

  @Test
  void containersRunAsQuadletUnitsOnLoopback() {
    assertThat(file("flake.nix")).contains("quadlet-nix.nixosModules.quadlet");
    for (String c : List.of("it-tools", "stirling-pdf")) {
      String f = file("hosts/server/services/" + c + ".nix");
      assertThat(f).contains("virtualisation.quadlet.containers." + c + ".containerConfig", "healthCmd = ");
    }
    // No container port is published on every address.
    int published = 0;
    for (Map.Entry<String, String> e : out.entrySet()) {
      Matcher m = Pattern.compile("\\b(publishPorts|ports) = \\[([^]]*)]").matcher(e.getValue());
      while (m.find()) {
        for (String p : m.group(2).trim().split("\\s+")) {
          assertThat(p).as(e.getKey()).startsWith("\"127.0.0.1:");
          published++;
        }
      }
    }
    assertThat(published).as("published container ports (it-tools, stirling-pdf, nicotine-plus)").isGreaterThanOrEqualTo(3);
  }
}
