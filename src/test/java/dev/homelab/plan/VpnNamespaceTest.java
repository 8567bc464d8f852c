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

/** A NixOS service confined to a WireGuard network namespace (VPN-Confinement), the native alternative to Gluetun. */
class VpnNamespaceTest {

  @TempDir
  Path tmp;

  static final String SPEC = Specs.MINIMAL.replace("    immich: { tier: critical, claimed: true }",
      "    immich: { tier: critical, claimed: true }\n      qbittorrent: { vpn: { via: namespace, config: { secret: vpn/wg0 } } }")
      + "secrets:\n  vpn/wg0: {}\n";

  @Test
  void theServiceRunsInTheNamespaceAndTheProxyReachesItThere() throws Exception {
    Path file = Specs.write(tmp, "lab.yaml", SPEC);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(Files.readString(out.resolve("hosts/nuc/vpn.nix"))).contains("vpnNamespaces.vpn = {", "enable = true;",
        "wireguardConfigFile = config.sops.secrets.\"vpn/wg0\".path;", "accessibleFrom = [ \"192.168.1.0/24\" ];");
    assertThat(Files.readString(out.resolve("hosts/nuc/services/qbittorrent.nix")))
        .contains("systemd.services.qbittorrent.vpnConfinement = {", "vpnNamespace = \"vpn\";");
    assertThat(Files.readString(out.resolve("hosts/nuc/caddy.nix"))).contains("reverse_proxy 192.168.15.1:8080");
    assertThat(Files.readString(out.resolve("hosts/nuc/default.nix"))).contains("./vpn.nix");
    assertThat(Files.readString(out.resolve("flake.nix"))).contains("vpn-confinement.url = \"github:Maroka-chan/VPN-Confinement\";",
        "vpn-confinement.nixosModules.default", "      vpn-confinement,\n      ...\n    }:");
    OptionChecks.assertEveryOptionExists(file);
    NixTool.require();
    for (String f : new String[] {"flake.nix", "hosts/nuc/vpn.nix", "hosts/nuc/services/qbittorrent.nix"}) {
      assertThat(NixTool.parse(out.resolve(f)).exit()).as(f).isZero();
    }
  }

  @Test
  void aNamespaceNeedsItsConfigAndGluetunIsForItsOwnKindsOnly() {
    String noConfig = Specs.MINIMAL.replace("    immich: { tier: critical, claimed: true }",
        "    immich: { tier: critical, claimed: true }\n      qbittorrent: { vpn: { via: namespace } }");
    Cli.Run run = Cli.run("validate", "-f", Specs.write(tmp, "a.yaml", noConfig).toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0380]", "needs `config: { secret: NAME }`", "a.yaml:27:");
    String gluetun = Specs.MINIMAL.replace("    immich: { tier: critical, claimed: true }",
        "    immich: { tier: critical, claimed: true }\n      qbittorrent: { vpn: { provider: mullvad, privateKey: { secret: k } } }") + "secrets:\n  k: {}\n";
    Cli.Run run2 = Cli.run("validate", "-f", Specs.write(tmp, "b.yaml", gluetun).toString());
    assertThat(run2.exit()).isEqualTo(1);
    assertThat(run2.err()).contains("cannot run in a Gluetun container", "via: namespace");
  }
}
