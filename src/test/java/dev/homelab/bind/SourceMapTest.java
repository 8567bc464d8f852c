package dev.homelab.bind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.diag.Span;
import dev.homelab.load.YamlLoader;
import dev.homelab.model.Spec;
import org.junit.jupiter.api.Test;

/**
 * The places the source map gives for spec paths: a written value's own place, its key's
 * place, the nearest written ancestor for a default, list items, and the binder's two
 * shorthands (a boolean for a block with {@code enable}; one item for a list).
 */
class SourceMapTest {

  private static final String SPEC = """
      homelab: { name: lab, domain: example.org, timezone: UTC, channel: nixos-26.05 }
      hosts:
        nuc:
          system: x86_64-linux
          network:
            tailscale: true
            lan: { interfaces: [enp1s0, enp2s0], ranges: [192.168.1.0/24] }
          nixos:
            "networking.extraHosts": "10.0.0.1 nas"
            services: { openssh: { ports: [22, 80] } }
          services:
            sonarr:
              tier: media
              preseed: { from: restic, repository: nas }
      """;

  private static SourceMap map() throws Exception {
    return Binder.bind(YamlLoader.parse("lab.yaml", SPEC), Spec.class).sourceMap();
  }

  private static String at(Span s) {
    return s.line() + ":" + s.column();
  }

  /** Where {@code text} first starts on {@code line} of the spec, as {@code line:column}. */
  private static String where(int line, String text) {
    String l = SPEC.lines().toList().get(line - 1);
    assertThat(l).contains(text);
    return line + ":" + (l.indexOf(text) + 1);
  }

  @Test
  void aWrittenValueHasItsOwnPlaceAndItsKeys() throws Exception {
    SourceMap m = map();
    assertThat(m.has("hosts.nuc.system")).isTrue();
    assertThat(at(m.value("hosts.nuc.system"))).isEqualTo(where(4, "x86_64-linux"));
    assertThat(at(m.key("hosts.nuc.system"))).isEqualTo(where(4, "system"));
    assertThat(at(m.value("homelab.domain"))).isEqualTo(where(1, "example.org"));
    assertThat(at(m.value(""))).isEqualTo("1:1");
    assertThat(m.has("")).isTrue();
  }

  @Test
  void aDefaultFallsBackToItsNearestWrittenAncestorsKey() throws Exception {
    SourceMap m = map();
    assertThat(m.has("hosts.nuc.services.sonarr.port")).isFalse();
    // Not written: the key of the service it belongs to.
    assertThat(at(m.value("hosts.nuc.services.sonarr.port"))).isEqualTo(where(12, "sonarr"));
    assertThat(at(m.key("hosts.nuc.services.sonarr.port"))).isEqualTo(where(12, "sonarr"));
    assertThat(at(m.value("hosts.nuc.boot.loader.kind"))).isEqualTo(where(3, "nuc"));
    assertThat(m.has("hosts.other")).isFalse();
    assertThat(at(m.value("hosts.other.system"))).isEqualTo(where(2, "hosts"));
  }

  @Test
  void listItemsByIndex() throws Exception {
    SourceMap m = map();
    assertThat(at(m.value("hosts.nuc.network.lan.interfaces[1]"))).isEqualTo(where(7, "enp2s0"));
    // An item has no key: its own place stands for both.
    assertThat(at(m.key("hosts.nuc.network.lan.interfaces[1]"))).isEqualTo(where(7, "enp2s0"));
    assertThat(m.has("hosts.nuc.network.lan.interfaces[2]")).isFalse();
    assertThat(at(m.value("hosts.nuc.network.lan.interfaces[2]"))).isEqualTo(where(7, "interfaces"));
    assertThat(at(m.value("hosts.nuc.nixos.services.openssh.ports[1]"))).isEqualTo(where(10, "80"));
    assertThat(m.has("hosts.nuc.network.lan.interfaces[x]")).isFalse();
  }

  @Test
  void theBindersShorthandsAreFollowedAsItReadsThem() throws Exception {
    SourceMap m = map();
    // `tailscale: true` is `tailscale: { enable: true }`.
    assertThat(m.has("hosts.nuc.network.tailscale.enable")).isTrue();
    assertThat(at(m.value("hosts.nuc.network.tailscale.enable"))).isEqualTo(where(6, "true"));
    assertThat(at(m.key("hosts.nuc.network.tailscale.enable"))).isEqualTo(where(6, "true"));
    // `from: restic` is `from: [restic]`.
    assertThat(m.has("hosts.nuc.services.sonarr.preseed.from[0]")).isTrue();
    assertThat(at(m.value("hosts.nuc.services.sonarr.preseed.from[0]"))).isEqualTo(where(14, "restic"));
    assertThat(m.has("hosts.nuc.services.sonarr.preseed.from[1]")).isFalse();
  }

  @Test
  void aKeyWithADotIsOneSegment() throws Exception {
    SourceMap m = map();
    assertThat(m.has("hosts.nuc.nixos.networking.extraHosts")).isTrue();
    assertThat(at(m.key("hosts.nuc.nixos.networking.extraHosts"))).isEqualTo(where(9, "\"networking.extraHosts\""));
    assertThat(at(m.value("hosts.nuc.nixos.networking.extraHosts"))).isEqualTo(where(9, "\"10.0.0.1"));
    assertThat(m.has("hosts.nuc.nixos.networking")).isFalse();
  }
}
