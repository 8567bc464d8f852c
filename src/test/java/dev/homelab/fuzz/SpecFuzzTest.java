package dev.homelab.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.homelab.bind.Binder;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.diag.Diagnostics;
import dev.homelab.diag.SpecException;
import dev.homelab.load.Node;
import dev.homelab.load.SpecLoader;
import dev.homelab.model.Spec;
import dev.homelab.plan.Plan;
import dev.homelab.plan.Planner;
import dev.homelab.render.Renderer;
import dev.homelab.validate.Validator;
import java.util.List;

/**
 * A fuzz target over the whole compiler but the disk: any text as a spec, then an override,
 * through load, bind, validate, plan and render. A spec may be refused (a {@link SpecException}
 * with located findings) and nothing else: any other exception is a crash, which would reach
 * a user as exit 4.
 *
 * <p>In a normal test run (regression mode) it runs the seeds in
 * {@code src/test/resources/dev/homelab/fuzz/SpecFuzzTestInputs/compile/} (the examples and
 * inputs that once crashed). To fuzz, see docs/reliability.md:
 * {@code JAZZER_FUZZ=1 ./mvnw test-compile surefire:test@fuzz}.
 */
class SpecFuzzTest {

  private static final ServiceCatalog CATALOG = ServiceCatalog.builtIn();

  @FuzzTest(maxExecutions = 1_000_000)
  void compile(FuzzedDataProvider data) {
    String set = data.consumeBoolean() ? data.consumeString(80) : null;
    String text = data.consumeRemainingAsString();
    SpecLoader loader = new SpecLoader();
    try {
      Node root = loader.loadText("fuzz.yaml", text);
      if (set != null) {
        root = loader.applySet(root, set, 1);
      }
      Binder.Bound<Spec> bound = Binder.bind(root);
      Diagnostics findings = new Validator(CATALOG).validate(bound.value(), bound.sourceMap());
      if (findings.hasErrors()) {
        return;
      }
      Plan plan = new Planner(CATALOG).plan(bound.value(), List.of("fuzz.yaml"));
      if (plan.notices().stream().anyMatch(n -> n.error())) {
        return;
      }
      new Renderer().render(plan);
    } catch (SpecException refused) {
      // A refusal with its findings: what bad input must get.
    }
  }
}
