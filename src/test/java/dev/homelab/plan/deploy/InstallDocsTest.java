package dev.homelab.plan.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.bind.Binder;
import dev.homelab.load.YamlLoader;
import dev.homelab.model.DeployEngine;
import dev.homelab.model.Host;
import dev.homelab.model.Spec;
import dev.homelab.testing.Examples;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each example's docs/README.md says how every host is installed the first time (nixos-anywhere
 * where the flake lays out its disks, an SD card for a Pi, nixos-install otherwise, nix-darwin on
 * a Mac) and how it is deployed afterwards with the spec's engine.
 */
class InstallDocsTest {

  /** The README's row of a host in the install table. */
  static String row(String readme, String host) {
    String section = readme.substring(readme.indexOf("## Installing and deploying"));
    return section.lines().filter(l -> l.startsWith("| " + host + " | ")).findFirst()
        .orElseThrow(() -> new AssertionError("no install row for " + host));
  }

  @TestFactory
  Stream<DynamicTest> everyHostOfEveryExampleHasItsInstallAndDeployLine() {
    return Examples.all().stream().map(example -> DynamicTest.dynamicTest(Examples.name(example), () -> {
      Spec spec = Examples.check(example).spec();
      Map<String, String> out = Examples.render(example);
      String readme = out.get("docs/README.md");
      for (Map.Entry<String, Host> e : spec.hosts().entrySet()) {
        String h = e.getKey();
        String[] cells = row(readme, h).split(" \\| ");
        String install = cells[2];
        String then = cells[3];
        if (e.getValue().isDarwin()) {
          assertThat(install).startsWith("nix-darwin:").contains("darwin-rebuild -- switch --flake .#" + h);
        } else if (out.containsKey("hosts/" + h + "/disko.nix")) {
          assertThat(install).startsWith("nixos-anywhere with disko").contains("--flake .#" + h);
        } else if (e.getValue().role() == dev.homelab.model.Role.PI) {
          assertThat(install).startsWith("SD card:").contains("nixos-rebuild switch --flake .#" + h);
        } else {
          assertThat(install).startsWith("nixos-install:").contains("nixos-install --flake .#" + h);
        }
        boolean deployed = spec.deploy().host(h).enable();
        if (e.getValue().isDarwin()) {
          // A Mac switches itself: no engine deploys it.
          assertThat(then).startsWith("`sudo darwin-rebuild switch --flake .#" + h + "` on the Mac");
          continue;
        }
        String expected = !deployed ? "`sudo nixos-rebuild switch --flake .#" + h + "` on the machine itself"
            : switch (spec.deploy().engine()) {
              case COLMENA -> "`colmena apply --on " + h + "`";
              case DEPLOY_RS -> "`deploy .#" + h + "`";
              case NONE -> "`nixos-rebuild switch --flake .#" + h + " --target-host ";
            };
        assertThat(then).startsWith(expected);
      }
    }));
  }

  @Test
  void aMacIsInstalledWithNixDarwinAndIsNoNode() throws Exception {
    String yaml = """
        homelab: { name: lab, domain: example.org }
        admins:
          ryan: { sshKeys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKey ryan@mac"] }
        hosts:
          box: { stateVersion: "25.05", network: { tailscale: true } }
          mac: { system: aarch64-darwin, stateVersion: "6" }
        deploy: { engine: deploy-rs, tailnet: tail0.ts.net }
        """;
    Spec spec = Binder.bind(YamlLoader.parse("lab.yaml", yaml)).value();
    List<Deployment.Node> nodes = Deployment.nodes(spec, Map.of());
    assertThat(nodes).extracting(Deployment.Node::name).containsExactly("box");
    assertThat(nodes.get(0).sshTarget()).isEqualTo("ryan@box.tail0.ts.net");
    InstallDocs.Section s = InstallDocs.section(spec, nodes, Set.of());
    InstallDocs.Row mac = s.rows().get(1);
    assertThat(mac.host()).isEqualTo("mac");
    assertThat(mac.install()).startsWith("nix-darwin:").contains("run nix-darwin/").contains("#darwin-rebuild -- switch --flake .#mac`");
    assertThat(mac.update()).contains("`sudo darwin-rebuild switch --flake .#mac` on the Mac (not deployed by deploy-rs)");
    assertThat(s.phases()).containsExactly("phase 1: box: `deploy --targets .#box`");
    assertThat(spec.deploy().engine()).isEqualTo(DeployEngine.DEPLOY_RS);
  }

  @Test
  void aHostComesAfterTheHostsItNeedsAndAPhaseGivenWins() throws Exception {
    String yaml = """
        homelab: { name: lab, domain: example.org }
        hosts:
          a: { stateVersion: "25.05" }
          b: { stateVersion: "25.05" }
          c: { stateVersion: "25.05" }
          d: { stateVersion: "25.05" }
        deploy: { engine: colmena, hosts: { d: { phase: 5, targetHost: 10.0.0.4, targetUser: ops } } }
        """;
    Spec spec = Binder.bind(YamlLoader.parse("lab.yaml", yaml)).value();
    // a needs b, b needs c, c needs a: the cycle is cut where it closes.
    List<Deployment.Node> nodes = Deployment.nodes(spec, Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a")));
    assertThat(nodes).extracting(Deployment.Node::phase).containsExactly(3, 2, 1, 5);
    assertThat(nodes.get(3).tags()).containsExactly("phase-5");
    assertThat(nodes.get(3).sshTarget()).isEqualTo("ops@10.0.0.4");
    // No tailnet: a host is reached by its name, as SSH resolves it.
    assertThat(nodes.get(0).targetHost()).isEqualTo("a");
  }
}
