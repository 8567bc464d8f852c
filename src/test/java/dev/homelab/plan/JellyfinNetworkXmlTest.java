package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import dev.homelab.testing.Specs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jellyfin's generated preStart, as Nix evaluates it, run with xmlstarlet on a network.xml:
 * it listens on loopback and believes the proxy there, whether the file is missing or holds
 * Jellyfin's own settings, which it keeps.
 */
class JellyfinNetworkXmlTest {

  static final String CONFIG = "/var/lib/jellyfin/config/network.xml";

  @TempDir
  Path tmp;

  String preStart() throws Exception {
    Path file = Specs.write(tmp, "lab.yaml", Specs.MINIMAL.replace("      immich: { tier: critical, claimed: true }\n",
        "      jellyfin: { tier: critical }\n"));
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    Path eval = tmp.resolve("prestart.nix");
    Files.writeString(eval, "(import " + out.resolve("hosts/nuc/services/jellyfin.nix")
        + " { lib = { mkForce = x: x; }; pkgs = { xmlstarlet = null; }; }).systemd.services.jellyfin.preStart\n");
    NixTool.Result r = NixTool.evalJson(eval);
    assertThat(r.exit()).as(r.err()).isZero();
    return new ObjectMapper().readValue(r.out(), String.class);
  }

  String runOn(String script, Path config) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-c", script.replace(CONFIG, config.toString()));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return Files.readString(config);
  }

  @Test
  void writesLoopbackAndTheProxyIntoNetworkXmlKeepingTheRest() throws Exception {
    NixTool.require();
    String script = preStart();
    assertThat(script).contains(CONFIG);
    dev.homelab.testing.Tool.require("xmlstarlet", "xmlstarlet");

    // First start: no file yet (not even its folder).
    Path fresh = tmp.resolve("fresh/config/network.xml");
    String created = runOn(script, fresh);
    assertThat(created).contains("<NetworkConfiguration", "<LocalNetworkAddresses>", "<string>127.0.0.1</string>",
        "<KnownProxies>", "<string>::1</string>");

    // A file Jellyfin wrote, listening everywhere and trusting a LAN proxy: those two change, the rest stays.
    Path existing = tmp.resolve("existing/network.xml");
    Files.createDirectories(existing.getParent());
    Files.writeString(existing, """
        <?xml version="1.0" encoding="utf-8"?>
        <NetworkConfiguration xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
          <BaseUrl />
          <InternalHttpPort>8096</InternalHttpPort>
          <LocalNetworkAddresses>
            <string>0.0.0.0</string>
          </LocalNetworkAddresses>
          <KnownProxies>
            <string>192.168.1.5</string>
          </KnownProxies>
          <EnableIPv6>false</EnableIPv6>
        </NetworkConfiguration>
        """);
    String edited = runOn(script, existing);
    assertThat(edited).contains("<InternalHttpPort>8096</InternalHttpPort>", "<EnableIPv6>false</EnableIPv6>", "<BaseUrl/>",
        "<string>127.0.0.1</string>", "<string>::1</string>").doesNotContain("0.0.0.0", "192.168.1.5");
    assertThat(edited.split("<LocalNetworkAddresses>", -1).length - 1).isEqualTo(1);
    assertThat(edited.split("<KnownProxies>", -1).length - 1).isEqualTo(1);

    // Every start does the same: nothing accumulates.
    assertThat(runOn(script, existing)).isEqualTo(edited);
  }
}
