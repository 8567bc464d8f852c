package dev.homelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.homelab.schema.SpecSchema;
import dev.homelab.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code homelab init}: a starter spec that validates and generates as it is, and never a spec replaced unasked. */
class InitCommandTest {

  @TempDir
  Path dir;

  private Cli.Run init(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "init";
    System.arraycopy(args, 0, all, 1, args.length);
    return Cli.run(all);
  }

  @Test
  void theStarterValidatesGeneratesAndPointsAtItsSchema() throws IOException {
    Path lab = dir.resolve("lab");
    Cli.Run run = init(lab.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("wrote " + lab + "/homelab.yaml (host server, 0 services) and " + lab + "/.homelab/spec.schema.json");

    String spec = Files.readString(lab.resolve("homelab.yaml"));
    assertThat(spec.lines().findFirst()).hasValue("# yaml-language-server: $schema=.homelab/spec.schema.json");
    assertThat(Files.readString(lab.resolve(".homelab/spec.schema.json"))).isEqualTo(SpecSchema.builtIn());
    assertThat(spec).contains("  name: lab\n", "  domain: home.arpa\n", "  server:\n", "stateVersion: \"26.05\"");

    Cli.Run validate = Cli.run("validate", "-f", lab.resolve("homelab.yaml").toString());
    assertThat(validate.exit()).as(validate.all()).isZero();
    assertThat(validate.all()).contains("valid: 1 host(s), 0 service(s)").doesNotContain("warning");
    Cli.Run gen = Cli.run("gen", "-f", lab.resolve("homelab.yaml").toString(), "-o", lab.resolve("out").toString());
    assertThat(gen.exit()).as(gen.all()).isZero();
    assertThat(lab.resolve("out/hosts/server/default.nix")).exists();
  }

  /** From an empty folder: init, validate, gen give a flake whose every file parses and sets only catalogued options. */
  @Test
  void anEmptyFolderBecomesAFlakeThatParsesAndSetsOnlyCataloguedOptions() throws IOException {
    Cli.Run run = init(dir.toString(), "--host", "nuc", "--service", "vaultwarden", "--service", "immich",
        "--service", "jellyfin", "--service", "navidrome");
    assertThat(run.exit()).as(run.all()).isZero();
    Path spec = dir.resolve("homelab.yaml");
    Cli.Run validate = Cli.run("validate", "-f", spec.toString());
    assertThat(validate.exit()).as(validate.all()).isZero();
    Cli.Run gen = Cli.run("gen", "-f", spec.toString(), "-o", dir.resolve("out").toString());
    assertThat(gen.exit()).as(gen.all()).isZero();

    assertThat(dev.homelab.testing.OptionChecks.assertEveryOptionExists(spec)).isGreaterThan(20);
    dev.homelab.testing.NixTool.require();
    List<Path> nix;
    try (var files = Files.walk(dir.resolve("out"))) {
      nix = files.filter(p -> p.toString().endsWith(".nix")).sorted().toList();
    }
    assertThat(nix).extracting(p -> dir.resolve("out").relativize(p).toString())
        .contains("flake.nix", "hosts/nuc/default.nix", "hosts/nuc/services/immich.nix");
    for (Path file : nix) {
      dev.homelab.testing.NixTool.Result parsed = dev.homelab.testing.NixTool.parse(file);
      assertThat(parsed.exit()).as(file + ": " + parsed.err()).isZero();
    }
  }

  @Test
  void servicesComeWithTheSecretsTheyRead() throws IOException {
    Cli.Run run = init(dir.toString(), "--domain", "lab.example.org", "--host", "nuc", "--name", "my-lab",
        "--service", "nextcloud", "--service", "immich", "--service", "nextcloud");
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out()).contains("(host nuc, 2 services)");
    String spec = Files.readString(dir.resolve("homelab.yaml"));
    assertThat(spec).contains("  name: my-lab\n", "  domain: lab.example.org\n", "  nuc:\n",
        "    services:\n      nextcloud: {}\n      immich: {}\n", "secrets:\n  nextcloud/admin-password: {}\n");
    Cli.Run validate = Cli.run("validate", "-f", dir.resolve("homelab.yaml").toString());
    assertThat(validate.exit()).as(validate.all()).isZero();
    assertThat(validate.all()).contains("valid: 1 host(s), 2 service(s)");
    Cli.Run gen = Cli.run("gen", "-f", dir.resolve("homelab.yaml").toString(), "-o", dir.resolve("out").toString());
    assertThat(gen.exit()).as(gen.all()).isZero();
    assertThat(Files.readString(dir.resolve("out/secrets/nuc.required.yaml"))).contains("admin-password");
  }

  @Test
  void theStarterIsValidAgainstTheSchema() throws IOException {
    assertThat(init(dir.toString(), "--service", "vaultwarden", "--service", "authelia").exit()).isZero();
    var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
        .getSchema(new ObjectMapper().readTree(dir.resolve(".homelab/spec.schema.json").toFile()));
    assertThat(schema.validate(new YAMLMapper().readTree(dir.resolve("homelab.yaml").toFile()))).isEmpty();
  }

  @Test
  void theSameRequestWritesTheSameSpec() throws IOException {
    Path a = dir.resolve("a/lab");
    Path b = dir.resolve("b/lab");
    assertThat(init(a.toString(), "--service", "jellyfin").exit()).isZero();
    assertThat(init(b.toString(), "--service", "jellyfin").exit()).isZero();
    assertThat(Files.readString(a.resolve("homelab.yaml"))).isEqualTo(Files.readString(b.resolve("homelab.yaml")));
  }

  @Test
  void anExistingSpecIsRefusedAndLeftAsItIs() throws IOException {
    Files.writeString(dir.resolve("homelab.yaml"), "homelab: { name: mine, domain: example.org }\n");
    Cli.Run run = init(dir.toString());
    assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err()).contains("error[HL0600]: " + dir + "/homelab.yaml exists; init never replaces a spec",
        "--> " + dir + "/homelab.yaml:1:1", "homelab: { name: mine, domain: example.org }", "pass --force");
    assertThat(Files.readString(dir.resolve("homelab.yaml"))).isEqualTo("homelab: { name: mine, domain: example.org }\n");
    assertThat(dir.resolve(".homelab")).doesNotExist();
  }

  @Test
  void forceReplacesTheSpecAndKeepsTheOldOne() throws IOException {
    Files.writeString(dir.resolve("homelab.yaml"), "homelab: { name: mine, domain: example.org }\n");
    Cli.Run run = init(dir.toString(), "--force");
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out()).contains("kept the old spec as " + dir + "/homelab.yaml.homelab-old");
    assertThat(Files.readString(dir.resolve("homelab.yaml.homelab-old"))).isEqualTo("homelab: { name: mine, domain: example.org }\n");
    assertThat(Files.readString(dir.resolve("homelab.yaml"))).startsWith("# yaml-language-server:");
  }

  @Test
  void badValuesAreLocatedAtTheirFlagsAndNothingIsWritten() {
    Path lab = dir.resolve("lab");
    Cli.Run run = init(lab.toString(), "--domain", "Example.org", "--host", "Nuc_1", "--name", "-lab",
        "--service", "immich", "--service", "imich");
    assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err()).contains(
        "error[HL0602]: `Example.org` is not a lowercase DNS domain\n --> --domain:1:1",
        "= help: write `example.org`",
        "error[HL0603]: `Nuc_1` is not a host name of the spec\n --> --host:1:1",
        "--host nuc-1",
        "error[HL0604]: `-lab` is not a lab name\n --> --name:1:1",
        "error[HL0601]: no service kind `imich` in the catalog\n --> --service#2:1:1",
        "= help: did you mean `immich`?",
        "4 errors");
    assertThat(lab).doesNotExist();
  }

  @Test
  void aKindThatCannotStartAloneIsRefused() {
    Cli.Run run = init(dir.resolve("lab").toString(), "--service", "deluge", "--service", "container");
    assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err()).contains("error[HL0601]: `deluge` runs only inside a VPN", "--> --service#1:1:1",
        "error[HL0601]: `container` runs an image of your own", "--> --service#2:1:1");
    assertThat(dir.resolve("lab")).doesNotExist();
  }

  @Test
  void servicesThatDoNotFitTogetherAreShownWhereTheyWouldBe() {
    Path lab = dir.resolve("lab");
    Cli.Run run = init(lab.toString(), "--service", "adguardhome", "--service", "forgejo");
    assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err()).contains(
        "error[HL0606]: the services asked for do not fit together in one starter spec; nothing was written",
        "error[HL0301]: port 3000 is claimed by `adguardhome`",
        "--> " + lab + "/homelab.yaml:39:7", "39 |       forgejo: {}");
    assertThat(lab).doesNotExist();
  }

  @Test
  void aFileWhereTheFolderShouldBeIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("lab"), "not a folder\n");
    Cli.Run run = init(file.toString());
    assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err()).contains("error[HL0605]: `" + file + "` is not a folder");
    assertThat(Files.readString(file)).isEqualTo("not a folder\n");
  }

  @Test
  void aFolderThatCannotBeWrittenIsReportedAndLeftEmpty() throws IOException {
    Path lab = Files.createDirectories(dir.resolve("lab"));
    Files.writeString(lab.resolve(".homelab"), "a file where the schema's folder goes\n");
    Cli.Run run = init(lab.toString());
    assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err()).contains("error[HL0607]: cannot write `" + lab + "/.homelab/spec.schema.json`",
        "nothing was written");
    assertThat(lab.resolve("homelab.yaml")).doesNotExist();
  }

  @Test
  void everyKindTheStarterTakesValidates() throws IOException {
    Cli.Run catalog = Cli.run("catalog");
    List<String> kinds = catalog.out().lines().map(l -> l.split("\\s+")[0])
        .filter(k -> !k.equals("container") && !k.equals("deluge")).toList();
    assertThat(kinds).hasSizeGreaterThan(40);
    for (String kind : kinds) {
      Path lab = dir.resolve(kind);
      Cli.Run run = init(lab.toString(), "--service", kind);
      assertThat(run.exit()).as(kind + ": " + run.all()).isZero();
    }
  }
}
