package dev.homelab.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {

  private static final String NUC = "examples/nuc-homelab.yaml";

  @Test
  void aServiceSaysWhereEachValueCameFrom() {
    Cli.Run run = Cli.run("explain", "nuc/immich", "-f", NUC);
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out())
        .startsWith("nuc/immich\n")
        .contains("kind      immich  <- derived from the service's name")
        .containsPattern("port +2283/tcp on 127\\.0\\.0\\.1  <- catalog default \\(templates/services/immich/service\\.yaml\\)")
        .contains("exposure      lan, tailscale, public  <- examples/nuc-homelab.yaml:97:17")
        .contains("held back     lan, public")
        .contains("url           https://photos.example.org  <- subdomain photos from catalog default")
        .contains("firewall      443/tcp open on tailscale0  <- derived from exposure tailscale")
        .contains("data dataset  storagepool/immich  <- examples/nuc-homelab.yaml:98:18")
        .contains("storagepool/immich/library: refquota=3T, recordsize=1M, mountpoint=/data/immich/library, owner immich:immich,"
            + " snapshots photos  <- examples/nuc-homelab.yaml:58:33")
        .contains("backup job  daily to local  <- examples/nuc-homelab.yaml:31:33")
        .contains("unit  immich-server")
        .contains("file  hosts/nuc/services/immich.nix  <- the service's module")
        .contains("file  hosts/nuc/caddy.nix  <- its proxy site");
  }

  @Test
  void aWrittenPortIsLocatedAndTheFirewallFollowsItsExposure(@TempDir Path dir) {
    Path spec = Specs.write(dir, "lab.yaml", Specs.MINIMAL + "      microbin: { port: 8099, expose: [lan] }\n"
        + "secrets: { microbin/admin-password: {} }\n");
    Cli.Run run = Cli.run("explain", "nuc/microbin", "-f", spec.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out())
        .containsPattern("port +8099/tcp on 127\\.0\\.0\\.1  <- " + java.util.regex.Pattern.quote(spec + ":27:25"))
        .contains("firewall      443/tcp open on enp1s0  <- derived from exposure lan")
        .doesNotContain("tailscale0")
        .contains("secret  microbin/admin-password (read by ");
  }

  @Test
  void aHostListsItsServicesDatasetsAndFiles() {
    Cli.Run run = Cli.run("explain", "nuc", "-f", NUC);
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out())
        .startsWith("host nuc\n")
        .contains("role          server  <- examples/nuc-homelab.yaml:38:11")
        .contains("vaultwarden     kind vaultwarden, 8000/tcp on 127.0.0.1, exposure lan, tailscale, public,"
            + " https://passwords.example.org  <- examples/nuc-homelab.yaml:105:9")
        .contains("internet, through the tunnel  nextcloud, vaultwarden")
        .contains("pool     storagepool (20T, existing: imported, never formatted)")
        .contains("file  hosts/nuc/network.nix  <- generated")
        .contains("file  hosts/nuc/local.nix  <- created_once");
  }

  @Test
  void jsonHasAStableShape() throws Exception {
    Cli.Run run = Cli.run("explain", "nuc/vaultwarden", "-f", NUC, "--format", "json");
    assertThat(run.exit()).as(run.all()).isZero();
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.get("host").asText()).isEqualTo("nuc");
    assertThat(root.get("service").asText()).isEqualTo("vaultwarden");
    assertThat(root.get("sections")).extracting(s -> s.get("name").asText())
        .containsExactly("service", "network", "storage", "backups", "secrets", "systemd", "files");
    JsonNode port = root.get("sections").get(1).get("facts").get(0);
    assertThat(port.get("name").asText()).isEqualTo("port");
    assertThat(port.get("value").asText()).isEqualTo("8000/tcp on 127.0.0.1");
    assertThat(port.get("from").asText()).startsWith("catalog default (templates/services/vaultwarden/service.yaml)");
    assertThat(Cli.run("explain", "nuc", "-f", NUC, "--format", "json").out()).contains("\"service\" : null");
  }

  @Test
  void jsonFollowsDocsExplainSchema() throws Exception {
    var schema = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V7)
        .getSchema(new ObjectMapper().readTree(java.nio.file.Files.readString(Path.of("docs/explain.schema.json"))));
    for (String target : new String[] {"nuc", "nuc/immich", "nuc/deluge"}) {
      Cli.Run run = Cli.run("explain", target, "-f", NUC, "--format", "json");
      assertThat(schema.validate(new ObjectMapper().readTree(run.out()))).as(target).isEmpty();
    }
    assertThat(schema.validate(new ObjectMapper().readTree("{\"host\": \"nuc\", \"sections\": []}"))).isNotEmpty();
  }

  @Test
  void everyHostAndServiceOfEveryExampleIsExplained() {
    for (Path example : dev.homelab.testing.Examples.all()) {
      var spec = dev.homelab.testing.Examples.check(example).spec();
      spec.hosts().forEach((host, h) -> {
        Cli.Run run = Cli.run("explain", host, "-f", example.toString());
        assertThat(run.exit()).as(example + " " + host + "\n" + run.all()).isZero();
        assertThat(run.out()).startsWith("host " + host + "\n");
        for (String service : h.services().keySet()) {
          Cli.Run one = Cli.run("explain", host + "/" + service, "-f", example.toString());
          assertThat(one.exit()).as(example + " " + host + "/" + service + "\n" + one.all()).isZero();
          assertThat(one.out()).startsWith(host + "/" + service + "\n").contains("\n  network\n");
        }
      });
    }
  }

  @Test
  void anUnknownHostOrServiceFailsWithAGuess() {
    Cli.Run host = Cli.run("explain", "nuk", "-f", NUC);
    assertThat(host.exit()).isEqualTo(1);
    assertThat(host.out()).isEmpty();
    assertThat(host.err()).isEqualTo("error: no host `nuk` in the spec\n  = help: did you mean `nuc`? the hosts are nuc\n");
    Cli.Run service = Cli.run("explain", "nuc/imich", "-f", NUC);
    assertThat(service.exit()).isEqualTo(1);
    assertThat(service.err()).startsWith("error: no service `imich` on host `nuc`\n  = help: did you mean `immich`? its services are immich, ");
  }

  @Test
  void anInvalidSpecIsReportedLikeValidate(@TempDir Path dir) {
    Path spec = Specs.write(dir, "lab.yaml", Specs.MINIMAL.replace("claimed: true, tier: critical", "claimed: true, tier: critcal"));
    Cli.Run run = Cli.run("explain", "nuc", "-f", spec.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("error[HL0302]: unknown tier `critcal`").contains("--> " + spec + ":25:");
  }

  @Test
  void aCodePrintsItsPageForATerminal() {
    Cli.Run run = Cli.run("explain", "HL0301");
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out())
        .startsWith("HL0301: port clash\n\nError · stage: validate\n\nWhat it means\n-------------\n")
        .contains("\n    error[HL0301]: port 8000 is claimed by `vaultwarden`")
        .doesNotContain("```")
        .doesNotContain("## ");
    assertThat(Cli.run("explain", "hl0301").out()).isEqualTo(run.out());
  }

  @Test
  void anUnknownCodeFailsWithAGuess() {
    Cli.Run run = Cli.run("explain", "HL9301");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("error: no finding code HL9301\n"
        + "  = help: did you mean HL0301? the codes are listed in docs/errors/README.md\n");
  }

  @Test
  void aCodePageUnwrapsLinksAndEmphasis() {
    assertThat(CodePage.text("# HL1: x\n\n**Error** · see [HL0302](HL0302.md)\n\n```yaml\na: 1\n```\n"))
        .isEqualTo("HL1: x\n\nError · see HL0302 (HL0302.md)\n\n    a: 1\n");
  }
}
