package dev.homelab.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.bench.FleetSpecTest;
import dev.homelab.bind.Binder;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.diag.Diagnostic;
import dev.homelab.diag.Diagnostics;
import dev.homelab.diag.Severity;
import dev.homelab.load.SpecLoader;
import dev.homelab.model.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules run on several threads find what they find on one, in the same order: the field
 * constraints' findings, then each rule's in the rules' order.
 */
class ValidatorThreadsTest {

  @TempDir
  Path tmp;

  @Test
  void aFleetWithFindingsIsCheckedAlikeOnEveryCore() throws Exception {
    // The synthetic fleet, spoiled so that several checks find something: unknown snapshot
    // policies and tiers, ranges that are no addresses, a host name out of grammar.
    String text = FleetSpecTest.fleet(Validator.PARALLEL_FROM + 2, 25)
        .replace("snapshots: critical", "snapshots: nowhere")
        .replace("tier: media", "tier: nothere")
        .replace("ranges: [10.0.", "ranges: [300.0.")
        .replace("  h003:", "  H_003:");
    Path spec = tmp.resolve("fleet.yaml");
    Files.writeString(spec, text);
    Binder.Bound<Spec> bound = Binder.bind(new SpecLoader().loadFile(spec, "fleet.yaml"));
    Validator validator = new Validator(ServiceCatalog.builtIn());

    Diagnostics alone = validator.validate(bound.value(), bound.sourceMap(), false);
    Diagnostics together = validator.validate(bound.value(), bound.sourceMap(), true);

    assertThat(alone.sorted().stream().map(Diagnostic::code).distinct()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(alone.count(Severity.ERROR)).isGreaterThan(100);
    assertThat(together.sorted()).isEqualTo(alone.sorted());
  }
}
