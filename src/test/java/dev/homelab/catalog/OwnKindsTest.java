package dev.homelab.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.cli.Pipeline;
import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import dev.homelab.testing.OptionChecks;
import dev.homelab.testing.Specs;
import dev.homelab.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lab's own service kinds in its catalog/ folder: generated like built-ins, checked like them. */
class OwnKindsTest {

  /** A kind the tool does not ship: Uptime Kuma through its NixOS module. */
  static final String UPTIME_KUMA = """
      kind: uptime-kuma
      title: Uptime Kuma
      summary: uptime monitoring
      module: services.uptime-kuma
      port: 3001
      stateDir: /var/lib/uptime-kuma
      units: [uptime-kuma]
      subdomain: uptime
      health: /
      options:
        - set:
            services.uptime-kuma:
              enable: true
              settings:
                HOST: { fact: bind }
                PORT: { format: "{port}" }
      """;

  static final String TEMPLATE = "<#import \"/lib/nix.ftl\" as n>\n<@n.module module/>\n";

  @TempDir
  Path tmp;

  private Path lab(String descriptor, String template) {
    Path spec = Specs.write(tmp, "homelab.yaml", Specs.MINIMAL.replace(
        "      immich: { tier: critical, claimed: true }\n", "      uptime-kuma: { tier: critical }\n"));
    Specs.write(tmp, "catalog/uptime-kuma/service.yaml", descriptor);
    if (template != null) {
      Specs.write(tmp, "catalog/uptime-kuma/uptime-kuma.nix.ftl", template);
    }
    return spec;
  }

  @Test
  void anOwnKindIsGeneratedLikeABuiltInOne() throws Exception {
    Path spec = lab(UPTIME_KUMA, TEMPLATE);
    Path out = tmp.resolve("out");
    Cli.Run r = Cli.run("gen", "-f", spec.toString(), "-o", out.toString());
    assertThat(r.exit()).as(r.all()).isZero();
    String own = Trees.read(out, "hosts/nuc/services/uptime-kuma.nix");
    assertThat(own).contains("services.uptime-kuma = {").contains("enable = true;").contains("HOST = \"127.0.0.1\";")
        .contains("PORT = \"3001\";");
    assertThat(Trees.read(out, "hosts/nuc/caddy.nix")).contains("uptime.example.org").contains("reverse_proxy 127.0.0.1:3001");
    assertThat(Trees.read(out, "hosts/nuc/default.nix")).contains("./services/uptime-kuma.nix");

    // The same golden-free checks as the examples: options in the catalog, every file parses.
    Pipeline pipeline = new Pipeline(ServiceCatalog.builtIn(), tmp.resolve("catalog"));
    Pipeline.Checked checked = pipeline.check(List.of(spec), List.of());
    assertThat(OptionChecks.assertEveryOptionExists(checked.plan())).isPositive();
    NixTool.require();
    try (var files = Files.walk(out)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".nix")).toList()) {
        NixTool.Result parsed = NixTool.parse(f);
        assertThat(parsed.exit()).as(f + ": " + parsed.err()).isZero();
      }
    }
  }

  /**
   * An own kind's template may read the service's facts ({@code service}) and the host's name
   * beside its module; built-in kinds' files do not carry the facts (their templates read
   * only the module), so a fleet's plan does not keep thousands of fact maps until rendering.
   */
  @Test
  void anOwnKindsTemplateReadsTheServicesFacts() throws Exception {
    Path spec = lab(UPTIME_KUMA, TEMPLATE + "# ${service.name} on ${host}: port ${service.port}, ${service.url}\n");
    Path out = tmp.resolve("out");
    Cli.Run r = Cli.run("gen", "-f", spec.toString(), "-o", out.toString());
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(Trees.read(out, "hosts/nuc/services/uptime-kuma.nix"))
        .endsWith("# uptime-kuma on nuc: port 3001, https://uptime.example.org\n");

    Pipeline.Checked checked = new Pipeline(ServiceCatalog.builtIn(), tmp.resolve("catalog")).check(List.of(spec), List.of());
    Map<String, Map<String, Object>> models = new java.util.HashMap<>();
    checked.plan().files().forEach(f -> models.put(f.path(), f.model()));
    assertThat(models.get("hosts/nuc/services/uptime-kuma.nix")).containsKey("service").containsKey("module");
    assertThat(models.get("hosts/nuc/services/vaultwarden.nix")).doesNotContainKey("service").containsKey("module");
  }

  /** What lets built-in kinds' files go without the facts: no built-in template names them. */
  @Test
  void noBuiltInTemplateReadsTheServicesFacts() throws Exception {
    ServiceCatalog catalog = ServiceCatalog.builtIn();
    assertThat(catalog.kinds()).hasSize(50);
    for (String kind : catalog.kinds()) {
      String template = catalog.builtInFiles(kind).get(kind + ".nix.ftl");
      assertThat(template).as(kind).isNotNull().doesNotContain("service");
    }
  }

  @Test
  void theCommandsThatDescribeALabKnowItsOwnKinds() {
    Path spec = lab(UPTIME_KUMA, TEMPLATE);
    Cli.Run ports = Cli.run("ports", "-f", spec.toString(), "--format", "csv");
    assertThat(ports.exit()).as(ports.all()).isZero();
    assertThat(ports.out()).contains("nuc,3001,tcp,uptime-kuma,127.0.0.1,");
    Cli.Run explain = Cli.run("explain", "nuc/uptime-kuma", "-f", spec.toString());
    assertThat(explain.exit()).as(explain.all()).isZero();
    assertThat(explain.out()).contains("3001").contains("https://uptime.example.org");
    Cli.Run graph = Cli.run("graph", "-f", spec.toString(), "--format", "dot");
    assertThat(graph.exit()).as(graph.all()).isZero();
    assertThat(graph.out()).contains("uptime-kuma");
  }

  @Test
  void catalogGivesTheFolderExplicitly() {
    lab(UPTIME_KUMA, TEMPLATE);
    Path elsewhere = Specs.write(tmp, "specs/lab.yaml", Trees.read(tmp, "homelab.yaml"));
    Cli.Run without = Cli.run("validate", "-f", elsewhere.toString());
    assertThat(without.exit()).isEqualTo(1);
    assertThat(without.all()).contains("uptime-kuma");
    Cli.Run with = Cli.run("validate", "-f", elsewhere.toString(), "--catalog", tmp.resolve("catalog").toString());
    assertThat(with.exit()).as(with.all()).isZero();
    Cli.Run missing = Cli.run("validate", "-f", elsewhere.toString(), "--catalog", tmp.resolve("nope").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("--catalog is not a folder");
  }

  @Test
  void anEjectedKindReplacesTheBuiltInWithAWarning() {
    Path spec = Specs.write(tmp, "homelab.yaml", Specs.MINIMAL);
    Cli.Run eject = Cli.run("catalog", "eject", "vaultwarden", "-o", tmp.resolve("catalog").toString());
    assertThat(eject.exit()).as(eject.all()).isZero();
    assertThat(Trees.read(tmp, "catalog/vaultwarden/service.yaml"))
        .isEqualTo(ServiceCatalog.builtIn().builtInFiles("vaultwarden").get("service.yaml"));
    assertThat(tmp.resolve("catalog/vaultwarden/vaultwarden.nix.ftl")).exists();

    Cli.Run r = Cli.run("validate", "-f", spec.toString());
    assertThat(r.exit()).as(r.all()).isZero();
    int line = lineOf(Trees.read(tmp, "catalog/vaultwarden/service.yaml"), "kind: vaultwarden");
    assertThat(r.err()).contains("HL0661").contains("replaces the built-in kind")
        .contains(tmp.resolve("catalog").toString() + "/vaultwarden/service.yaml:" + line + ":7");

    // A changed copy is what gen writes.
    Path file = tmp.resolve("catalog/vaultwarden/service.yaml");
    Trees.write(tmp, "catalog/vaultwarden/service.yaml", Trees.read(tmp, "catalog/vaultwarden/service.yaml")
        .replace("SIGNUPS_ALLOWED: false", "SIGNUPS_ALLOWED: false\n      services.vaultwarden.config.SHOW_PASSWORD_HINT: false"));
    assertThat(file).content().contains("SHOW_PASSWORD_HINT");
    Path out = tmp.resolve("out");
    Cli.Run gen = Cli.run("gen", "-f", spec.toString(), "-o", out.toString());
    assertThat(gen.exit()).as(gen.all()).isZero();
    assertThat(Trees.read(out, "hosts/nuc/services/vaultwarden.nix")).contains("SHOW_PASSWORD_HINT = false;");
  }

  @Test
  void ejectRefusesToReplaceAndNamesUnknownKinds() {
    Path folder = tmp.resolve("catalog");
    assertThat(Cli.run("catalog", "eject", "gatus", "-o", folder.toString()).exit()).isZero();
    Trees.write(tmp, "catalog/gatus/service.yaml", "mine\n");
    Cli.Run again = Cli.run("catalog", "eject", "gatus", "-o", folder.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("exists: eject does not replace it");
    assertThat(Trees.read(tmp, "catalog/gatus/service.yaml")).isEqualTo("mine\n");
    Cli.Run unknown = Cli.run("catalog", "eject", "gatsu", "-o", folder.toString());
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("no service kind `gatsu`").contains("gatus");
    assertThat(folder.resolve("gatsu")).doesNotExist();
  }

  /** A bad kind: exit 1, the code, the place in the user's file, and nothing written. */
  private void refused(String descriptor, String template, String code, String file, String needle, int column,
      String message) {
    Path spec = lab(descriptor, template);
    Path out = tmp.resolve("out");
    Cli.Run r = Cli.run("gen", "-f", spec.toString(), "-o", out.toString());
    assertThat(r.exit()).as(r.all()).isEqualTo(1);
    String text = Trees.read(tmp, "catalog/uptime-kuma/" + file);
    String where = tmp.resolve("catalog") + "/uptime-kuma/" + file + ":" + lineOf(text, needle) + ":" + column;
    assertThat(r.err()).contains(code).contains(where).contains(message).doesNotContain("Exception");
    assertThat(out).doesNotExist();
  }

  @Test
  void anOptionTheCatalogLacksIsLocated() {
    refused(UPTIME_KUMA.replace("enable: true", "enabled: true"), TEMPLATE, "HL0666", "service.yaml", "enabled: true", 9,
        "`services.uptime-kuma.enabled` is not in the option catalog");
    assertThat(Trees.read(tmp, "homelab.yaml")).isNotEmpty();
  }

  @Test
  void aValueTheOptionDoesNotTakeIsLocated() {
    refused(UPTIME_KUMA.replace("enable: true", "enable: \"yes\""), TEMPLATE, "HL0666", "service.yaml", "enable: \"yes\"", 9,
        "does not fit type `boolean`");
  }

  @Test
  void aPortOutOfRangeIsLocated() {
    refused(UPTIME_KUMA.replace("port: 3001", "port: 70000"), TEMPLATE, "HL0663", "service.yaml", "port: 70000", 7,
        "port 70000 is out of range");
  }

  @Test
  void aKindThatIsNotItsFolderIsLocated() {
    refused(UPTIME_KUMA.replace("kind: uptime-kuma", "kind: kuma"), TEMPLATE, "HL0662", "service.yaml", "kind: kuma", 7,
        "says `kind: kuma`");
  }

  @Test
  void anUnknownFieldIsLocated() {
    refused(UPTIME_KUMA.replace("subdomain: uptime", "subdomian: uptime"), TEMPLATE, "HL0201", "service.yaml",
        "subdomian: uptime", 1, "subdomian");
  }

  @Test
  void aYamlErrorIsLocated() {
    refused(UPTIME_KUMA.replace("units: [uptime-kuma]", "units: [uptime-kuma"), TEMPLATE, "HL0101", "service.yaml",
        "subdomain: uptime", 10, "invalid YAML");
  }

  @Test
  void aTemplateThatDoesNotParseIsLocated() {
    refused(UPTIME_KUMA, "<#import \"/lib/nix.ftl\" as n>\n<@n.module module>\n", "HL0667", "uptime-kuma.nix.ftl",
        "<@n.module module>", 19, "does not parse");
  }

  @Test
  void aMissingTemplateIsNamed() {
    Path spec = lab(UPTIME_KUMA, null);
    Cli.Run r = Cli.run("validate", "-f", spec.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("HL0667").contains("uptime-kuma.nix.ftl` is missing");
  }

  @Test
  void aUserNameThatCannotBeOneIsLocated() {
    refused(UPTIME_KUMA.replace("units: [uptime-kuma]", "units: [uptime-kuma]\nuser: \"Root Kuma\""), TEMPLATE, "HL0664",
        "service.yaml", "user: \"Root Kuma\"", 7, "is no user name");
  }

  private static int lineOf(String text, String needle) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(needle)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line with " + needle + " in\n" + text);
  }

}
