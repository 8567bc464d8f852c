package dev.homelab.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.bench.FleetSpecTest;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.cli.Pipeline;
import dev.homelab.diag.Severity;
import dev.homelab.plan.PlannedFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan of many files is rendered on several threads: each file comes out as it does when
 * rendered alone, in the plan's order.
 */
class RendererThreadsTest {

  @TempDir
  Path tmp;

  @Test
  void aFleetRenderedOnSeveralThreadsIsWhatOneThreadRenders() throws Exception {
    Path spec = FleetSpecTest.write(tmp, 12, 25);
    Pipeline.Checked checked = new Pipeline(ServiceCatalog.builtIn()).check(List.of(spec), List.of());
    // The synthetic fleet is a lab kept in order: not one finding.
    assertThat(checked.warnings().count(Severity.WARNING)).isZero();
    List<PlannedFile> files = checked.plan().files();
    assertThat(files).hasSizeGreaterThanOrEqualTo(Renderer.PARALLEL_FROM);

    Renderer renderer = new Renderer(checked.catalog());
    List<Renderer.Rendered> together = renderer.render(checked.plan());
    assertThat(together).hasSameSizeAs(files);
    Renderer alone = new Renderer(checked.catalog());
    for (int i = 0; i < files.size(); i++) {
      assertThat(together.get(i).file()).isSameAs(files.get(i));
      assertThat(together.get(i).bytes()).as(files.get(i).path()).isEqualTo(alone.render(files.get(i)));
    }
  }
}
