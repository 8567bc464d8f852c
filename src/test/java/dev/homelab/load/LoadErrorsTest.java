package dev.homelab.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.cli.Pipeline;
import dev.homelab.diag.Diagnostic;
import dev.homelab.diag.SpecException;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the load stage refuses, each with its code and the exact place: duplicate keys,
 * anchors, aliases and merge keys, binary and non-UTF-8 files, several documents, nesting
 * too deep, a root that is not a mapping, and invalid YAML.
 */
class LoadErrorsTest {

  @TempDir
  Path dir;

  /** The one finding of a refused file, also checked through the command line. */
  private Diagnostic refused(Path file) {
    Throwable t = catchThrowable(() -> new Pipeline(ServiceCatalog.builtIn()).check(List.of(file), List.of()));
    assertThat(t).as("file must be refused").isInstanceOf(SpecException.class);
    List<Diagnostic> all = ((SpecException) t).diagnostics().sorted();
    assertThat(all).hasSize(1);
    Diagnostic d = all.get(0);
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.all()).contains("[" + d.code() + "]").contains(d.span().toString())
        .doesNotContain("\tat ").doesNotContain("Exception");
    return d;
  }

  private Diagnostic refused(String text) {
    return refused(Specs.write(dir, "spec.yaml", text));
  }

  private String at(int line, int col) {
    return dir.resolve("spec.yaml") + ":" + line + ":" + col;
  }

  @Test
  void rejectsDuplicateKeyAtTheSecondKey() {
    Diagnostic d = refused("""
        homelab:
          name: lab
          domain: example.org
          name: other
        """);
    assertThat(d.code()).isEqualTo("HL0102");
    assertThat(d.span()).hasToString(at(4, 3));
    assertThat(d.message()).contains("`name`").contains("first at " + at(2, 3));
  }

  @Test
  void rejectsDuplicateKeyInFlowMapping() {
    Diagnostic d = refused(Specs.MINIMAL.replace("immich: { tier: critical, claimed: true }", "immich: { tier: critical, tier: critical }"));
    assertThat(d.code()).isEqualTo("HL0102");
    // `      immich: { tier: critical, tier: critical }`: the second `tier` is at column 33.
    assertThat(d.span()).hasToString(at(26, 33));
  }

  @Test
  void rejectsAnchorWhereItIsWritten() {
    Diagnostic d = refused("""
        tiers:
          critical: &crit { phase: 1 }
        """);
    assertThat(d.code()).isEqualTo("HL0106");
    assertThat(d.message()).contains("&crit");
    assertThat(d.span()).hasToString(at(2, 13));
  }

  @Test
  void rejectsAnchorOnScalar() {
    Diagnostic d = refused(Specs.MINIMAL.replace("  name: lab", "  name: &n lab"));
    assertThat(d.code()).isEqualTo("HL0106");
    assertThat(d.span()).hasToString(at(2, 9));
  }

  @Test
  void rejectsAnchorOnKey() {
    Diagnostic d = refused("""
        tiers:
          &k critical: { phase: 1 }
        """);
    assertThat(d.code()).isEqualTo("HL0106");
    assertThat(d.message()).contains("&k");
    assertThat(d.span()).hasToString(at(2, 3));
  }

  @Test
  void rejectsAnchorAfterTag() {
    Diagnostic d = refused(Specs.MINIMAL.replace("  name: lab", "  name: !!str &n lab"));
    assertThat(d.code()).isEqualTo("HL0106");
    assertThat(d.span().line()).isEqualTo(2);
  }

  @Test
  void rejectsAnchorOnRootMapping() {
    Diagnostic d = refused("&root\n" + Specs.MINIMAL);
    assertThat(d.code()).isEqualTo("HL0106");
    assertThat(d.span()).hasToString(at(1, 1));
  }

  @Test
  void rejectsAliasWhereItIsWritten() {
    Diagnostic d = refused("""
        tiers:
          critical: { phase: 1 }
          other: *crit
        """);
    assertThat(d.code()).isEqualTo("HL0106");
    assertThat(d.message()).contains("*crit");
    assertThat(d.span()).hasToString(at(3, 10));
  }

  @Test
  void rejectsMergeKeyWhereItIsWritten() {
    Diagnostic d = refused("""
        tiers:
          critical: { phase: 1 }
          other:
            <<: { phase: 2 }
        """);
    assertThat(d.code()).isEqualTo("HL0106");
    assertThat(d.message()).contains("<<");
    assertThat(d.span()).hasToString(at(4, 5));
  }

  @Test
  void refusesAliasBombQuickly() {
    StringBuilder b = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      char p = (char) (c - 1);
      b.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        b.append(i == 0 ? "" : ",").append('*').append(p);
      }
      b.append("]\n");
    }
    Path file = Specs.write(dir, "spec.yaml", b.toString());
    Diagnostic d = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () -> refused(file));
    assertThat(d.code()).isEqualTo("HL0106");
    assertThat(d.span()).hasToString(at(1, 4));
  }

  @Test
  void rejectsBinaryFileAtTheFirstNulByte() {
    Diagnostic d = refused("homelab:\n  name: l\0ab\n");
    assertThat(d.code()).isEqualTo("HL0103");
    assertThat(d.span()).hasToString(at(2, 10));
  }

  @Test
  void rejectsFileThatIsNotUtf8() throws IOException {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, new byte[] {'h', 'o', 'm', 'e', 'l', 'a', 'b', ':', '\n', ' ', ' ', 'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9, '\n'});
    Diagnostic d = refused(file);
    assertThat(d.code()).isEqualTo("HL0103");
    assertThat(d.span().file()).isEqualTo(file.toString());
  }

  @Test
  void rejectsSeveralDocuments() {
    Diagnostic d = refused("""
        homelab:
          name: a
        ---
        homelab:
          name: b
        """);
    assertThat(d.code()).isEqualTo("HL0105");
    // Located at the first line of the second document.
    assertThat(d.span()).hasToString(at(4, 1));
  }

  @Test
  void rejectsNestingTooDeep() {
    Diagnostic d = refused("x: " + "[".repeat(80) + "]".repeat(80) + "\n");
    assertThat(d.code()).isEqualTo("HL0104");
    assertThat(d.span().line()).isEqualTo(1);
  }

  @Test
  void rejectsRootThatIsNotAMapping() {
    Diagnostic d = refused("- homelab\n- hosts\n");
    assertThat(d.code()).isEqualTo("HL0107");
    assertThat(d.span()).hasToString(at(1, 1));
  }

  @Test
  void rejectsInvalidYamlWithItsPlace() {
    Diagnostic d = refused("homelab:\n  name: lab\n  domain: [example.org\n");
    assertThat(d.code()).isEqualTo("HL0101");
    assertThat(d.span().file()).isEqualTo(dir.resolve("spec.yaml").toString());
    assertThat(d.span().line()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void invalidYamlIsLocatedAtTheProblemNotTheLastGoodToken() {
    Diagnostic d = refused("homelab:\n\tname: lab\n");
    assertThat(d.code()).isEqualTo("HL0101");
    // The tab on line 2, not the end of `homelab:` on line 1.
    assertThat(d.span()).hasToString(at(2, 1));
    // The parser's reason, not only what it was doing.
    assertThat(d.message()).isEqualTo("invalid YAML: found a tab, which cannot start any token");
    assertThat(d.hint()).isEqualTo("indent with spaces: YAML does not allow tabs for indentation");
  }

  @Test
  void keyBetweenTwoIndentationsSaysSoAndWhereItsMappingStarts() {
    Diagnostic d = refused("""
        hosts:
          nuc:
            services:
              immich:
                tier: critical
               expose: [lan]
        """);
    assertThat(d.code()).isEqualTo("HL0101");
    assertThat(d.span()).hasToString(at(6, 8));
    assertThat(d.message()).isEqualTo("invalid YAML: expected the end of the block, but found a key at another indentation"
        + " (while parsing a block mapping that starts at line 4)");
    assertThat(d.hint()).startsWith("the keys of one mapping start in the same column");
  }

  @Test
  void unclosedQuoteNamesWhereItOpened() {
    Diagnostic d = refused("homelab:\n  name: \"lab\n");
    assertThat(d.message()).isEqualTo("invalid YAML: found unexpected end of the file (while scanning a quoted scalar that starts at line 2)");
    assertThat(d.hint()).isEqualTo("close the quote that starts at line 2");
  }

  @Test
  void unclosedBraceNamesWhereItOpened() {
    Diagnostic d = refused("homelab: { name: lab, domain: example.org\nhosts: {}\n");
    assertThat(d.span()).hasToString(at(2, 6));
    assertThat(d.message()).isEqualTo("invalid YAML: expected ',' or '}', but found `:` (while parsing a flow mapping that starts at line 1)");
    assertThat(d.hint()).startsWith("close the `{` or `[` that starts at line 1");
  }

  @Test
  void listItemsAndKeysInOneBlockSayWhichIsWhich() {
    Diagnostic d = refused("tiers:\n  - critical\n  media: {}\n");
    assertThat(d.message()).isEqualTo("invalid YAML: expected the end of the block, but found a key"
        + " (while parsing a block collection that starts at line 2)");
    assertThat(d.hint()).startsWith("one block holds list items (`- `) or keys, not both");
  }

  @Test
  void mappingValueInPlainScalarIsLocated() {
    Diagnostic d = refused("homelab:\n  name: a: b\n");
    assertThat(d.code()).isEqualTo("HL0101");
    assertThat(d.span()).hasToString(at(2, 10));
  }

  @Test
  void keyWithNothingAfterItIsNullNotAnEmptyString() throws SpecException {
    // `name:` with nothing after it declares the entry with every default.
    Path file = Specs.write(dir, "spec.yaml", Specs.MINIMAL + "secrets:\n  restic:\n");
    var spec = new Pipeline(ServiceCatalog.builtIn()).check(List.of(file), List.of()).spec();
    assertThat(spec.secrets()).containsKey("restic");
  }

  @Test
  void hostWithNothingAfterItIsAHostWithDefaults() {
    Throwable t = catchThrowable(() -> new Pipeline(ServiceCatalog.builtIn())
        .check(List.of(Specs.write(dir, "spec.yaml", Specs.MINIMAL + "  other:\n")), List.of()));
    List<Diagnostic> all = ((SpecException) t).diagnostics().sorted();
    assertThat(all).extracting(Diagnostic::code).containsExactly("HL0300");
    assertThat(all.get(0).message()).contains("stateVersion");
    assertThat(all.get(0).span()).hasToString(at(27, 3));
  }

  @Test
  void quotedEmptyStringStaysAString() {
    Throwable t = catchThrowable(() -> new Pipeline(ServiceCatalog.builtIn())
        .check(List.of(Specs.write(dir, "spec.yaml", Specs.MINIMAL.replace("  name: lab", "  name: ''"))), List.of()));
    List<Diagnostic> all = ((SpecException) t).diagnostics().sorted();
    assertThat(all).extracting(Diagnostic::code).contains("HL0300");
    assertThat(all.get(0).span()).hasToString(at(2, 9));
  }

  @Test
  void emptyFileIsAnEmptySpec() {
    Diagnostic d = refused("");
    // Nothing to load is not a load error: the spec lacks its `homelab:` section.
    assertThat(d.code()).isEqualTo("HL0300");
  }
}
