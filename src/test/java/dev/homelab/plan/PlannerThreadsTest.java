package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.bench.FleetSpecTest;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.cli.Pipeline;
import dev.homelab.render.Renderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hosts planned on several threads make the plan one thread makes: the same files in the same
 * order with the same text, the same findings, the same exposure. The examples hold what
 * reads across hosts (replication, monitoring of the fleet, Syncthing between hosts).
 */
class PlannerThreadsTest {

  @TempDir
  Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"nuc-homelab", "forge", "qgroget-server", "three-tier"})
  void anExamplePlannedOnEveryCoreIsWhatOneThreadPlans(String example) throws Exception {
    assertSamePlan(Path.of("examples", example + ".yaml"));
  }

  @Test
  void aFleetPlannedOnEveryCoreIsWhatOneThreadPlans() throws Exception {
    assertSamePlan(FleetSpecTest.write(tmp, Planner.PARALLEL_FROM + 4, 25));
  }

  @Test
  void releaseGapsFoundOnEveryCoreAreThoseOneThreadFinds() throws Exception {
    // The fleet on a release older than some of its services' modules and options: gaps on every host.
    Path spec = tmp.resolve("old.yaml");
    Files.writeString(spec, FleetSpecTest.fleet(12, 25).replace("channel: nixos-26.05", "channel: nixos-25.05"));
    dev.homelab.model.Spec bound = dev.homelab.bind.Binder.bind(new dev.homelab.load.SpecLoader().loadFile(spec, "old.yaml")).value();
    List<PlannedFile> files = new Planner(ServiceCatalog.builtIn()).plan(bound, List.of("old.yaml")).files();
    assertThat(files).hasSizeGreaterThanOrEqualTo(ReleaseGaps.PARALLEL_FROM);

    List<Notice> alone = ReleaseGaps.notices(bound, files, Integer.MAX_VALUE);
    assertThat(alone).hasSizeGreaterThanOrEqualTo(12).allMatch(n -> n.code().equals("HL0392"));
    assertThat(ReleaseGaps.notices(bound, files, 1)).isEqualTo(alone);
  }

  private static void assertSamePlan(Path spec) throws Exception {
    Pipeline pipeline = new Pipeline(ServiceCatalog.builtIn());
    Pipeline.Checked checked = pipeline.check(List.of(spec), List.of());
    Plan alone = new Planner(checked.catalog(), Integer.MAX_VALUE).plan(checked.spec(), checked.names());
    Plan together = new Planner(checked.catalog(), 1).plan(checked.spec(), checked.names());

    assertThat(together.notices()).isEqualTo(alone.notices());
    assertThat(together.exposure()).isEqualTo(alone.exposure());
    assertThat(together.files().stream().map(PlannedFile::path).toList())
        .isEqualTo(alone.files().stream().map(PlannedFile::path).toList());
    Renderer renderer = new Renderer(checked.catalog());
    List<Renderer.Rendered> one = renderer.render(alone);
    List<Renderer.Rendered> every = renderer.render(together);
    for (int i = 0; i < one.size(); i++) {
      assertThat(every.get(i).content()).as(one.get(i).file().path()).isEqualTo(one.get(i).content());
    }
  }
}
