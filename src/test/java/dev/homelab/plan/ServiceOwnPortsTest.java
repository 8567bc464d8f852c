package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service's own ports (Syncthing's sync and discovery) open only where it is exposed. */
class ServiceOwnPortsTest {

  @TempDir
  Path tmp;

  @Test
  void syncPortsOpenOnTheLanOnlyWhenSyncthingIsExposedThere() throws Exception {
    String spec = Specs.MINIMAL.replace("    immich: { tier: critical, claimed: true }",
        "    immich: { tier: critical, claimed: true }\n      syncthing: { expose: [lan] }") + "secrets:\n  syncthing/gui-password: {}\n";
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    String net = Files.readString(out.resolve("hosts/nuc/network.nix"));
    assertThat(net).contains("enp1s0 = {\n        allowedTCPPorts = [\n          22\n          443\n          22000\n        ];\n"
        + "        allowedUDPPorts = [\n          21027\n          22000\n        ];\n      };");
    assertThat(net).contains("tailscale0.allowedTCPPorts = [").doesNotContain("allowedUDPPorts = [ 22000 ]");
    int tailnet = net.indexOf("tailscale0");
    assertThat(net.substring(tailnet)).doesNotContain("22000");
    NixTool.require();
    assertThat(NixTool.parse(out.resolve("hosts/nuc/network.nix")).exit()).isZero();
  }
}
