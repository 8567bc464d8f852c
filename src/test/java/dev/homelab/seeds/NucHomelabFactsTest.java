package dev.homelab.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Examples;
import dev.homelab.testing.UnitOrdering;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The normative facts of seed 004 (shared/seed004.md) in the flake generated from
 * examples/nuc-homelab.yaml: ports, exposure, tunnel ingress, firewall, datasets, snapshots.
 */
class NucHomelabFactsTest {

  static Map<String, String> out;

  @BeforeAll
  static void generate() {
    out = Examples.render(Path.of("examples/nuc-homelab.yaml"));
  }

  static String file(String path) {
    assertThat(out).containsKey(path);
    return out.get(path);
  }

  /**
   * service -> port, subdomain, exposure (lan, tailscale, tunnel) per the seed's table, and
   * whether whoever reaches it first takes its admin account (the example does not say these
   * are claimed, so until it does they are served over the tailnet only).
   */
  static final Object[][] PORTS = {
    {"immich", 2283, "photos", true, true, true, true},
    {"nextcloud", 8080, "files", true, true, true, false},
    {"vaultwarden", 8000, "passwords", true, true, true, false},
    {"jellyfin", 8096, "watch", true, true, true, true},
    {"jellyseerr", 5055, "request", true, true, true, true},
    {"audiobookshelf", 13378, "audiobooks", true, true, true, true},
    {"navidrome", 4533, "music", true, true, true, true},
    {"radarr", 7878, "radarr", true, true, false, false},
    {"sonarr", 8989, "sonarr", true, true, false, false},
    {"bazarr", 6767, "bazarr", true, true, false, false},
    {"prowlarr", 9696, "prowlarr", true, true, false, false},
    {"deluge", 8112, "deluge", true, true, false, false},
    {"radicale", 5232, "dav", true, true, false, false},
    {"microbin", 8084, "paste", true, true, false, false},
    {"keycloak", 8180, "auth", false, true, false, false},
  };

  /** The services whose first visitor takes the admin account. */
  static final List<String> UNCLAIMED = List.of("immich", "jellyfin", "jellyseerr", "audiobookshelf", "navidrome");

  @Test
  void everyServiceIsProxiedOnItsPortForExactlyItsExposure() {
    assertProxied(out, false);
  }

  @Test
  void unclaimedServicesAreServedOverTheTailnetOnlyAndNothingOfThemIsPublic() {
    String caddy = file("hosts/nuc/caddy.nix");
    String tunnel = file("hosts/nuc/tunnel.nix");
    for (String s : UNCLAIMED) {
      Object[] row = java.util.Arrays.stream(PORTS).filter(r -> r[0].equals(s)).findFirst().orElseThrow();
      String host = row[2] + ".example.org";
      assertThat(site(caddy, "\"" + host + "\".extraConfig")).as(s).contains("@allowed remote_ip 100.64.0.0/10 fd7a:115c:a1e0::/48\n");
      assertThat(caddy).as(s).doesNotContain("http://" + host);
      assertThat(tunnel).as(s).doesNotContain(host);
      // The header comment, its lines joined.
      assertThat(file("hosts/nuc/services/" + s + ".nix").replace("\n# ", " ")).as(s)
          .contains("for tailscale, held back from lan + public until its first account is claimed");
      assertThat(file("docs/README.md")).contains("- " + s + " (`https://" + host + "`): over the tailnet only; lan and public held back");
    }
  }

  @Test
  void claimingAServiceServesItWhereTheSeedSays() {
    List<String> sets = UNCLAIMED.stream().map(s -> "hosts.nuc.services." + s + ".claimed=true").toList();
    Map<String, String> claimed = Examples.render(Path.of("examples/nuc-homelab.yaml"), sets);
    assertProxied(claimed, true);
    assertThat(tunnelHosts(claimed.get("hosts/nuc/tunnel.nix")))
        .containsExactlyInAnyOrder("photos", "files", "passwords", "watch", "request", "audiobooks", "music");
    assertThat(claimed.get("hosts/nuc/services/immich.nix")).contains("for lan + tailscale + public, port 2283")
        .doesNotContain("held back");
  }

  /** Each service's site on its port, admitting exactly its exposure (the seed's, when {@code claimed}). */
  static void assertProxied(Map<String, String> files, boolean claimed) {
    String caddy = files.get("hosts/nuc/caddy.nix");
    for (Object[] row : PORTS) {
      String host = row[2] + ".example.org";
      int port = (int) row[1];
      boolean held = (boolean) row[6] && !claimed;
      boolean lan = (boolean) row[3] && !held;
      boolean tunnel = (boolean) row[5] && !held;
      String site = site(caddy, "\"" + host + "\".extraConfig");
      assertThat(site).as("site of %s", row[0]).contains("reverse_proxy 127.0.0.1:" + port);
      assertThat(site).as("tailnet admitted for %s", row[0]).contains("100.64.0.0/10 fd7a:115c:a1e0::/48");
      assertThat(site.contains("192.168.1.0/24")).as("LAN admitted for %s", row[0]).isEqualTo(lan);
      assertThat(site).doesNotContain("127.0.0.1/");
      assertThat(caddy.contains("hostName = \"http://" + host + ":8081\";")).as("tunnel listener for %s", row[0]).isEqualTo(tunnel);
      assertThat(files).containsKey("hosts/nuc/services/" + row[0] + ".nix");
    }
  }

  static List<String> tunnelHosts(String tunnel) {
    Matcher m = Pattern.compile("\"([a-z]+)\\.example\\.org\" = \"http://127\\.0\\.0\\.1:8081\";").matcher(tunnel);
    List<String> hosts = new ArrayList<>();
    while (m.find()) {
      hosts.add(m.group(1));
    }
    return hosts;
  }

  @Test
  void servicesListenOnTheirPortsAndLoopbackWhereTheyCan() {
    assertThat(file("hosts/nuc/services/immich.nix")).contains("host = \"127.0.0.1\";", "port = 2283;");
    assertThat(file("hosts/nuc/services/nextcloud.nix")).contains("addr = \"127.0.0.1\";", "port = 8080;");
    assertThat(file("hosts/nuc/services/vaultwarden.nix")).contains("ROCKET_ADDRESS = \"127.0.0.1\";", "ROCKET_PORT = 8000;");
    assertThat(file("hosts/nuc/services/radarr.nix")).contains("port = 7878;", "bindaddress = \"127.0.0.1\";");
    assertThat(file("hosts/nuc/services/sonarr.nix")).contains("port = 8989;", "bindaddress = \"127.0.0.1\";");
    assertThat(file("hosts/nuc/services/prowlarr.nix")).contains("port = 9696;", "bindaddress = \"127.0.0.1\";");
    assertThat(file("hosts/nuc/services/bazarr.nix")).contains("listenPort = 6767;");
    assertThat(file("hosts/nuc/services/jellyseerr.nix")).contains("port = 5055;", "openFirewall = false;");
    assertThat(file("hosts/nuc/services/jellyfin.nix")).contains("openFirewall = false;", "type = \"qsv\";");
    assertThat(file("hosts/nuc/services/audiobookshelf.nix")).contains("host = \"127.0.0.1\";", "port = 13378;");
    assertThat(file("hosts/nuc/services/navidrome.nix")).contains("Address = \"127.0.0.1\";", "Port = 4533;");
    assertThat(file("hosts/nuc/services/radicale.nix")).contains("\"127.0.0.1:5232\"");
    assertThat(file("hosts/nuc/services/microbin.nix")).contains("MICROBIN_BIND = \"127.0.0.1\";", "MICROBIN_PORT = 8084;");
    assertThat(file("hosts/nuc/services/keycloak.nix")).contains("http-host = \"127.0.0.1\";", "http-port = 8180;");
    // Deluge's web UI is published on loopback only; the daemon port is not published at all.
    String deluge = file("hosts/nuc/services/deluge.nix");
    assertThat(deluge).contains("ports = [ \"127.0.0.1:8112:8112\" ];", "--network=container:gluetun").doesNotContain("58846");
  }

  @Test
  void tunnelIngressListsExactlyThePublicServicesThatAreServed() {
    String tunnel = file("hosts/nuc/tunnel.nix");
    assertThat(tunnelHosts(tunnel)).containsExactlyInAnyOrder("files", "passwords");
    assertThat(tunnel).contains("default = \"http_status:404\";");
  }

  @Test
  void radicaleSignsUsersInAgainstAnHtpasswdFileFromSops() {
    assertThat(file("hosts/nuc/services/radicale.nix")).contains("settings.auth = {\n      type = \"htpasswd\";\n"
        + "      htpasswd_filename = config.sops.secrets.\"radicale/htpasswd\".path;\n"
        + "      htpasswd_encryption = \"bcrypt\";\n    };");
    assertThat(file("secrets/nuc.required.yaml")).contains("radicale:\n  htpasswd:\n    owner: radicale\n");
  }

  @Test
  void noPublishedDefaultLoginIsLeftInPlace() {
    String microbin = file("hosts/nuc/services/microbin.nix");
    assertThat(microbin).contains("passwordFile = config.sops.templates.\"microbin.env\".path;",
        "MICROBIN_ADMIN_USERNAME=admin\n", "MICROBIN_ADMIN_PASSWORD=${config.sops.placeholder.\"microbin/admin-password\"}\n")
        .doesNotContain("m1cr0b1n");
    String keycloak = file("hosts/nuc/services/keycloak.nix");
    assertThat(keycloak).contains("systemd.services.keycloak.serviceConfig.EnvironmentFile = config.sops.templates.\"keycloak.env\".path;",
        "KC_BOOTSTRAP_ADMIN_USERNAME=admin\n", "KC_BOOTSTRAP_ADMIN_PASSWORD=${config.sops.placeholder.\"keycloak/admin-password\"}\n")
        .doesNotContain("initialAdminPassword");
    String deluge = file("hosts/nuc/services/deluge.nix");
    assertThat(deluge).contains("systemd.services.deluge-web-password = {", "before = [ \"podman-deluge.service\" ];",
        "requiredBy = [ \"podman-deluge.service\" ];", "password=$(cat '${config.sops.secrets.\"deluge/web-password\".path}')",
        "conf='/var/lib/deluge/web.conf'");
    String required = file("secrets/nuc.required.yaml");
    assertThat(required).contains("keycloak:\n  admin-password:\n", "microbin:\n  admin-password:\n", "  web-password:\n");
    for (String f : out.keySet()) {
      assertThat(out.get(f)).as(f).doesNotContain("MyPassword", "m1cr0b1n");
    }
  }

  @Test
  void vaultwardensAdminPageAnswers403ThroughTheTunnel() {
    String listener = site(file("hosts/nuc/caddy.nix"), "\"tunnel-passwords.example.org\" = {");
    assertThat(listener).contains("@admin path /admin /admin/*\n          respond @admin 403\n          reverse_proxy 127.0.0.1:8000");
    // On 443 only the LAN and the tailnet reach the site, /admin included.
    assertThat(site(file("hosts/nuc/caddy.nix"), "\"passwords.example.org\".extraConfig")).doesNotContain("@admin");
  }

  @Test
  void firewallOpensOnlySshAndTheProxyPerInterface() {
    String net = file("hosts/nuc/network.nix");
    assertThat(net).contains("networking.nftables.enable = true;");
    assertThat(net).contains("enp1s0.allowedTCPPorts = [\n        22\n        443\n      ];");
    assertThat(net).contains("tailscale0.allowedTCPPorts = [\n        22\n        443\n      ];");
    assertThat(net).doesNotContain("trustedInterfaces").doesNotContain("networking.firewall.allowedTCPPorts")
        .doesNotContain("    allowedTCPPorts");
    assertThat(file("modules/base.nix")).contains("openFirewall = false;", "PasswordAuthentication = false;");
    for (String f : out.keySet()) {
      assertThat(out.get(f)).as(f).doesNotContain("openFirewall = true");
    }
  }

  /** dataset -> the properties its ensure line sets (seed004.md's storage table). */
  static final Map<String, String> DATASETS = new LinkedHashMap<>();

  static {
    DATASETS.put("immich", "mountpoint=/data/immich compression=lz4 atime=off");
    DATASETS.put("immich/library", "refquota=3T recordsize=1M");
    DATASETS.put("immich/upload", "refquota=500G recordsize=1M");
    DATASETS.put("immich/thumbs", "refquota=200G recordsize=128K");
    DATASETS.put("immich/encoded-video", "refquota=200G recordsize=1M");
    DATASETS.put("nextcloud", "mountpoint=/data/nextcloud compression=lz4 atime=off");
    DATASETS.put("nextcloud/data", "refquota=2T recordsize=1M");
    DATASETS.put("nextcloud/config", "refquota=5G recordsize=128K");
    DATASETS.put("vaultwarden", "mountpoint=/var/lib/vaultwarden refquota=2G recordsize=128K compression=lz4 atime=off");
    DATASETS.put("postgresql", "mountpoint=/var/lib/postgresql refquota=150G recordsize=8K compression=lz4 atime=off");
    DATASETS.put("media", "mountpoint=/data/media compression=lz4 atime=off");
    DATASETS.put("media/movies", "refquota=6T recordsize=1M");
    DATASETS.put("media/tv", "refquota=6T recordsize=1M");
    DATASETS.put("media/audiobooks", "refquota=500G recordsize=1M");
    DATASETS.put("media/music", "refquota=500G recordsize=1M");
    DATASETS.put("media/downloads", "refquota=2T recordsize=1M");
    DATASETS.put("media/downloads/incomplete", "");
    DATASETS.put("media/downloads/complete", "");
    DATASETS.put("media/jellyfin-cache", "refquota=100G sync=disabled");
    DATASETS.put("services", "mountpoint=none canmount=off compression=lz4 atime=off");
    for (String s : List.of("jellyfin", "radarr", "sonarr", "bazarr", "audiobookshelf", "navidrome", "radicale")) {
      DATASETS.put("services/" + s, "mountpoint=/var/lib/" + s + " refquota=20G recordsize=128K");
    }
    DATASETS.put("services/deluge", "mountpoint=/var/lib/deluge refquota=20G recordsize=128K");
    for (String s : List.of("prowlarr", "jellyseerr", "microbin")) {
      DATASETS.put("services/" + s, "mountpoint=/var/lib/private/" + s + " refquota=20G recordsize=128K");
    }
    DATASETS.put("backups", "mountpoint=/backups refquota=200G compression=lz4");
    DATASETS.put("backups/configs", "");
    DATASETS.put("backups/databases", "");
    DATASETS.put("backups/immich", "");
  }

  @Test
  void everyDatasetOfTheTableIsAppliedWithExactlyItsProperties() {
    String script = file("hosts/nuc/datasets.nix");
    Matcher m = Pattern.compile("(?m)^ {6}ensure storagepool/(\\S+) (\\S+) (\\S+)((?: \\S+)*)$").matcher(script);
    Map<String, String> applied = new LinkedHashMap<>();
    Map<String, String> modes = new LinkedHashMap<>();
    while (m.find()) {
      applied.put(m.group(1), m.group(4).strip());
      modes.put(m.group(1), m.group(3));
    }
    assertThat(applied).containsExactlyInAnyOrderEntriesOf(DATASETS);
    // The shared media folders are group-writable for the *arr stack, new files inheriting the group.
    for (String d : List.of("media/movies", "media/tv", "media/audiobooks", "media/music", "media/downloads")) {
      assertThat(modes.get(d)).as(d).isEqualTo("2775");
    }
    assertThat(script).contains("boot.zfs.extraPools = [ \"storagepool\" ];", "zfs create -u", "services.zfs.autoScrub.enable = true;");
    assertThat(out).doesNotContainKey("hosts/nuc/disko.nix");
  }

  @Test
  void theDatasetsUnitCoversOnlyWhatTmpfilesMadeAndMakesItAgainOnTheDatasets() {
    String script = file("hosts/nuc/datasets.nix");
    // Nextcloud's link into the store under /data/nextcloud/config is no data; a file or any other link is.
    assertThat(script).contains("find \"$dir\" -mindepth 1 ! -type d ! -lname '/nix/store/*' -print -quit",
        "systemd-tmpfiles --create --prefix=\"$dir\"", "config.systemd.package");
    // Properties go with the create, or are set without mounting: the check runs before every mount.
    assertThat(script).contains("zfs create -u \"''${opts[@]}\" \"$name\"", "zfs set -u \"$prop\" \"$name\"")
        .doesNotContain("zfs set \"$prop\"");
    for (String unit : List.of("phpfpm-nextcloud", "nextcloud-setup", "nextcloud-cron")) {
      assertThat(UnitOrdering.requiresDatasets(file("hosts/nuc/services/nextcloud.nix"), unit)).as(unit).isTrue();
    }
  }

  @Test
  void theDatasetsUnitRequiresThePoolImportAndSanoidFollowsIt() {
    String datasets = file("hosts/nuc/datasets.nix");
    String unit = UnitOrdering.unit(datasets, "homelab-datasets");
    assertThat(unit).contains("requires = [ \"zfs-import-storagepool.service\" ];",
        "after = [\n      \"zfs-import-storagepool.service\"\n      \"zfs-mount.service\"\n    ];");
    assertThat(datasets).contains("systemd.services.zfs-import-storagepool.restartIfChanged = false;",
        "# imported at boot: run `zpool import -f storagepool` once, then reboot.");
    assertThat(UnitOrdering.wantsDatasets(file("hosts/nuc/snapshots.nix"), "sanoid")).isTrue();
  }

  @Test
  void snapshotTemplatesKeepTheTableCountsAndCachesAreNotSnapshotted() {
    String sanoid = file("hosts/nuc/snapshots.nix");
    assertThat(template(sanoid, "critical")).isEqualTo(List.of(4, 24, 7, 4, 12, 0));
    assertThat(template(sanoid, "files")).isEqualTo(List.of(0, 24, 7, 4, 12, 0));
    assertThat(template(sanoid, "photos")).isEqualTo(List.of(0, 0, 7, 4, 12, 0));
    assertThat(template(sanoid, "config")).isEqualTo(List.of(4, 24, 7, 4, 6, 0));
    assertThat(template(sanoid, "media")).isEqualTo(List.of(0, 0, 3, 4, 0, 0));
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("immich/library", "photos");
    expected.put("immich/upload", "photos");
    expected.put("nextcloud/data", "files");
    expected.put("nextcloud/config", "config");
    expected.put("vaultwarden", "critical");
    expected.put("postgresql", "critical");
    for (String s : List.of("movies", "tv", "audiobooks", "music")) {
      expected.put("media/" + s, "media");
    }
    for (String s : List.of("jellyfin", "radarr", "sonarr", "bazarr", "prowlarr", "jellyseerr", "deluge", "audiobookshelf",
        "navidrome", "radicale", "microbin")) {
      expected.put("services/" + s, "config");
    }
    Matcher m = Pattern.compile("\"storagepool/(\\S+)\"\\.useTemplate = \\[ \"(\\w+)\" \\];").matcher(sanoid);
    Map<String, String> actual = new LinkedHashMap<>();
    while (m.find()) {
      actual.put(m.group(1), m.group(2));
    }
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void postgresqlIsSharedByImmichNextcloudAndKeycloak() {
    assertThat(file("hosts/nuc/postgresql.nix")).contains("services.postgresql.enable = true;").doesNotContain("enableTCPIP = true");
    assertThat(file("hosts/nuc/services/immich.nix")).contains("createDB = true;");
    assertThat(file("hosts/nuc/services/nextcloud.nix")).contains("dbtype = \"pgsql\";", "database.createLocally = true;");
    assertThat(file("hosts/nuc/services/keycloak.nix")).contains("createLocally = true;", "type = \"postgresql\";");
    assertThat(file("hosts/nuc/backups.nix")).contains("\"immich\"", "\"nextcloud\"", "\"keycloak\"", "location = \"/backups/databases\";");
  }

  @Test
  void theArrStackSharesTheMediaGroup() {
    for (String s : List.of("radarr", "sonarr", "bazarr", "jellyfin")) {
      assertThat(file("hosts/nuc/services/" + s + ".nix")).contains("users.users." + s + ".extraGroups");
    }
    assertThat(file("hosts/nuc/default.nix")).contains("media = { };");
    assertThat(file("hosts/nuc/services/deluge.nix")).contains("group = \"media\";", "PGID = \"2990\";");
  }

  @Test
  void mediaServicesCreateGroupWritableFiles() {
    // The *arr modules set UMask 0022: Bazarr could not write into folders Radarr created.
    for (String s : List.of("radarr", "sonarr", "bazarr", "jellyfin", "audiobookshelf", "navidrome")) {
      assertThat(file("hosts/nuc/services/" + s + ".nix")).as(s).contains("serviceConfig.UMask = lib.mkForce \"0002\";");
    }
    // No shared group (or only device groups): the module's umask stays.
    for (String s : List.of("prowlarr", "vaultwarden", "immich", "jellyseerr")) {
      assertThat(file("hosts/nuc/services/" + s + ".nix")).as(s).doesNotContain("UMask");
    }
  }

  @Test
  void immichChoosesVectorChordWhateverTheStateVersion() {
    // On 26.05 the module always uses VectorChord and has no options for it; on 25.11 its
    // stateVersion 25.05 would otherwise select pgvecto.rs, so the options choose VectorChord.
    assertThat(file("hosts/nuc/default.nix")).contains("system.stateVersion = \"25.05\";");
    assertThat(file("hosts/nuc/services/immich.nix")).doesNotContain("enableVector");
    assertThat(Examples.render(Path.of("examples/nuc-homelab.yaml"), List.of("homelab.channel=nixos-25.11"))
        .get("hosts/nuc/services/immich.nix")).contains("enableVectorChord = true;", "enableVectors = false;");
  }

  @Test
  void jellyseerrBazarrAndJellyfinListenOnLoopback() {
    assertThat(file("hosts/nuc/services/jellyseerr.nix")).contains("environment.HOST = \"127.0.0.1\";");
    assertThat(file("hosts/nuc/services/bazarr.nix")).contains("environment.DYNACONF_GENERAL__ip = \"127.0.0.1\";");
    assertThat(file("hosts/nuc/services/jellyfin.nix")).contains(
        "path = [ pkgs.xmlstarlet ];",
        "config=/var/lib/jellyfin/config/network.xml",
        "-s /NetworkConfiguration/LocalNetworkAddresses -t elem -n string -v 127.0.0.1",
        "-s /NetworkConfiguration/KnownProxies -t elem -n string -v 127.0.0.1");
  }

  @Test
  void theTunnelListenerTrustsCloudflaredAndEveryServiceGetsTheVisitorsAddress() {
    String caddy = file("hosts/nuc/caddy.nix");
    assertThat(caddy).contains("""
            globalConfig = ''
              servers 127.0.0.1:8081 {
                trusted_proxies static 127.0.0.1/32 ::1/128
                client_ip_headers Cf-Connecting-Ip X-Forwarded-For
              }
            '';
        """);
    // Every proxied request carries the visitor's address, as Caddy determined it, in both headers.
    int proxies = caddy.split("reverse_proxy ", -1).length - 1;
    assertThat(proxies).isPositive();
    assertThat(caddy.split("header_up X-Forwarded-For \\{client_ip}", -1).length - 1).isEqualTo(proxies);
    assertThat(caddy.split("header_up X-Real-IP \\{client_ip}", -1).length - 1).isEqualTo(proxies);
    // The services believe it from the proxy on loopback, each in its own terms.
    assertThat(file("hosts/nuc/services/vaultwarden.nix")).contains("IP_HEADER = \"X-Real-IP\";");
    assertThat(file("hosts/nuc/services/immich.nix")).contains("environment.IMMICH_TRUSTED_PROXIES = \"127.0.0.1,::1\";");
    assertThat(file("hosts/nuc/services/nextcloud.nix")).contains("trusted_proxies = [\n        \"127.0.0.1\"\n        \"::1\"\n      ];");
    assertThat(file("hosts/nuc/services/jellyfin.nix")).contains("-s /NetworkConfiguration/KnownProxies -t elem -n string -v ::1");
  }

  @Test
  void tunnelSitesHavePlainNamesSoTheirAccessLogsDo() {
    String caddy = file("hosts/nuc/caddy.nix");
    // No virtual host is named after a URL: the module derives the access log's name from it.
    assertThat(caddy).doesNotContainPattern("(?m)^\\s*\"http://[^\"]*\"(\\.| =)");
    // The services the tunnel carries (those whose first account is claimed or provisioned).
    Matcher ingress = Pattern.compile("\"([a-z]+\\.example\\.org)\" = \"http://127\\.0\\.0\\.1:8081\";")
        .matcher(file("hosts/nuc/tunnel.nix"));
    List<String> served = new ArrayList<>();
    while (ingress.find()) {
      served.add(ingress.group(1));
    }
    assertThat(served).contains("files.example.org", "passwords.example.org");
    for (String fqdn : served) {
      assertThat(caddy).contains("\"tunnel-" + fqdn + "\" = {",
          "hostName = \"http://" + fqdn + ":8081\";",
          "logFormat = \"output file ${config.services.caddy.logDir}/access-tunnel-" + fqdn + ".log\";");
    }
  }

  private static List<Integer> template(String sanoid, String name) {
    Matcher m = Pattern.compile("(?s)\\n      " + name + " = \\{(.*?)\\n      };").matcher(sanoid);
    assertThat(m.find()).as("template %s", name).isTrue();
    List<Integer> counts = new ArrayList<>();
    for (String key : List.of("frequently", "hourly", "daily", "weekly", "monthly", "yearly")) {
      Matcher c = Pattern.compile(key + " = (\\d+);").matcher(m.group(1));
      assertThat(c.find()).as("%s.%s", name, key).isTrue();
      counts.add(Integer.parseInt(c.group(1)));
    }
    return counts;
  }

  private static String site(String caddy, String key) {
    int at = caddy.indexOf(key);
    assertThat(at).as(key).isNotNegative();
    int end = caddy.indexOf("'';", at);
    return caddy.substring(at, end);
  }
}
