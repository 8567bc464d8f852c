package dev.homelab.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsCommandTest {

  static final String TT = "examples/three-tier.yaml";

  @Test
  void textHasATablePerHostWithTheDecidedValues() {
    Cli.Run run = Cli.run("ports", "-f", TT);
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out()).startsWith("server\n   port protocol service   bind      exposure     url\n"
            + "     22 tcp      ssh       0.0.0.0   lan, tailnet\n")
        // immich is not claimed: held back to the tailnet.
        .contains("   2283 tcp      immich    127.0.0.1 tailnet      https://photos.home.example.net\n")
        // Syncthing's own ports, opened on the LAN and tailnet interfaces.
        .contains("  21027 udp      syncthing 0.0.0.0   lan, tailnet\n")
        .contains("\ndesktop\n  port protocol service bind    exposure     url\n    22 tcp      ssh     0.0.0.0 lan, tailnet\n");
  }

  @Test
  void jsonRowsCarryEveryColumn() throws Exception {
    Cli.Run run = Cli.run("ports", "-f", "examples/forge.yaml", "--host", "forge", "--format", "json");
    assertThat(run.exit()).as(run.all()).isZero();
    JsonNode rows = new ObjectMapper().readTree(run.out());
    assertThat(rows.size()).isGreaterThan(10);
    JsonNode mqtt = null;
    for (JsonNode r : rows) {
      assertThat(r.get("host").asText()).isEqualTo("forge");
      if (r.get("service").asText().equals("mosquitto")) {
        mqtt = r;
      }
    }
    assertThat(mqtt).isNotNull();
    // Not behind the proxy: it listens on every interface, the firewall opens it on the LAN.
    assertThat(mqtt.get("port").asInt()).isEqualTo(1883);
    assertThat(mqtt.get("bind").asText()).isEqualTo("0.0.0.0");
    assertThat(mqtt.get("exposure")).hasSize(1);
    assertThat(mqtt.get("exposure").get(0).asText()).isEqualTo("lan");
    assertThat(mqtt.get("url").isNull()).isTrue();
  }

  @Test
  void publicServiceHasAPublicRow() {
    Cli.Run run = Cli.run("ports", "-f", "examples/forge.yaml", "--format", "csv");
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out()).startsWith("host,port,protocol,service,bind,exposure,url\r\n")
        .contains("forge,8787,tcp,enclosed,127.0.0.1,\"lan, tailnet, public\",https://send.holthome.net\r\n");
  }

  @Test
  void aServiceWithoutExposureIsLocal(@TempDir Path dir) {
    Path spec = Specs.write(dir, "lab.yaml", """
        homelab: { name: lab, domain: lab.example }
        hosts:
          box:
            stateVersion: "25.05"
            services:
              prometheus: { expose: [] }
        """);
    Cli.Run run = Cli.run("ports", "-f", spec.toString(), "--format", "csv");
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out()).contains("box,9090,tcp,prometheus,127.0.0.1,local,\r\n");
  }

  @Test
  void hostFilterKeepsOneHost() {
    Cli.Run run = Cli.run("ports", "-f", TT, "--host", "laptop", "--format", "csv");
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out()).isEqualTo("host,port,protocol,service,bind,exposure,url\r\nlaptop,22,tcp,ssh,0.0.0.0,\"lan, tailnet\",\r\n");
  }

  @Test
  void unknownHostIsAUsageErrorWithASuggestion() {
    Cli.Run run = Cli.run("ports", "-f", TT, "--host", "servr");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--host `servr` is no host of the spec (did you mean `server`?)");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void invalidSpecPrintsLocatedFindingsAndExits1(@TempDir Path dir) {
    Path spec = Specs.write(dir, "lab.yaml", """
        homelab: { name: lab, domain: lab.example }
        hosts:
          box:
            stateVersion: "25.05"
            services:
              immich: { port: 99999 }
        """);
    Cli.Run run = Cli.run("ports", "-f", spec.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("lab.yaml:6:").contains("a port is 1 to 65535");
    assertThat(run.out()).isEmpty();
  }
}
