package dev.homelab.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.homelab.load.PlainYamlTest;

/**
 * The quick reader of plain YAML against the full parser, on any text: where the parser
 * refuses it, the quick reader leaves it; where the quick reader takes it, it gives the tree the
 * parser gives (keys, values, types and places, in order). A difference is the failure.
 *
 * <p>Seeds: {@code src/test/resources/dev/homelab/fuzz/PlainYamlFuzzTestInputs/readsAsTheParser/},
 * small specs in block and flow style. Fuzzing command and recorded runs: docs/reliability.md.
 */
class PlainYamlFuzzTest {

  @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
  void readsAsTheParser(FuzzedDataProvider data) {
    PlainYamlTest.agree(data.consumeRemainingAsString());
  }
}
