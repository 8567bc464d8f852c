package dev.homelab.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Examples;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's Tier 2 in the flake generated from examples/three-tier.yaml: ~/Documents synced
 * peer to peer by Syncthing between the server, the desktop and the laptop (staggered
 * versions), the nb notebooks in ~/notes through git over SSH to the server's Forgejo,
 * usync and ustatus on each host that syncs, and Tier 2 backed up daily for 30 days on the
 * desktop and laptop too.
 */
class ThreeTierSyncFactsTest {

  static Map<String, String> out;

  static final List<String> HOSTS = List.of("server", "desktop", "laptop");

  @BeforeAll
  static void generate() {
    out = Examples.render(Path.of("examples/three-tier.yaml"));
  }

  static String sync(String host) {
    String file = out.get("hosts/" + host + "/sync.nix");
    assertThat(file).as(host + " sync.nix").isNotNull();
    return file;
  }

  /** The names of the attribute set {@code name = { ... };} at the given indentation. */
  static List<String> names(String text, String set, int indent) {
    // A set of one name is written `set.name = { ... };`.
    Matcher one = Pattern.compile("(?m)^" + " ".repeat(indent - 2) + set + "\\.([a-z][a-z0-9-]*) = \\{$").matcher(text);
    if (one.find()) {
      return List.of(one.group(1));
    }
    int at = text.indexOf(" ".repeat(indent - 2) + set + " = {\n");
    assertThat(at).as(set).isNotNegative();
    int end = text.indexOf("\n" + " ".repeat(indent - 2) + "};\n", at);
    Matcher m = Pattern.compile("(?m)^" + " ".repeat(indent) + "([a-z][a-z0-9-]*) = \\{$").matcher(text.substring(at, end));
    List<String> names = new java.util.ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @Test
  void eachDeviceKnowsExactlyItsPeers() {
    for (String host : HOSTS) {
      List<String> peers = HOSTS.stream().filter(h -> !h.equals(host)).toList();
      assertThat(names(sync(host), "devices", 8)).as(host).containsExactlyInAnyOrderElementsOf(peers);
      assertThat(sync(host)).as(host).contains("overrideDevices = true;", "overrideFolders = true;");
      for (String peer : peers) {
        // Over the tailnet by the peer's name (MagicDNS), and discovery.
        assertThat(sync(host)).contains("\"tcp://" + peer + ":22000\"");
      }
    }
  }

  @Test
  void theFolderIsOnExactlyItsHostsWithTheOthersAsDevices() {
    Map<String, String> path = Map.of("server", "/var/lib/syncthing/documents", "desktop", "/home/sam/Documents",
        "laptop", "/home/sam/Documents");
    for (String host : HOSTS) {
      assertThat(names(sync(host), "folders", 8)).as(host).containsExactly("documents");
      String s = sync(host);
      assertThat(s).contains("path = \"" + path.get(host) + "\";", "type = \"staggered\";", "maxAge = \"2592000\";");
      for (String peer : HOSTS) {
        String listed = "\"" + peer + "\"";
        int devices = s.indexOf("devices = [");
        String list = s.substring(devices, s.indexOf("];", devices));
        if (peer.equals(host)) {
          assertThat(list).doesNotContain(listed);
        } else {
          assertThat(list).contains(listed);
        }
      }
    }
  }

  @Test
  void desktopsRunSyncthingAsThePersonAndTheServerConfiguresItsService() {
    for (String host : List.of("desktop", "laptop")) {
      assertThat(sync(host)).contains("user = \"sam\";", "group = \"users\";", "dataDir = \"/home/sam\";",
          "guiAddress = \"127.0.0.1:8384\";", "openDefaultPorts = false;");
      // Ports only on the LAN and the tailnet, where its peers are.
      assertThat(sync(host)).contains("tailscale0 = {", "allowedTCPPorts = [ 22000 ];");
    }
    // One Syncthing on the server: its service's, whose file no longer keeps GUI-added devices.
    String service = out.get("hosts/server/services/syncthing.nix");
    assertThat(service).contains("enable = true;").doesNotContain("overrideDevices").doesNotContain("overrideFolders");
    assertThat(sync("server")).doesNotContain("enable = true;").doesNotContain("user =").doesNotContain("networking.firewall");
    assertThat(out.get("hosts/server/default.nix")).contains("./sync.nix", "./services/syncthing.nix");
  }

  @Test
  void notebooksSyncThroughTheServersForgejoOverSsh() {
    for (String host : List.of("desktop", "laptop")) {
      assertThat(sync(host)).contains("sync_repo notes /home/sam/notes ssh://forgejo@server/sam/notes.git nb", "pkgs.nb");
    }
    assertThat(sync("server")).doesNotContain("sync_repo").doesNotContain("pkgs.nb");
  }

  @Test
  void usyncAndUstatusExactlyOnTheHostsThatSync() {
    for (String host : HOSTS) {
      assertThat(sync(host)).contains("usync = pkgs.writeShellApplication {", "ustatus = pkgs.writeShellApplication {",
          "environment.systemPackages = [\n    usync\n    ustatus\n");
    }
    assertThat(out.keySet().stream().filter(f -> f.endsWith("/sync.nix")))
        .containsExactlyInAnyOrder("hosts/server/sync.nix", "hosts/desktop/sync.nix", "hosts/laptop/sync.nix");
  }

  @Test
  void tierTwoIsBackedUpDailyForThirtyDaysOnTheDesktopAndLaptopToo() {
    for (String host : List.of("desktop", "laptop")) {
      String backups = out.get("hosts/" + host + "/backups.nix");
      assertThat(backups).as(host).isNotNull();
      for (String repo : List.of("nas", "offsite")) {
        int at = backups.indexOf("services.restic.backups.tier2-" + repo + " = {");
        assertThat(at).isNotNegative();
        assertThat(backups.substring(at, backups.indexOf("\n  };\n", at))).contains("\"/home/sam/Documents\"",
            "\"/home/sam/notes\"", "OnCalendar = \"*-*-* 01:30:00\";", "pruneOpts = [ \"--keep-daily 30\" ];");
      }
      assertThat(backups).doesNotContain("tier3").doesNotContain("state-");
      assertThat(sync(host)).contains("jobs=(tier2-nas tier2-offsite)");
    }
    // The server's synced folder is inside its Syncthing state, which the job takes already.
    String server = out.get("hosts/server/backups.nix");
    int at = server.indexOf("services.restic.backups.tier2-nas = {");
    assertThat(server.substring(at, server.indexOf("\n  };\n", at))).contains("\"/var/lib/syncthing\"")
        .doesNotContain("/var/lib/syncthing/documents");
  }

  @Test
  void theFlakesDocsSayWhatEachHostSyncs() {
    String docs = out.get("docs/README.md");
    assertThat(docs).contains("### Sync", "folder `documents` at `/home/sam/Documents` with laptop, server",
        "nb notebook `notes` at `/home/sam/notes`, remote `ssh://forgejo@server/sam/notes.git`",
        "`syncthing --home=/home/sam/.config/syncthing --device-id`");
  }
}
