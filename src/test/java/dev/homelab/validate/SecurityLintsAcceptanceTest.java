package dev.homelab.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The security lints (HL0381 - HL0386) hold for the examples: each example passes every one, or
 * carries a suppression with its reason (a suppressed warning is not printed). Each lint's failing
 * and passing fixture is in {@link RuleFixtures} (HL0381 - HL0385) or
 * {@code dev.homelab.plan.SharedSecretReadersTest} (HL0386, which planning finds).
 */
class SecurityLintsAcceptanceTest {

  private static final List<String> SECURITY_LINTS = List.of("HL0381", "HL0382", "HL0383", "HL0384", "HL0385", "HL0386");

  @ParameterizedTest
  @ValueSource(strings = {"forge", "nuc-homelab", "qgroget-server", "three-tier"})
  void everyExamplePassesEverySecurityLint(String example) {
    Cli.Run run = Cli.run("validate", "-f", Path.of("examples", example + ".yaml").toString());
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(SECURITY_LINTS.stream().filter(code -> run.all().contains("[" + code + "]")).collect(Collectors.toList()))
        .as(run.all()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"HL0381", "HL0382", "HL0383", "HL0384", "HL0385"})
  void everySecurityRuleHasAFailingAndAPassingFixture(String code) {
    assertThat(RuleFixtures.all()).filteredOn(f -> f.id().equals(code))
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f.corrected()).isNotEqualTo(f.text()));
  }
}
