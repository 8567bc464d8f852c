package dev.homelab.plan.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.bind.Binder;
import dev.homelab.catalog.Effective;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.load.YamlLoader;
import dev.homelab.model.Host;
import dev.homelab.model.Paths;
import dev.homelab.model.Spec;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A layout's answers about paths (on a dataset, holding a mountpoint, the datasets a path
 * depends on) are those of {@link Paths#isAtOrBelow} against every mounted dataset, asked
 * once or again: nested and equal mountpoints, a trailing slash, a dataset that mounts nowhere,
 * a name that only starts like a mountpoint.
 */
class DatasetLayoutPathsTest {

  static final List<String> PATHS = List.of("/", "", "/srv", "/srv/", "/srv/data", "/srv/data/", "/srv/datax", "/srv/dat",
      "/srv/data/media", "/srv/data/media/music", "/srv/data/mediax", "/srv/data/media/", "/var/lib/immich", "/var/lib",
      "/var/lib/immich/upload", "/mnt/x", "relative/path");

  static DatasetLayout layout(String datasets) throws Exception {
    String yaml = """
        homelab: { name: lab, domain: example.org }
        hosts:
          nuc:
            stateVersion: "25.05"
            storage:
              tank:
                datasets:
        """ + datasets + """
            services:
              immich: { dataset: tank/immich }
              vaultwarden: {}
        """;
    Spec spec = Binder.bind(YamlLoader.parse("lab.yaml", yaml)).value();
    Host host = spec.hosts().get("nuc");
    return DatasetLayout.of(spec, host, Effective.services(spec, "nuc", host, ServiceCatalog.builtIn()));
  }

  static boolean onDataset(DatasetLayout l, String path) {
    return l.all().stream().anyMatch(d -> d.mountpoint() != null && Paths.isAtOrBelow(path, d.mountpoint()));
  }

  static boolean holdsMountpoint(DatasetLayout l, String path) {
    return l.all().stream().anyMatch(d -> d.mountpoint() != null && Paths.isAtOrBelow(d.mountpoint(), path));
  }

  static List<String> datasetsOf(DatasetLayout l, String path) {
    Optional<PlannedDataset> on = l.all().stream()
        .filter(d -> d.mountpoint() != null && Paths.isAtOrBelow(path, d.mountpoint()))
        .max(Comparator.comparingInt((PlannedDataset d) -> d.mountpoint().length()));
    if (on.isPresent()) {
      return List.of(on.get().name());
    }
    return l.all().stream().filter(d -> d.mountpoint() != null && Paths.isAtOrBelow(d.mountpoint(), path))
        .map(PlannedDataset::name).toList();
  }

  static void sameAnswers(DatasetLayout l) {
    for (int round = 0; round < 2; round++) {
      for (String p : PATHS) {
        assertThat(l.isOnDataset(p)).as("on a dataset: %s", p).isEqualTo(onDataset(l, p));
        assertThat(l.holdsMountpoint(p)).as("holds a mountpoint: %s", p).isEqualTo(holdsMountpoint(l, p));
        assertThat(l.touchesDataset(p)).as("touches a dataset: %s", p).isEqualTo(onDataset(l, p) || holdsMountpoint(l, p));
        assertThat(l.datasetsOf(p)).as("datasets of %s", p).isEqualTo(datasetsOf(l, p));
      }
    }
  }

  @Test
  void nestedEqualAndUnmountedDatasets() throws Exception {
    DatasetLayout l = layout("""
                  data: { mountpoint: /srv/data }
                  data/media: {}
                  copy: { mountpoint: /srv/data/ }
                  hidden: { mountpoint: none }
                  hidden/child: {}
                  immich: {}
        """);
    assertThat(l.all()).extracting(PlannedDataset::mountpoint)
        .contains("/srv/data", "/srv/data/media", "/var/lib/immich", null);
    // Two datasets mount at /srv/data: the first in the layout's order is the one a path lies on.
    assertThat(l.datasetsOf("/srv/data/x")).containsExactly("tank/copy");
    assertThat(l.datasetsOf("/srv")).containsExactly("tank/copy", "tank/data", "tank/data/media");
    assertThat(l.isOnDataset("/srv/datax")).isFalse();
    sameAnswers(l);
  }

  @Test
  void aDatasetAtTheRoot() throws Exception {
    DatasetLayout l = layout("""
                  root: { mountpoint: / }
                  root/srv: {}
        """);
    assertThat(l.isOnDataset("/anything")).isTrue();
    sameAnswers(l);
  }

  @Test
  void theServicesOfADatasetOwnItAndTheDatasetsBelowIt() throws Exception {
    DatasetLayout l = layout("""
                  immich: {}
                  immich/upload: {}
                  immichx: { mountpoint: /srv/immichx }
        """);
    assertThat(l.find("tank/immich").orElseThrow().owner()).isEqualTo("immich:immich");
    assertThat(l.find("tank/immich/upload").orElseThrow().owner()).isEqualTo("immich:immich");
    // Only a name that starts like the service's dataset: not its child.
    assertThat(l.find("tank/immichx").orElseThrow().owner()).isEqualTo("-");
    sameAnswers(l);
  }
}
