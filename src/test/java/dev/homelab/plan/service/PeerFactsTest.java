package dev.homelab.plan.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.catalog.ServiceCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A service sees, as {@code peer.<kind>}, the first other service of that kind on its host: the
 * first of the kind for everyone but that first one, which sees the second, or none.
 */
class PeerFactsTest {

  private static EffectiveService service(String name, String kind, int port) {
    return new EffectiveService("nuc", name, "hosts.nuc.services." + name, null, ServiceCatalog.builtIn().find(kind).orElseThrow(),
        port, Set.of(), Set.of(), name, name + ".lab.example", "critical", true, Map.of());
  }

  private static Map<String, Object> asPeer(EffectiveService p) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("peer." + p.kind(), true);
    f.put("peer." + p.kind() + ".port", p.port());
    return f;
  }

  @Test
  void eachServiceSeesTheFirstOtherServiceOfEachKind() {
    EffectiveService first = service("jellyfin", "jellyfin", 8096);
    EffectiveService lldap = service("lldap", "lldap", 17170);
    EffectiveService second = service("jellyfin-kids", "jellyfin", 8097);
    EffectiveService third = service("jellyfin-guests", "jellyfin", 8098);
    PeerFacts peers = new PeerFacts(List.of(first, lldap, second, third), PeerFactsTest::asPeer);

    Map<String, Object> ofFirst = peers.of(first, Map.of("name", "jellyfin"));
    assertThat(ofFirst.get("name")).isEqualTo("jellyfin");
    assertThat(ofFirst.get("peer.jellyfin.port")).isEqualTo(8097);
    assertThat(ofFirst.get("peer.lldap.port")).isEqualTo(17170);

    assertThat(peers.of(second, Map.of()).get("peer.jellyfin.port")).isEqualTo(8096);
    assertThat(peers.of(third, Map.of()).get("peer.jellyfin.port")).isEqualTo(8096);
    Map<String, Object> ofLldap = peers.of(lldap, Map.of());
    assertThat(ofLldap.get("peer.jellyfin.port")).isEqualTo(8096);
    // A kind the host runs once: its service sees no peer of its own kind, and asking says so.
    assertThat(ofLldap.containsKey("peer.lldap")).isFalse();
    assertThat(ofLldap.get("peer.lldap.port")).isNull();
    assertThat(ofLldap.containsKey("peer.jellyfin")).isTrue();
    assertThat(ofLldap).containsOnlyKeys("peer.jellyfin", "peer.jellyfin.port");
    assertThat(ofFirst).containsOnlyKeys("name", "peer.jellyfin", "peer.jellyfin.port", "peer.lldap", "peer.lldap.port")
        .containsEntry("peer.jellyfin.port", 8097);
  }

  @Test
  void aServiceAloneOfItsKindSeesNoPeerOfItsKind() {
    EffectiveService only = service("jellyfin", "jellyfin", 8096);
    Map<String, Object> facts = new PeerFacts(List.of(only), PeerFactsTest::asPeer).of(only, Map.of("port", 8096));
    assertThat(facts).containsOnlyKeys("port");
    assertThat(facts.containsKey("peer.jellyfin")).isFalse();
  }
}
