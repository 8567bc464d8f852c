package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import dev.homelab.testing.OptionChecks;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Services the catalog does not know, declared as containers: run by podman, reached through the proxy. */
class CustomContainerTest {

  @TempDir
  Path tmp;

  static final String TWO_CONTAINERS = Specs.MINIMAL.replace("    immich: { tier: critical, claimed: true }",
      "    immich: { tier: critical, claimed: true }\n"
          + "      wiki:\n"
          + "        kind: container\n"
          + "        port: 8300\n"
          + "        container:\n"
          + "          image: ghcr.io/example/wiki:2.5\n"
          + "          containerPort: 3000\n"
          + "          volumes: [/var/lib/wiki:/data]\n"
          + "          environment: { TZ: Europe/Berlin, BASE_URL: \"https://wiki.example.org\" }\n"
          + "          environmentFile: { secret: wiki/env }\n"
          + "      notes: { kind: container, port: 8301, expose: [tailscale], container: { image: docker.io/example/notes:1 } }")
      + "secrets:\n  wiki/env: {}\n";

  @Test
  void containersRunUnderPodmanOnLoopbackBehindTheProxy() throws Exception {
    Path file = Specs.write(tmp, "lab.yaml", TWO_CONTAINERS);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    String wiki = Files.readString(out.resolve("hosts/nuc/services/wiki.nix"));
    assertThat(wiki).contains("backend = \"podman\";", "containers.wiki = {", "image = \"ghcr.io/example/wiki:2.5\";",
        "ports = [ \"127.0.0.1:8300:3000\" ];", "volumes = [ \"/var/lib/wiki:/data\" ];", "TZ = \"Europe/Berlin\";",
        "environmentFiles = [ config.sops.secrets.\"wiki/env\".path ];");
    assertThat(Files.readString(out.resolve("hosts/nuc/services/notes.nix"))).contains("ports = [ \"127.0.0.1:8301:8301\" ];");
    String caddy = Files.readString(out.resolve("hosts/nuc/caddy.nix"));
    assertThat(caddy).contains("\"wiki.example.org\".extraConfig", "reverse_proxy 127.0.0.1:8300", "\"notes.example.org\".extraConfig");
    assertThat(Files.readString(out.resolve("secrets/nuc.required.yaml"))).contains("wiki:", "env:");

    OptionChecks.assertEveryOptionExists(file);
    NixTool.require();
    assertThat(NixTool.parse(out.resolve("hosts/nuc/services/wiki.nix")).exit()).isZero();
  }

  @Test
  void aQuadletContainerBringsQuadletNixIntoTheFlakeForItsHostOnly() throws Exception {
    String spec = TWO_CONTAINERS.replace("container: { image: docker.io/example/notes:1 }",
        "dataset: tank/vaultwarden, container: { runtime: quadlet, image: docker.io/example/notes:1, volumes: [/var/lib/vaultwarden:/data] }")
        .replace("      vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden }\n", "");
    Path file = Specs.write(tmp, "quadlet.yaml", spec);
    Path out = tmp.resolve("q");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    String notes = Files.readString(out.resolve("hosts/nuc/services/notes.nix"));
    assertThat(notes).contains("virtualisation.quadlet.containers.notes.containerConfig = {",
        "publishPorts = [ \"127.0.0.1:8301:8301\" ];", "systemd.services.notes = {", "requires = [ \"homelab-datasets.service\" ];");
    String flake = Files.readString(out.resolve("flake.nix"));
    assertThat(flake).contains("quadlet-nix.url = \"github:SEIAROTg/quadlet-nix\";", "    {\n      nixpkgs,\n      sops-nix,\n      quadlet-nix,\n      ...\n    }:",
        "quadlet-nix.nixosModules.quadlet");
    OptionChecks.assertEveryOptionExists(file);
    NixTool.require();
    assertThat(NixTool.parse(out.resolve("flake.nix")).exit()).isZero();
    assertThat(NixTool.parse(out.resolve("hosts/nuc/services/notes.nix")).exit()).isZero();
  }

  @Test
  void aContainerNeedsAnImageAPortAndPlainVolumes() {
    String bad = Specs.MINIMAL.replace("    immich: { tier: critical, claimed: true }",
        "    immich: { tier: critical, claimed: true }\n      wiki: { kind: container, container: { volumes: [\"relative:/data\"] } }");
    Path file = Specs.write(tmp, "bad.yaml", bad);
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("names no image", "has no `port:`", "is not a volume").contains("bad.yaml:27:");
  }
}
