package dev.homelab.nix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Nix path takes what {@link NixValue#RELATIVE} matches, and only that: every short text of its characters and others. */
class RelativePathTest {

  @Test
  void relativeIsTheExpressionOnEveryShortText() {
    char[] alphabet = {'.', '/', 'a', '+', ' ', '~'};
    List<String> texts = new ArrayList<>(List.of(""));
    int from = 0;
    for (int length = 1; length <= 6; length++) {
      int to = texts.size();
      for (int i = from; i < to; i++) {
        for (char c : alphabet) {
          texts.add(texts.get(i) + c);
        }
      }
      from = to;
    }
    int taken = 0;
    for (String s : texts) {
      boolean expected = NixValue.RELATIVE.matcher(s).matches();
      assertThat(NixValue.Path.relative(s)).as("%s", s).isEqualTo(expected);
      taken += expected ? 1 : 0;
    }
    assertThat(taken).isGreaterThan(100);
  }

  @Test
  void aPathIsMadeOrRefused() {
    assertThat(new NixValue.Path("../../secrets/nuc.yaml").value()).isEqualTo("../../secrets/nuc.yaml");
    assertThat(new NixValue.Path("./services/immich.nix").value()).isEqualTo("./services/immich.nix");
    assertThatThrownBy(() -> new NixValue.Path("/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NixValue.Path("./a b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NixValue.Path("./")).isInstanceOf(IllegalArgumentException.class);
  }
}
