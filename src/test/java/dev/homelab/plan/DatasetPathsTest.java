package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.OptionChecks;
import dev.homelab.testing.Specs;
import dev.homelab.testing.UnitOrdering;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which units wait for the datasets unit, derived from the paths a service works in against
 * the host's datasets (not from a list of kinds); where the media library is; and the host
 * folders of container volumes, made before the containers start.
 */
class DatasetPathsTest {

  @TempDir
  Path tmp;

  /** The minimal spec with these datasets of pool tank and these services in place of vaultwarden and immich. */
  static String spec(String datasets, String services) {
    return Specs.MINIMAL.replace("          vaultwarden: { quota: 2G }\n", datasets)
        .replace("      vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden }\n      immich: { tier: critical, claimed: true }\n", services);
  }

  Path gen(String spec) {
    return Cli.gen(tmp, spec);
  }

  String read(Path out, String file) throws Exception {
    return Files.readString(out.resolve(file));
  }

  @Test
  void theMediaLibraryIsTheDatasetNamedMediaAndWhatUsesItWaitsForIt() throws Exception {
    Path out = gen(spec("          data: { mountpoint: /srv/data }\n          data/media: { owner: \"root:media\", mode: \"2775\" }\n",
        "      navidrome: { tier: critical }\n      plex: { tier: critical }\n      vaultwarden: { tier: critical }\n"));
    String navidrome = read(out, "hosts/nuc/services/navidrome.nix");
    assertThat(navidrome).contains("MusicFolder = \"/srv/data/media/music\";",
        "# Start only once tank/data/media is mounted, never on the root disk's empty directory.");
    assertThat(UnitOrdering.requiresDatasets(navidrome, "navidrome")).isTrue();
    assertThat(UnitOrdering.requiresDatasets(read(out, "hosts/nuc/services/plex.nix"), "plex")).isTrue();
    // Vaultwarden keeps its state on the root disk here: nothing to wait for.
    assertThat(UnitOrdering.unit(read(out, "hosts/nuc/services/vaultwarden.nix"), "vaultwarden")).isNull();
    OptionChecks.assertEveryOptionExists(tmp.resolve("lab.yaml"));
  }

  @Test
  void withoutAMediaDatasetTheLibraryIsDataMediaAndOnlyPathsOnDatasetsCount() throws Exception {
    Path out = gen(spec("          music: { mountpoint: /srv/music }\n",
        "      navidrome: { tier: critical }\n      plex: { tier: critical }\n"
            + "      audiobookshelf: { tier: critical }\n"));
    String navidrome = read(out, "hosts/nuc/services/navidrome.nix");
    assertThat(navidrome).contains("MusicFolder = \"/data/media/music\";");
    assertThat(UnitOrdering.unit(navidrome, "navidrome")).isNull();
    assertThat(UnitOrdering.unit(read(out, "hosts/nuc/services/plex.nix"), "plex")).isNull();

    // A path the spec gives, on a dataset: it waits.
    Path again = Cli.gen(tmp.resolve("again"), spec("          music: { mountpoint: /srv/music }\n",
        "      navidrome: { tier: critical, settings: { musicFolder: /srv/music/library } }\n"));
    String moved = Files.readString(again.resolve("hosts/nuc/services/navidrome.nix"));
    assertThat(moved).contains("MusicFolder = \"/srv/music/library\";");
    assertThat(UnitOrdering.requiresDatasets(moved, "navidrome")).isTrue();
  }

  @Test
  void containerVolumeFoldersAreMadeBeforeTheContainersStart() throws Exception {
    Path out = gen(spec("          files: { mountpoint: /srv/files }\n",
        "      wiki:\n"
            + "        kind: container\n"
            + "        port: 8300\n"
            + "        container:\n"
            + "          image: ghcr.io/example/wiki:2.5\n"
            + "          volumes: [/var/lib/wiki:/data, /etc/localtime:/etc/localtime:ro, /srv:/srv:ro, /var/lib:/host, /var/lib/private:/dyn]\n"
            + "      notes:\n"
            + "        kind: container\n"
            + "        port: 8301\n"
            + "        container:\n"
            + "          runtime: quadlet\n"
            + "          image: docker.io/example/notes:1\n"
            + "          volumes: [/srv/files/notes:/data, /srv/files:/files]\n"));
    String wiki = read(out, "hosts/nuc/services/wiki.nix");
    // Its own folder at boot; the system's files and shared folders are left alone.
    assertThat(wiki).contains("systemd.tmpfiles.rules = [ \"d /var/lib/wiki 0750 root root -\" ];")
        .doesNotContain("d /etc/localtime", "d /srv ", "d /var/lib ", "d /var/lib/private ");
    // /srv holds the dataset's mountpoint: what the container sees there depends on the mount.
    assertThat(UnitOrdering.requiresDatasets(wiki, "podman-wiki")).isTrue();

    String notes = read(out, "hosts/nuc/services/notes.nix");
    assertThat(notes).doesNotContain("tmpfiles");
    assertThat(UnitOrdering.requiresDatasets(notes, "notes")).isTrue();
    String datasets = read(out, "hosts/nuc/datasets.nix");
    // On the dataset: made once it is mounted; the dataset's own mountpoint keeps its owner and mode.
    assertThat(datasets.indexOf("install -d -o root -g root -m 0750 /srv/files/notes\n"))
        .isGreaterThan(datasets.indexOf("ensure tank/files "));
    assertThat(datasets).doesNotContain("install -d -o root -g root -m 0750 /srv/files\n");
    OptionChecks.assertEveryOptionExists(tmp.resolve("lab.yaml"));
  }
}
