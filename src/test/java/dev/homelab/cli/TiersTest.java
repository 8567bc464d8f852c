package dev.homelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.emit.Manifest;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Examples;
import dev.homelab.testing.Trees;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tier switched off emits nothing for its services: no files, vhosts, datasets or backups. */
class TiersTest {

  private static final Path NUC = Examples.DIR.resolve("nuc-homelab.yaml");
  private static final List<String> OPTIONAL = List.of("keycloak", "audiobookshelf", "navidrome", "radicale", "microbin");
  private static final String OFF = "tiers.optional.enabled=false";
  /** Audiobookshelf and Navidrome claimed, so that they are served publicly (through the tunnel) when their tier is on. */
  private static final String[] CLAIMED = {"--set", "hosts.nuc.services.audiobookshelf.claimed=true",
      "--set", "hosts.nuc.services.navidrome.claimed=true"};

  @TempDir
  Path tmp;

  Map<String, String> full;
  Map<String, String> off;

  @BeforeEach
  void generate() {
    full = gen(tmp.resolve("full"), CLAIMED);
    off = gen(tmp.resolve("off"), CLAIMED[0], CLAIMED[1], CLAIMED[2], CLAIMED[3], "--set", OFF);
  }

  private static Map<String, String> gen(Path out, String... sets) {
    List<String> args = new java.util.ArrayList<>(List.of("gen", "-f", NUC.toString(), "-o", out.toString()));
    args.addAll(List.of(sets));
    Cli.Run r = Cli.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.all()).isZero();
    return Trees.snapshot(out);
  }

  @Test
  void noServiceFilesOrImports() {
    for (String s : OPTIONAL) {
      String file = "hosts/nuc/services/" + s + ".nix";
      assertThat(full).containsKey(file);
      assertThat(full.get("hosts/nuc/default.nix")).contains("./services/" + s + ".nix");
      assertThat(off).doesNotContainKey(file);
      assertThat(off.get("hosts/nuc/default.nix")).doesNotContain("./services/" + s + ".nix");
      assertThat(off.get(Manifest.NAME)).doesNotContain(file);
    }
    assertThat(off).containsKeys("hosts/nuc/services/immich.nix", "hosts/nuc/services/deluge.nix");
  }

  @Test
  void noTunnelIngressOrCaddyVirtualHost() {
    for (String host : List.of("audiobooks.example.org", "music.example.org")) {
      assertThat(full.get("hosts/nuc/tunnel.nix")).contains("\"" + host + "\"");
      assertThat(full.get("hosts/nuc/caddy.nix")).contains("\"" + host + "\"", "\"http://" + host + ":8081\"");
      assertThat(off.get("hosts/nuc/tunnel.nix")).doesNotContain(host);
      assertThat(off.get("hosts/nuc/caddy.nix")).doesNotContain(host);
    }
    for (String title : List.of("Keycloak", "Audiobookshelf", "Navidrome", "Radicale", "MicroBin")) {
      assertThat(full.get("hosts/nuc/caddy.nix")).contains(title);
      assertThat(off.get("hosts/nuc/caddy.nix")).doesNotContain(title);
    }
    // The other public services stay behind the tunnel.
    assertThat(off.get("hosts/nuc/tunnel.nix")).contains(".example.org\" = \"http://127.0.0.1:8081\"");
  }

  @Test
  void noDatasetsSnapshotsOrBackupsForTheirData() {
    for (String s : List.of("audiobookshelf", "navidrome", "radicale", "microbin")) {
      String dataset = "storagepool/services/" + s;
      assertThat(full.get("hosts/nuc/datasets.nix")).contains("ensure " + dataset + " ");
      assertThat(off.get("hosts/nuc/datasets.nix")).doesNotContain(dataset);
      assertThat(full.get("hosts/nuc/snapshots.nix")).contains("\"" + dataset + "\"");
      assertThat(off.get("hosts/nuc/snapshots.nix")).doesNotContain(dataset);
    }
    for (String path : List.of("/var/lib/audiobookshelf", "/var/lib/navidrome", "/var/lib/radicale",
        "/var/lib/private/microbin")) {
      assertThat(full.get("hosts/nuc/backups.nix")).contains("\"" + path + "\"");
      assertThat(off.get("hosts/nuc/backups.nix")).doesNotContain(path);
    }
    assertThat(full.get("hosts/nuc/backups.nix")).contains("postgresqlBackup-keycloak.service");
    assertThat(off.get("hosts/nuc/backups.nix")).doesNotContain("keycloak");
    assertThat(off.get("hosts/nuc/backups.nix")).contains("\"/var/lib/vaultwarden\"");
  }

  @Test
  void noDatabaseOrSecretsForTheirServices() {
    assertThat(full.get("hosts/nuc/postgresql.nix")).contains("keycloak");
    assertThat(off.get("hosts/nuc/postgresql.nix")).doesNotContain("keycloak");
    assertThat(full.get("secrets/nuc.required.yaml")).contains("Keycloak");
    assertThat(off.get("secrets/nuc.required.yaml")).doesNotContain("Keycloak", "keycloak");
  }

  @Test
  void switchingTheTierOffRemovesItsFilesFromAnExistingOutput() {
    Path out = tmp.resolve("full");
    Trees.write(out, "hosts/nuc/local.nix", "{ ... }: { }\n");
    Map<String, String> after = gen(out, "--set", OFF);
    Map<String, String> expected = new java.util.TreeMap<>(off);
    expected.put("hosts/nuc/local.nix", "{ ... }: { }\n");
    assertThat(after).isEqualTo(expected);
  }
}
