package dev.homelab.nix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bindings that share a leading path end up in one set, whatever order they come in. */
class BindingMergerTest {

  @Test
  void aSetJoinsEveryLongerPathBelowItThatCameFirst() {
    List<Binding> merged = BindingMerger.merge(List.of(
        Binding.of("systemd.services.x.environment.HOST", NixValue.str("127.0.0.1")),
        Binding.of("systemd.services.x.serviceConfig.UMask", NixValue.str("0002")),
        Binding.of("systemd.services.x", new NixValue.Attrs(List.of(Binding.of("after", NixValue.strings(List.of("a.service"))))))));
    assertThat(merged).hasSize(1);
    assertThat(merged.get(0).path()).containsExactly("systemd", "services", "x");
    assertThat(((NixValue.Attrs) merged.get(0).value()).bindings()).extracting(b -> String.join(".", b.path()))
        .containsExactly("environment.HOST", "serviceConfig.UMask", "after");
  }
}
