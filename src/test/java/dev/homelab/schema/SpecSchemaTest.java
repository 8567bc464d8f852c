package dev.homelab.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.homelab.model.Lab;
import dev.homelab.model.Lan;
import dev.homelab.model.Spec;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spec's JSON Schema accepts every example and refuses what the binder refuses; it is the
 * same on every run and docs/spec.schema.json is it (regenerate with -Dgolden.update=true).
 */
class SpecSchemaTest {

  static final Path DOC = Path.of("docs/spec.schema.json");
  static final YAMLMapper YAML = new YAMLMapper();
  static String text;
  static JsonSchema schema;

  @BeforeAll
  static void generate() throws IOException {
    text = SpecSchema.builtIn();
    schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(new ObjectMapper().readTree(text));
  }

  static Set<ValidationMessage> problems(String yaml) throws IOException {
    JsonNode doc = YAML.readTree(yaml);
    return schema.validate(doc == null ? YAML.createObjectNode() : doc);
  }

  static String messages(Set<ValidationMessage> problems) {
    return problems.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("\n"));
  }

  static Stream<Path> examples() {
    return Examples.all().stream();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleIsValid(Path example) throws IOException {
    Set<ValidationMessage> found = problems(Files.readString(example));
    assertThat(found).as(messages(found)).isEmpty();
  }

  /** A spec example of an error page (`homelab.yaml`: then its block) and what validate prints for it. */
  record PageSpec(String name, String spec, String output) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<PageSpec> pageSpecs() throws IOException {
    java.util.regex.Pattern example = java.util.regex.Pattern.compile(
        "`homelab\\.yaml`:\\s*\\n\\s*```yaml\\n((?:(?!```).)*?)^[ ]*```\\s*\\n\\s*```text\\n((?:(?!```).)*?)^[ ]*```",
        java.util.regex.Pattern.DOTALL | java.util.regex.Pattern.MULTILINE);
    List<PageSpec> out = new java.util.ArrayList<>();
    try (Stream<Path> pages = Files.list(Path.of("docs/errors"))) {
      for (Path page : pages.filter(p -> p.getFileName().toString().matches("HL\\d{4}\\.md")).sorted().toList()) {
        java.util.regex.Matcher m = example.matcher(Files.readString(page));
        int n = 0;
        while (m.find()) {
          out.add(new PageSpec(page.getFileName() + " #" + ++n, m.group(1), m.group(2)));
        }
      }
    }
    return out;
  }

  static Stream<PageSpec> acceptedPageSpecs() throws IOException {
    return pageSpecs().stream().filter(p -> !p.output().contains("error["));
  }

  static Stream<PageSpec> boundPageSpecs() throws IOException {
    return pageSpecs().stream().filter(p -> p.output().matches("(?s)error\\[HL020[1-6]].*"));
  }

  /** The specs of the error pages that validate accepts (warnings at most): the schema accepts them too. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedPageSpecs")
  void whatValidateAcceptsTheSchemaAccepts(PageSpec example) throws IOException {
    Set<ValidationMessage> found = problems(example.spec());
    assertThat(found).as(messages(found)).isEmpty();
  }

  /** The specs of the error pages that binding refuses (an unknown key, a wrong type or word): the schema refuses them too. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("boundPageSpecs")
  void whatBindingRefusesTheSchemaRefuses(PageSpec example) throws IOException {
    assertThat(problems(example.spec())).as(example.output()).isNotEmpty();
  }

  @Test
  void theErrorPagesGiveBothKindsOfSpec() throws IOException {
    assertThat(acceptedPageSpecs().count()).isGreaterThan(10);
    assertThat(boundPageSpecs().count()).isGreaterThan(3);
  }

  static final String LAB = """
      homelab: { name: lab, domain: example.org }
      admins:
        alice: { sshKeys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKey alice@laptop"] }
      hosts:
        nuc:
          stateVersion: "25.05"
          network:
            lan: { interfaces: [enp1s0], ranges: [192.168.1.0/24] }
      """;

  @Test
  void theBindersShorthandsAreValid() throws IOException {
    String spec = LAB + """
            tailscale: true
          storage:
            tank:
              size: 4T
              datasets:
                media: { quota: 500 }
          services:
            vaultwarden:
            immich: false
            jellyfin: { expose: [lan, tailscale] }
      """;
    Set<ValidationMessage> found = problems(spec);
    assertThat(found).as(messages(found)).isEmpty();
  }

  @Test
  void oneValueStandsForAOneItemList() throws IOException {
    String preseed = LAB + """
          services:
            immich: { preseed: { from: restic } }
            jellyfin: { preseed: { from: [syncoid, restic] } }
      """;
    Set<ValidationMessage> found = problems(preseed);
    assertThat(found).as(messages(found)).isEmpty();
    assertThat(messages(problems(preseed.replace("from: restic", "from: { restic: 1 }"))))
        .contains("$.hosts.nuc.services.immich.preseed.from");
  }

  @Test
  void anUnknownKeyIsRefused() throws IOException {
    String spec = LAB.replace("stateVersion: \"25.05\"", "stateVersion: \"25.05\"\n    hostname: nuc");
    assertThat(messages(problems(spec))).contains("$.hosts.nuc").contains("hostname");
  }

  @Test
  void aWrongTypeIsRefused() throws IOException {
    String spec = LAB.replace("name: lab", "name: [lab]");
    assertThat(messages(problems(spec))).contains("$.homelab.name: array found");
  }

  @Test
  void aWordOutsideTheEnumIsRefused() throws IOException {
    String spec = LAB + "    services:\n      immich: { expose: [internet] }\n";
    assertThat(messages(problems(spec))).contains("$.hosts.nuc.services.immich.expose[0]").contains("enum");
  }

  @Test
  void aValueAgainstThePatternIsRefused() throws IOException {
    String spec = LAB.replace("channel", "x").replace("domain: example.org", "domain: example.org, channel: nixos-stable");
    assertThat(messages(problems(spec))).contains("$.homelab.channel").contains("pattern");
  }

  @Test
  void aPastedSecretIsRefused() throws IOException {
    String spec = LAB.replace("network:", "network:\n      tunnel: { credentials: hunter2 }");
    assertThat(messages(problems(spec))).contains("$.hosts.nuc.network.tunnel.credentials");
  }

  @Test
  void aMissingRequiredKeyIsRefused() throws IOException {
    String spec = LAB.replace("    stateVersion: \"25.05\"\n", "");
    assertThat(messages(problems(spec))).contains("$.hosts.nuc").contains("stateVersion");
  }

  static Stream<Path> hostileTypeErrors() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("src/test/resources/hostile"))) {
      // Not the sizes out of range: the schema checks a size's form, validate its magnitude.
      return s.filter(p -> p.toString().endsWith(".yaml") && Files.isRegularFile(p))
          .filter(p -> !p.getFileName().toString().contains("-range-")).filter(p -> {
        try {
          String first = Files.readString(p).lines().findFirst().orElse("");
          return first.startsWith("# expect:") && (first.contains("HL0202") || first.contains("HL0203"));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).sorted().toList().stream();
    }
  }

  /** The hostile corpus's specs of the wrong type (HL0202) or size (HL0203), each refused by the schema too. */
  @ParameterizedTest
  @MethodSource("hostileTypeErrors")
  void theHostileCorpusTypeErrorsAreRefused(Path spec) throws IOException {
    assertThat(problems(Files.readString(spec))).as(spec.toString()).isNotEmpty();
  }

  @Test
  void keysAreDescribedFromTheSpecReference() throws IOException {
    SpecDocs docs = SpecDocs.builtIn();
    assertThat(docs.problems()).isEmpty();
    JsonNode tree = new ObjectMapper().readTree(text);
    assertThat(tree.at("/definitions/Lab/properties/domain/description").asText())
        .isEqualTo(docs.describe(Lab.class, "domain")).contains("<subdomain>.<domain>");
    assertThat(tree.at("/properties/hosts/description").asText()).isEqualTo(docs.describe(Spec.class, "hosts"));
    // A record as a whole: the first paragraph of its section; none when a section holds two tables.
    assertThat(tree.at("/definitions/Lab/description").asText()).isEqualTo("The lab as a whole. Required (HL0300 when missing).");
    assertThat(docs.describeRecord(dev.homelab.model.Deploy.class)).isNull();
    assertThat(docs.describeRecord(dev.homelab.model.DeployHost.class)).isNull();
    assertThat(tree.at("/definitions/Lan/properties/interfaces/description").asText())
        .isEqualTo(docs.describe(Lan.class, "interfaces")).isNotBlank();
  }

  @Test
  void aTableThatNamesNoKeyOfItsRecordIsReported() {
    SpecDocs docs = SpecDocs.parse(String.join("\n",
        "<!-- schema: Lab -->",
        "| key | type | default | effect |",
        "|---|---|---|---|",
        "| `domain` | string | required | where the services are |",
        "| `zone` | string | — | the time zone |",
        "",
        "<!-- schema: Nothing -->",
        "| key | effect |",
        "|---|---|",
        "| `a` | b |",
        ""));
    assertThat(docs.describe(Lab.class, "domain")).isEqualTo("where the services are");
    assertThat(docs.problems()).containsExactly(
        "line 5: `zone` is not a key of Lab",
        "line 7: `Nothing` is not a record of dev.homelab.model");
  }

  @Test
  void aDottedKeyDescribesTheNestedRecord() {
    SpecDocs docs = SpecDocs.parse(String.join("\n",
        "<!-- schema: Home -->",
        "| key | type | constraint | effect |",
        "|---|---|---|---|",
        "| `git.email` | string | an address | the commits' `user.email` \\| theirs |",
        ""));
    assertThat(docs.problems()).isEmpty();
    assertThat(docs.entries()).singleElement().satisfies(e -> {
      assertThat(e.record().getSimpleName()).isEqualTo("GitIdentity");
      assertThat(e.component()).isEqualTo("email");
      assertThat(e.text()).isEqualTo("the commits' `user.email` | theirs (an address)");
    });
  }

  @Test
  void defaultsComeFromTheRecords() throws IOException {
    JsonNode tree = new ObjectMapper().readTree(text);
    assertThat(tree.at("/definitions/Lab/properties/timezone/default").asText()).isEqualTo("UTC");
    assertThat(tree.at("/definitions/Lab/properties/channel/default").asText()).isEqualTo("nixos-unstable");
    // A record with an `enable` key is either its mapping or `true`/`false`.
    assertThat(tree.at("/definitions/Service/anyOf/0/properties/enable/default").asBoolean()).isTrue();
    assertThat(tree.at("/definitions/Service/anyOf/1/type").asText()).isEqualTo("boolean");
  }

  @Test
  void theSchemaIsTheSameOnEveryRun() {
    assertThat(SpecSchema.builtIn()).isEqualTo(text);
  }

  @Test
  void docsSpecSchemaJsonIsUpToDate() throws IOException {
    if ("true".equals(System.getProperty("golden.update"))) {
      Files.writeString(DOC, text);
    }
    assertThat(Files.readString(DOC)).as("docs/spec.schema.json (regenerate with -Dgolden.update=true)").isEqualTo(text);
  }

  @Test
  void theCommandPrintsItAndWritesIt(@TempDir Path dir) throws IOException {
    Cli.Run printed = Cli.run("schema");
    assertThat(printed.exit()).as(printed.all()).isZero();
    assertThat(printed.out()).isEqualTo(text);
    assertThat(printed.err()).isEmpty();
    Path file = dir.resolve(".homelab/spec.schema.json");
    Cli.Run written = Cli.run("schema", "-o", file.toString());
    assertThat(written.exit()).as(written.all()).isZero();
    assertThat(Files.readString(file)).isEqualTo(text);
    assertThat(List.of(dir.resolve(".homelab").toFile().list())).containsExactly("spec.schema.json");
    Cli.Run folder = Cli.run("schema", "-o", dir.toString());
    assertThat(folder.exit()).isEqualTo(2);
    assertThat(folder.err()).contains("is a folder; name the file to write");
  }
}
