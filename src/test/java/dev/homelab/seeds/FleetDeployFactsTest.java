package dev.homelab.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleets deploy with an engine: seed 001 (examples/forge.yaml) with colmena, seed 002
 * (examples/qgroget-server.yaml) with deploy-rs. The engine's nodes are exactly the spec's
 * deployable hosts (Linux, not taken out with {@code deploy.hosts.<h>: false}), reached where the
 * spec says, and a host comes after the hosts it sends to.
 */
class FleetDeployFactsTest {

  static Map<String, String> forge;
  static Map<String, String> qgroget;

  @TempDir
  Path tmp;

  @BeforeAll
  static void generate() {
    forge = Examples.render(Path.of("examples/forge.yaml"));
    qgroget = Examples.render(Path.of("examples/qgroget-server.yaml"));
  }

  /** The names of a set's children written {@code name = {} at an indentation (the set's own line starts with {@code set}). */
  static Set<String> children(String text, String set, int indent) {
    int at = text.indexOf(set + " = ");
    assertThat(at).as(set).isNotNegative();
    at = text.indexOf("{\n", at);
    String body = text.substring(at, text.indexOf("\n" + " ".repeat(indent - 2) + "};\n", at));
    Set<String> out = new LinkedHashSet<>();
    Matcher m = Pattern.compile("(?m)^" + " ".repeat(indent) + "([A-Za-z0-9_-]+) = \\{$").matcher(body);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static Set<String> matches(String text, String regex) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void colmenaNodesAreForgesDeployableHosts() {
    String flake = forge.get("flake.nix");
    assertThat(flake).contains("url = \"github:zhaofengli/colmena\"", "colmenaHive = colmena.lib.makeHive {",
        "nixpkgs = nixpkgs.legacyPackages.x86_64-linux;");
    Set<String> nodes = children(flake, "      colmenaHive", 8);
    nodes.remove("meta");
    assertThat(nodes).containsExactly("forge", "nas-1", "luna", "rydev", "nixpi");
    // The aarch64 hosts evaluate with their own nixpkgs.
    assertThat(flake).contains("rydev = nixpkgs.legacyPackages.aarch64-linux;", "nixpi = nixpkgs.legacyPackages.aarch64-linux;");
    for (String n : nodes) {
      assertThat(forge).containsKey("deploy/" + n + ".nix");
      assertThat(flake).contains("./deploy/" + n + ".nix");
    }
    // The host's own configuration does not import the colmena file (its options exist only in the hive).
    assertThat(forge.get("hosts/forge/default.nix")).doesNotContain("deploy");
  }

  @Test
  void colmenaTargetsAreWhereTheSpecSays() {
    assertThat(forge.get("deploy/nas-1.nix")).contains("targetHost = \"10.20.0.10\";", "targetUser = \"ryan\";",
        "buildOnTarget = false;");
    assertThat(forge.get("deploy/forge.nix")).contains("targetHost = \"forge.tail4f2a9c.ts.net\";");
    assertThat(forge.get("deploy/nixpi.nix")).contains("targetHost = \"nixpi.tail4f2a9c.ts.net\";", "buildOnTarget = true;",
        "\"phase-1\"\n      \"dns\"");
  }

  @Test
  void forgeDeploysAfterTheNasItReplicatesTo() {
    assertThat(forge.get("deploy/nas-1.nix")).contains("tags = [ \"phase-1\" ];");
    assertThat(forge.get("deploy/forge.nix")).contains("tags = [ \"phase-2\" ];");
    assertThat(forge.get("docs/README.md")).contains(
        "- phase 1: nas-1, luna, rydev, nixpi: `colmena apply --on @phase-1`",
        "- phase 2: forge: `colmena apply --on @phase-2`");
  }

  @Test
  void aHostAddedToTheSpecBecomesANode() throws IOException {
    String spec = Files.readString(Path.of("examples/forge.yaml")).replace("  # rydev: the development VM", """
              mars:
                system: x86_64-linux
                stateVersion: "25.05"
                network:
                  lan: { interfaces: [eno1], ranges: [10.20.0.0/16] }
                  tailscale: true

            """ + "  # rydev: the development VM");
    Path out = Cli.gen(tmp, spec);
    String flake = Files.readString(out.resolve("flake.nix"));
    Set<String> nodes = children(flake, "      colmenaHive", 8);
    assertThat(nodes).contains("mars");
    assertThat(Files.readString(out.resolve("deploy/mars.nix"))).contains("targetHost = \"mars.tail4f2a9c.ts.net\";");
  }

  @Test
  void deployRsNodesAreQgrogetsDeployableHosts() {
    String flake = qgroget.get("flake.nix");
    assertThat(matches(flake, "deploy\\.nodes\\.([A-Za-z0-9_-]+) = \\{")).containsExactly("server", "septimius", "cube");
    // clovis is the desktop you sit at (`deploy.hosts.clovis: false`).
    assertThat(flake).doesNotContain("deploy.nodes.clovis").contains("nixosConfigurations.clovis");
    assertThat(flake).contains("hostname = \"server.tail7c31e0.ts.net\";", "sshUser = \"strange\";",
        "path = deploy-rs.lib.x86_64-linux.activate.nixos self.nixosConfigurations.server;",
        "path = deploy-rs.lib.aarch64-linux.activate.nixos self.nixosConfigurations.cube;", "user = \"root\";");
    int cube = flake.indexOf("deploy.nodes.cube");
    assertThat(flake.substring(cube, flake.indexOf("};\n      };", cube))).contains("remoteBuild = true;");
    // deploy-rs's own checks, merged with the VM checks.
    assertThat(flake).contains("(builtins.mapAttrs (system: deployLib: deployLib.deployChecks self.deploy) deploy-rs.lib)",
        "x86_64-linux.server-services = nixpkgs.legacyPackages.x86_64-linux.testers.runNixOSTest {");
    assertThat(qgroget.get("docs/README.md")).contains("`sudo nixos-rebuild switch --flake .#clovis` on the machine itself",
        "`deploy .#cube`, phase 1");
  }

  @Test
  void withoutAnEngineTheFlakeHasNoDeploymentOutput() {
    Map<String, String> threeTier = Examples.render(Path.of("examples/three-tier.yaml"));
    assertThat(threeTier.get("flake.nix")).doesNotContain("colmena", "deploy-rs", "deploy.nodes");
    assertThat(threeTier.keySet()).noneMatch(p -> p.startsWith("deploy/"));
    assertThat(threeTier.get("docs/README.md")).contains("`nixos-rebuild switch --flake .#server --target-host sam@server --sudo`");
  }
}
