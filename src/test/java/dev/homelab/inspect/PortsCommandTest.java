package dev.homelab.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Examples;
import dev.homelab.testing.Specs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsCommandTest {

  static final String TT = "examples/three-tier.yaml";

  @Test
  void textHasATablePerHostWithTheDecidedValues() {
    Cli.Run run = Cli.run("ports", "-f", TT);
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out()).startsWith("server\n  port protocol service   bind      exposure url\n")
        .contains("  2283 tcp      immich    127.0.0.1 tailnet  https://photos.home.example.net\n")
        .contains("\ndesktop\n  (no services)\n");
    // immich is not claimed: held back to the tailnet, so no LAN row.
    assertThat(run.out()).doesNotContain("immich    127.0.0.1 lan");
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
    assertThat(mqtt.get("exposure").asText()).isEqualTo("lan");
    assertThat(mqtt.get("url").asText()).isEqualTo("tcp://mosquitto.holthome.net:1883");
  }

  @Test
  void publicServiceHasAPublicRow() {
    Cli.Run run = Cli.run("ports", "-f", "examples/forge.yaml", "--format", "csv");
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out()).startsWith("host,port,protocol,service,bind,exposure,url\r\n")
        .contains("forge,8787,tcp,enclosed,127.0.0.1,public,https://send.holthome.net\r\n");
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
    assertThat(run.out()).contains("box,9090,tcp,prometheus,127.0.0.1,local,http://127.0.0.1:9090\r\n");
  }

  @Test
  void rowsComeFromTheServicesAsPlanned() {
    var checked = Examples.check(Path.of(TT));
    List<PortRow> rows = Ports.of(checked.spec(), ServiceCatalog.builtIn());
    var immich = dev.homelab.catalog.Effective.deployed(checked.spec(), "server", checked.spec().hosts().get("server"),
        ServiceCatalog.builtIn()).stream().filter(s -> s.name().equals("immich")).findFirst().orElseThrow();
    assertThat(rows).filteredOn(r -> r.service().equals("immich"))
        .extracting(PortRow::exposure).containsExactly("tailnet");
    assertThat(rows).filteredOn(r -> r.service().equals("immich"))
        .allSatisfy(r -> assertThat(r.bind()).isEqualTo(immich.bindAddress()));
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
