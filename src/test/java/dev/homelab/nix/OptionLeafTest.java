package dev.homelab.nix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The leaves under a prefix are the leaves of the whole, filtered, in the same order. */
class OptionLeafTest {

  private static final List<Binding> BINDINGS = NixData.bindings(Map.of(
      "sops", Map.of(
          "templates", Map.of("env", Map.of("content", "A=1", "owner", "immich"), "other", Map.of("mode", "0440")),
          "secrets", Map.of("x", Map.of("owner", "root"))),
      "sops.templates.dotted.content", "B=2",
      "services.immich.enable", true,
      "users.users.alice.openssh.authorizedKeys.keys", List.of("ssh-ed25519 AAAA"),
      "networking.firewall.interfaces", List.of(Map.of("name", "eth0"), Map.of("name", "eth1"))));

  @Test
  void leavesUnderAPrefixAreTheWholesLeavesThatStartWithIt() {
    for (List<String> prefix : List.<List<String>>of(List.of("sops", "templates"), List.of("sops"), List.of("networking", "firewall"),
        List.of("services", "immich", "enable"), List.of("nothing"), List.of())) {
      List<OptionLeaf> all = OptionLeaf.flatten(BINDINGS);
      List<OptionLeaf> expected = all.stream()
          .filter(l -> l.path().size() >= prefix.size() && l.path().subList(0, prefix.size()).equals(prefix)).toList();
      assertThat(OptionLeaf.flatten(BINDINGS, prefix)).as(String.join(".", prefix)).isEqualTo(expected);
    }
    assertThat(OptionLeaf.flatten(BINDINGS, List.of("sops", "templates"))).extracting(OptionLeaf::dotted)
        .containsExactlyInAnyOrder("sops.templates.env.content", "sops.templates.env.owner", "sops.templates.other.mode",
            "sops.templates.dotted.content");
    assertThat(OptionLeaf.flatten(BINDINGS, List.of("networking", "firewall"))).extracting(OptionLeaf::dotted)
        .containsExactly("networking.firewall.interfaces", "networking.firewall.interfaces.*.name",
            "networking.firewall.interfaces.*.name");
  }

  @Test
  void visitingGivesFlattensLeavesInItsOrder() {
    List<Binding> bindings = new java.util.ArrayList<>(BINDINGS);
    bindings.add(Binding.of(List.of("boot", "loader"), new NixValue.Apply(new NixValue.Ref("lib.mkForce"),
        new NixValue.Attrs(List.of(Binding.of("grub.enable", NixValue.bool(false)), Binding.of("empty", new NixValue.Attrs(List.of())))))));
    bindings.add(Binding.of("fileSystems", new NixValue.ListOf(List.of())));
    List<OptionLeaf> visited = new java.util.ArrayList<>();
    OptionLeaf.forEach(bindings, (path, value) -> visited.add(new OptionLeaf(List.copyOf(path), value)));
    assertThat(visited).isEqualTo(OptionLeaf.flatten(bindings));
    assertThat(visited).extracting(OptionLeaf::dotted).contains("boot.loader.grub.enable", "boot.loader.empty", "fileSystems",
        "networking.firewall.interfaces", "networking.firewall.interfaces.*.name");
  }
}
