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

  /**
   * The walk hands out where a string is and makes its path only for a finding: the tail it
   * judges the key by is what follows the path's last dot, so the key is the one the whole
   * path gives, for any mix of keys (dotted, quoted, bracketed) and list items.
   */
  @org.junit.jupiter.api.Test
  void theTailOfWhereAStringIsGivesTheKeyOfItsPath() {
    java.util.Random random = new java.util.Random(7);
    String[] keys = {"hosts", "nuc", "password", "\"services.foo.secret\"", "a.b", "token[]", "list[x]", "x[3]", "", "API_TOKEN"};
    for (int run = 0; run < 2000; run++) {
      dev.homelab.bind.SpecPath where = dev.homelab.bind.SpecPath.ROOT;
      int depth = 1 + random.nextInt(6);
      for (int i = 0; i < depth; i++) {
        where = random.nextInt(3) == 0 ? where.index(random.nextInt(12)) : where.key(keys[random.nextInt(keys.length)]);
      }
      String path = where.path();
      assertThat(where.tail()).as(path).isEqualTo(path.substring(path.lastIndexOf('.') + 1));
      assertThat(PastedSecret.lastKey(where.tail())).as(path).isEqualTo(PastedSecret.lastKey(path));
    }
  }
}
