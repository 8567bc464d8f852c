package dev.homelab.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which NixOS release has what: the releases homelab supports, modules a release added,
 * renamed or removed as a whole (releases.json), single options dated in options.json; and
 * every dated fact names where it was read.
 */
class NixosReleasesTest {

  static NixosReleases releases;

  @BeforeAll
  static void load() {
    releases = NixosReleases.load();
  }

  private static List<String> path(String dotted) {
    return OptionCatalog.split(dotted);
  }

  @Test
  void homelabSupportsTheReleasesFrom2505On() {
    assertThat(releases.releases()).containsExactly("25.05", "25.11", "26.05");
    assertThat(releases.oldest()).isEqualTo("25.05");
    assertThat(NixosReleases.release("nixos-25.11")).isEqualTo("25.11");
    assertThat(NixosReleases.release("nixos-unstable")).isNull();
    assertThat(NixosReleases.release("nixpkgs-unstable")).isNull();
  }

  @Test
  void aModuleAddedInARelease() {
    List<String> jobType = path("services.pgbackrest.stanzas.default.jobs.full.type");
    assertThat(releases.notInRelease(jobType, "nixos-25.05")).isEqualTo("NixOS added `services.pgbackrest` in 25.11");
    assertThat(releases.notInRelease(jobType, "nixos-25.11")).isNull();
    assertThat(releases.notInRelease(jobType, "nixos-unstable")).isNull();
    NixosReleases.Gap gap = releases.gap(path("services.qbittorrent.enable"), "nixos-25.05");
    assertThat(gap).isEqualTo(new NixosReleases.Gap("services.qbittorrent", false, "25.11", null, null));
  }

  @Test
  void aModuleRenamedInARelease() {
    assertThat(releases.notInRelease(path("services.jellyseerr.port"), "nixos-25.11")).isNull();
    assertThat(releases.notInRelease(path("services.jellyseerr.port"), "nixos-26.05"))
        .isEqualTo("NixOS 26.05 renamed `services.jellyseerr` to `services.seerr`");
    assertThat(releases.notInRelease(path("services.jellyseerr.port"), "nixos-unstable"))
        .isEqualTo("NixOS 26.05 renamed `services.jellyseerr` to `services.seerr`");
    assertThat(releases.notInRelease(path("services.seerr.port"), "nixos-25.11")).isEqualTo("NixOS added `services.seerr` in 26.05");
    assertThat(releases.notInRelease(path("services.seerr.port"), "nixos-26.05")).isNull();
  }

  @Test
  void anOptionOfOneReleaseOnly() {
    // The vector extension options came in 25.11 and went in 26.05.
    List<String> vectors = path("services.immich.database.enableVectorChord");
    assertThat(releases.notInRelease(vectors, "nixos-25.05")).isEqualTo("NixOS added it in 25.11");
    assertThat(releases.notInRelease(vectors, "nixos-25.11")).isNull();
    assertThat(releases.notInRelease(vectors, "nixos-26.05")).isEqualTo("NixOS removed it in 26.05");
    // Options without a recorded release, below modules without one, are in every release.
    assertThat(releases.notInRelease(path("services.immich.enable"), "nixos-25.05")).isNull();
    assertThat(releases.gap(path("services.unknown.enable"), "nixos-25.05")).isNull();
  }

  @Test
  void aRemovalOnlyUnstableHasIsDatedByTheReleaseToCome() {
    assertThat(releases.notInRelease(path("boot.vesa"), "nixos-26.05")).isNull();
    assertThat(releases.notInRelease(path("boot.vesa"), "nixos-unstable")).isEqualTo("NixOS removed it in 26.11");
  }

  @Test
  void everyDatedFactIsAReleaseAndNamesWhereItWasRead() throws IOException {
    ObjectMapper json = new ObjectMapper();
    Path dir = Path.of("src/main/nixos-options");
    JsonNode table = json.readTree(dir.resolve("releases.json").toFile());
    JsonNode options = json.readTree(dir.resolve("options.json").toFile());
    List<String> problems = new ArrayList<>();
    table.path("modules").fields().forEachRemaining(e -> {
      JsonNode m = e.getValue();
      if (!m.path("read").isArray() || m.path("read").isEmpty()) {
        problems.add(e.getKey() + ": names no source");
      }
      dates(e.getKey(), m, problems);
      boolean listed = false;
      for (var it = options.fieldNames(); it.hasNext(); ) {
        listed |= it.next().startsWith(e.getKey() + ".");
      }
      if (!listed) {
        problems.add(e.getKey() + ": no option of the catalog lies below it");
      }
      if (m.has("renamedTo") && !table.path("modules").has(m.path("renamedTo").asText())) {
        problems.add(e.getKey() + ": renamed to a module the table does not date");
      }
    });
    options.fields().forEachRemaining(e -> dates(e.getKey(), e.getValue(), problems));
    assertThat(problems).isEmpty();
  }

  private static void dates(String what, JsonNode entry, List<String> problems) {
    for (String field : List.of("since", "until")) {
      if (entry.has(field) && !entry.path(field).asText().matches("\\d\\d\\.(05|11)")) {
        problems.add(what + ": " + field + " `" + entry.path(field).asText() + "` is not a NixOS release");
      }
    }
    if (entry.has("since") && entry.has("until") && entry.path("since").asText().compareTo(entry.path("until").asText()) >= 0) {
      problems.add(what + ": until is not after since");
    }
  }
}
