package dev.homelab.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import dev.homelab.validate.RuleFixtures.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code validate} and {@code gen} agree on every spec of the rule fixtures, broken and
 * corrected: a spec that validates generates (never an internal error), and one that does
 * not validate makes {@code gen} refuse with the same exit code, writing nothing.
 */
class ValidateAgreesWithGenTest {

  @TempDir
  Path dir;

  static List<Arguments> specs() {
    List<Arguments> out = new ArrayList<>();
    for (Fixture f : RuleFixtures.all()) {
      out.add(Arguments.of(f + " (broken)", f.text()));
      out.add(Arguments.of(f + " (corrected)", f.corrected()));
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void genAgreesWithValidate(String name, String text) throws Exception {
    Path spec = Specs.write(dir, "spec.yaml", text);
    Cli.Run validate = Cli.run("validate", "-f", spec.toString());
    Path out = dir.resolve("out");
    Cli.Run gen = Cli.run("gen", "-f", spec.toString(), "-o", out.toString());
    assertThat(validate.exit()).as(validate.all()).isIn(0, 1);
    assertThat(gen.exit()).as("gen after validate said:\n" + validate.all() + "\ngen said:\n" + gen.all())
        .isEqualTo(validate.exit());
    if (gen.exit() != 0) {
      assertThat(Files.exists(out)).as("nothing written").isFalse();
    }
  }
}
