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
import dev.homelab.plan.Planner;
import dev.homelab.validate.Validator;
import java.util.List;

/**
 * The fast fuzz target: any text as a spec (and an optional {@code --set}) through load, bind,
 * validate and plan, without rendering. Rendering is a pure function of the plan (templates over
 * already-quoted values) and is exercised by {@link SpecFuzzTest}; leaving it out, with small
 * seeds and a short input length, is what lets this target make its 10^6 executions in minutes
 * rather than days. As in {@link SpecFuzzTest}, a refusal with findings is the only allowed
 * failure.
 *
 * <p>Seeds: {@code src/test/resources/dev/homelab/fuzz/FrontEndFuzzTestInputs/frontEnd/}, small
 * specs of the examples' shapes, and every input that once crashed it. Fuzzing command and
 * recorded runs: docs/reliability.md.
 */
class FrontEndFuzzTest {

  /** Loaded once: the service catalog and (through the rules) the option catalog. */
  private static final ServiceCatalog CATALOG = ServiceCatalog.builtIn();

  @FuzzTest(maxExecutions = 1_000_000, maxDuration = "50m")
  void frontEnd(FuzzedDataProvider data) {
    String set = data.consumeBoolean() ? data.consumeString(60) : null;
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
      new Planner(CATALOG).plan(bound.value(), List.of("fuzz.yaml"));
    } catch (SpecException refused) {
      // A refusal with its findings: what bad input must get.
    }
  }
}
