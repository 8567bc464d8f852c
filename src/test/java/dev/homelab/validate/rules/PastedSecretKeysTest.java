package dev.homelab.validate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The key a pasted-secret finding judges a value by: the last key of its spec path. */
class PastedSecretKeysTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "hosts.nuc.services.app.settings.password|password",
      "hosts.nuc.services.app.container.environment.API_TOKEN|API_TOKEN",
      "hosts.nuc.services.app.container.extraOptions[3]|extraOptions",
      "hosts.nuc.services.app.container.extraOptions[12]|extraOptions",
      "hosts.nuc.nixos.\"services.foo.secret\"|secret",
      "hosts.nuc.services.app.settings.token[]|token[]",
      "hosts.nuc.services.app.settings.list[x]|list[x]",
      "password|password",
      "[2]|''",
  })
  void theLastKeyWithoutAListIndexOrQuotes(String path, String key) {
    assertThat(PastedSecret.lastKey(path)).isEqualTo(key);
  }
}
