package dev.homelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Findings in the formats CI reads: SARIF 2.1.0 (checked against the standard's schema),
 * GitHub workflow commands, and JSON (checked against docs/findings.schema.json); the spec's
 * suppressions; and --fail-on.
 */
class FindingsFormatsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static JsonSchema sarif;
  static JsonSchema findings;

  /** Two warnings (first accounts held back) and, with {@link #BROKEN}, an error too. */
  static final String WARNED = Specs.MINIMAL.replace("immich: { tier: critical, claimed: true }",
      "immich: { tier: critical }\n      jellyfin: { tier: critical }");
  static final String BROKEN = WARNED.replace("hostId: 8425e349", "hostId: nothex");

  @TempDir
  Path dir;

  @BeforeAll
  static void schemas() throws IOException {
    try (InputStream in = FindingsFormatsTest.class.getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
      sarif = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(JSON.readTree(in));
    }
    findings = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
        .getSchema(JSON.readTree(Files.readString(Path.of("docs/findings.schema.json"))));
  }

  @Test
  void fixturesSayWhatTheTestsNeed() {
    assertThat(WARNED).contains("jellyfin: { tier: critical }").doesNotContain("immich: { tier: critical, claimed");
    assertThat(BROKEN).contains("hostId: nothex");
  }

  @Test
  void sarifIsAValidLogWithOneResultPerFindingAndTheRulesThatOccur() throws IOException {
    Path spec = Specs.write(dir, "homelab.yaml", BROKEN);
    Cli.Run run = Cli.run("validate", "-f", spec.toString(), "--format", "sarif");
    assertThat(run.exit()).isEqualTo(1);
    JsonNode log = JSON.readTree(run.out());
    Set<ValidationMessage> problems = sarif.validate(log);
    assertThat(problems).as(run.out()).isEmpty();
    assertThat(log.path("version").asText()).isEqualTo("2.1.0");
    JsonNode runNode = log.path("runs").get(0);
    List<String> levels = new ArrayList<>();
    runNode.path("results").forEach(r -> levels.add(r.path("ruleId").asText() + ":" + r.path("level").asText()));
    assertThat(levels).containsExactlyInAnyOrder("HL0310:error", "HL0335:warning", "HL0335:warning");
    JsonNode rules = runNode.path("tool").path("driver").path("rules");
    assertThat(rules).hasSize(2);
    for (JsonNode r : runNode.path("results")) {
      JsonNode rule = rules.get(r.path("ruleIndex").asInt());
      assertThat(rule.path("id").asText()).isEqualTo(r.path("ruleId").asText());
      // Without --docs-url the page travels in the log; its place in the repository is a property.
      assertThat(rule.has("helpUri")).isFalse();
      assertThat(Path.of(rule.path("properties").path("page").asText())).exists();
      assertThat(rule.path("help").path("markdown").asText()).startsWith("# " + rule.path("id").asText() + ":");
      JsonNode loc = r.path("locations").get(0).path("physicalLocation");
      assertThat(loc.path("artifactLocation").path("uri").asText()).endsWith("homelab.yaml");
      assertThat(loc.path("region").path("startLine").asInt()).isPositive();
    }
    // The error's region is the hostId value: line and column as the text format prints them.
    Cli.Run text = Cli.run("validate", "-f", spec.toString());
    JsonNode error = null;
    for (JsonNode r : runNode.path("results")) {
      if (r.path("level").asText().equals("error")) {
        error = r.path("locations").get(0).path("physicalLocation").path("region");
      }
    }
    assertThat(error).isNotNull();
    assertThat(text.err()).contains("homelab.yaml:" + error.path("startLine").asInt() + ":" + error.path("startColumn").asInt());
    assertThat(Files.readString(spec).lines().toList().get(error.path("startLine").asInt() - 1)).contains("hostId: nothex");
    // The findings document alone is on stdout; nothing else is mixed into it.
    assertThat(run.err()).doesNotContain("error[");
  }

  @Test
  void docsUrlGivesEveryRuleItsPageAsHelpUri() throws IOException {
    Path spec = Specs.write(dir, "homelab.yaml", BROKEN);
    Cli.Run run = Cli.run("validate", "-f", spec.toString(), "--format", "sarif",
        "--docs-url", "https://git.example.org/homelab/src/branch/main/docs/errors/");
    JsonNode log = JSON.readTree(run.out());
    assertThat(sarif.validate(log)).isEmpty();
    List<String> uris = new ArrayList<>();
    log.path("runs").get(0).path("tool").path("driver").path("rules").forEach(r -> uris.add(r.path("helpUri").asText()));
    assertThat(uris).containsExactly("https://git.example.org/homelab/src/branch/main/docs/errors/HL0310.md",
        "https://git.example.org/homelab/src/branch/main/docs/errors/HL0335.md");
    assertThat(Cli.run("validate", "-f", spec.toString(), "--format", "sarif", "--docs-url", "docs/errors").err())
        .contains("--docs-url");
  }

  @Test
  void sarifOfTheSameSpecIsTheSameBytes() {
    Path spec = Specs.write(dir, "homelab.yaml", WARNED);
    String first = Cli.run("validate", "-f", spec.toString(), "--format", "sarif").out();
    assertThat(Cli.run("validate", "-f", spec.toString(), "--format", "sarif").out()).isEqualTo(first);
    assertThat(sarif.validate(read(first))).isEmpty();
  }

  @Test
  void githubFormatPrintsOneAnnotationPerFindingWithItsPlace() {
    Path spec = Specs.write(dir, "homelab.yaml", BROKEN);
    Cli.Run run = Cli.run("validate", "-f", spec.toString(), "--format", "github");
    assertThat(run.exit()).isEqualTo(1);
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(3).allMatch(l -> l.startsWith("::error file=") || l.startsWith("::warning file="));
    assertThat(lines).filteredOn(l -> l.startsWith("::error ")).singleElement().satisfies(l -> {
      assertThat(l).matches("::error file=[^,]*homelab\\.yaml,line=\\d+,col=\\d+,endColumn=\\d+,title=HL0310::HL0310: .*");
      // A hint goes on its own line of the annotation: the newline is escaped, never raw.
      assertThat(l).doesNotContain("\n");
    });
    assertThat(lines).filteredOn(l -> l.contains("title=HL0335")).hasSize(2).allMatch(l -> l.contains("%0Ahelp: "));
  }

  @Test
  void githubEscapingKeepsPercentSignsCommasAndColonsFromEndingTheCommand() {
    assertThat(dev.homelab.diag.report.GithubReportAccess.property("a:b,c%d\ne")).isEqualTo("a%3Ab%2Cc%25d%0Ae");
    assertThat(dev.homelab.diag.report.GithubReportAccess.data("50% done: a,b\r\n")).isEqualTo("50%25 done: a,b%0D%0A");
  }

  @Test
  void jsonFollowsItsDocumentedSchema() throws IOException {
    Path spec = Specs.write(dir, "homelab.yaml", BROKEN);
    Cli.Run run = Cli.run("validate", "-f", spec.toString(), "--format", "json");
    JsonNode doc = JSON.readTree(run.out());
    assertThat(findings.validate(doc)).as(run.out()).isEmpty();
    assertThat(doc.path("errors").asInt()).isEqualTo(1);
    assertThat(doc.path("warnings").asInt()).isEqualTo(2);
    assertThat(doc.path("findings")).hasSize(3);
    JsonNode jellyfin = null;
    for (JsonNode f : doc.path("findings")) {
      if (f.path("path").asText().equals("hosts.nuc.services.jellyfin")) {
        jellyfin = f;
      }
    }
    assertThat(jellyfin).isNotNull();
    assertThat(jellyfin.path("code").asText()).isEqualTo("HL0335");
    assertThat(jellyfin.path("help").asText()).isEqualTo("docs/errors/HL0335.md");
    // The schema refuses what the format never prints.
    ((com.fasterxml.jackson.databind.node.ObjectNode) jellyfin).put("severity", "fatal");
    assertThat(findings.validate(doc)).isNotEmpty();
  }

  @Test
  void aSuppressionSetsItsWarningAsideAndReportsItMarked() throws IOException {
    Path spec = Specs.write(dir, "homelab.yaml", WARNED + """
        suppress:
          - code: HL0335
            at: hosts.nuc.services.jellyfin
            reason: "its account is made over the tailnet on purpose"
        """);
    Cli.Run text = Cli.run("validate", "-f", spec.toString());
    assertThat(text.exit()).isZero();
    assertThat(text.err()).contains("`immich` is held back").doesNotContain("`jellyfin` is held back")
        .contains("1 warning suppressed");
    JsonNode doc = JSON.readTree(Cli.run("validate", "-f", spec.toString(), "--format", "json").out());
    assertThat(findings.validate(doc)).isEmpty();
    assertThat(doc.path("warnings").asInt()).isEqualTo(1);
    assertThat(doc.path("suppressed").asInt()).isEqualTo(1);
    JsonNode log = JSON.readTree(Cli.run("validate", "-f", spec.toString(), "--format", "sarif").out());
    assertThat(sarif.validate(log)).isEmpty();
    List<String> justifications = new ArrayList<>();
    log.path("runs").get(0).path("results").forEach(r -> r.path("suppressions")
        .forEach(s -> justifications.add(s.path("kind").asText() + ": " + s.path("justification").asText())));
    assertThat(justifications).containsExactly("inSource: its account is made over the tailnet on purpose");
    Cli.Run github = Cli.run("validate", "-f", spec.toString(), "--format", "github");
    assertThat(github.out().lines()).hasSize(1);
    // A suppression of a whole host covers every warning under it.
    Path host = Specs.write(dir, "host.yaml", WARNED + """
        suppress:
          - { code: HL0335, at: hosts.nuc, reason: "accounts are made over the tailnet" }
        """);
    assertThat(Cli.run("validate", "-f", host.toString()).err()).doesNotContain("HL0335").contains("2 warnings suppressed");
  }

  @Test
  void aSuppressionThatCoversNothingOrAnErrorIsItselfAWarning() {
    Path spec = Specs.write(dir, "homelab.yaml", BROKEN + """
        suppress:
          - code: HL0335
            at: hosts.nuc.services.jelyfin
            reason: "typo in the path"
          - code: HL0310
            at: hosts.nuc.hostId
            reason: "errors cannot be waved through"
        """);
    Cli.Run run = Cli.run("validate", "-f", spec.toString());
    assertThat(run.exit()).isEqualTo(1);
    int stale = lineOf(spec, "- code: HL0335");
    int onError = lineOf(spec, "- code: HL0310");
    assertThat(run.err())
        .contains("warning[HL0303]: the suppression of HL0335 at `hosts.nuc.services.jelyfin` covers no warning")
        .contains("homelab.yaml:" + stale + ":5")
        .contains("warning[HL0303]: the suppression of HL0310 at `hosts.nuc.hostId` covers an error, and errors cannot be suppressed")
        .contains("homelab.yaml:" + onError + ":5")
        .contains("error[HL0310]");
  }

  @Test
  void aSuppressionNeedsItsReason() {
    Path spec = Specs.write(dir, "homelab.yaml", WARNED + """
        suppress:
          - { code: HL0335, at: hosts.nuc.services.jellyfin }
        """);
    Cli.Run run = Cli.run("validate", "-f", spec.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0300]: a suppression says why the finding is accepted (`reason:`)")
        .contains("homelab.yaml:" + lineOf(spec, "- { code: HL0335") + ":");
  }

  @Test
  void failOnWarningFailsValidateAndGenWritesNothing() {
    Path spec = Specs.write(dir, "homelab.yaml", WARNED);
    assertThat(Cli.run("validate", "-f", spec.toString()).exit()).isZero();
    Cli.Run strict = Cli.run("validate", "-f", spec.toString(), "--fail-on", "warning");
    assertThat(strict.exit()).isEqualTo(1);
    assertThat(strict.all()).contains("invalid: 2 warning(s), and --fail-on warning");
    Path out = dir.resolve("out");
    Cli.Run gen = Cli.run("gen", "-f", spec.toString(), "-o", out.toString(), "--fail-on", "warning");
    assertThat(gen.exit()).isEqualTo(1);
    assertThat(gen.err()).contains("refused: 2 warning(s), and --fail-on warning: nothing written");
    assertThat(out).doesNotExist();
    // Clean once the warnings are dealt with.
    Path clean = Specs.write(dir, "clean.yaml", Specs.MINIMAL);
    assertThat(Cli.run("validate", "-f", clean.toString(), "--fail-on", "warning").exit()).isZero();
    assertThat(Cli.run("validate", "-f", clean.toString(), "--fail-on", "everything").exit()).isEqualTo(2);
    assertThat(Cli.run("validate", "-f", clean.toString(), "--format", "xml").err()).contains("unknown format `xml`");
  }

  @Test
  void genInAMachineFormatKeepsStdoutForTheDocument() throws IOException {
    Path spec = Specs.write(dir, "homelab.yaml", WARNED);
    Cli.Run run = Cli.run("gen", "-f", spec.toString(), "-o", dir.resolve("out").toString(), "--format", "json");
    assertThat(run.exit()).as(run.all()).isZero();
    JsonNode doc = JSON.readTree(run.out());
    assertThat(findings.validate(doc)).isEmpty();
    assertThat(doc.path("warnings").asInt()).isEqualTo(2);
    assertThat(run.err()).contains("create: flake.nix");
    assertThat(dir.resolve("out/flake.nix")).exists();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int lineOf(Path file, String text) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(text)) {
          return i + 1;
        }
      }
      throw new AssertionError("no line with " + text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
