package dev.homelab.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.cli.Pipeline;
import dev.homelab.diag.Diagnostic;
import dev.homelab.diag.SpecException;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Misspelt keys and enum words are bind errors that suggest the word meant. */
class TypoSuggestionTest {

  @TempDir
  Path dir;

  private List<Diagnostic> bindFindings(Path file) {
    SpecException e = (SpecException) catchThrowable(
        () -> new Pipeline(ServiceCatalog.builtIn()).check(List.of(file), List.of()));
    assertThat(e).as("spec must be refused").isNotNull();
    return e.diagnostics().sorted();
  }

  @Test
  void misspeltKeySuggestsStateVersion() {
    Path file = Specs.write(dir, "spec.yaml", RuleFixtures.edit("stateVersion: \"25.05\"", "stateVersoin: \"25.05\""));
    List<Diagnostic> all = bindFindings(file);
    assertThat(all).hasSize(1);
    Diagnostic d = all.get(0);
    assertThat(d.code()).isEqualTo("HL0201");
    assertThat(d.span()).hasToString(file + ":14:5");
    assertThat(d.message()).contains("stateVersoin");
    assertThat(d.hint()).contains("did you mean `stateVersion`");
  }

  @Test
  void misspeltKeyHintIsPrintedByCli() {
    Path file = Specs.write(dir, "spec.yaml", RuleFixtures.edit("stateVersion: \"25.05\"", "stateVersoin: \"25.05\""));
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.all()).contains("error[HL0201]").contains(file + ":14:5").contains("did you mean `stateVersion`")
        .doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void keyFarFromEveryKnownKeyListsTheKnownKeys() {
    Path file = Specs.write(dir, "spec.yaml", RuleFixtures.edit("    hostId: 8425e349\n", "    hostId: 8425e349\n    zzz: 1\n"));
    Diagnostic d = bindFindings(file).get(0);
    assertThat(d.code()).isEqualTo("HL0201");
    assertThat(d.span()).hasToString(file + ":16:5");
    assertThat(d.hint()).contains("known keys here").contains("`stateVersion`");
  }

  @Test
  void misspeltEnumWordSuggestsTheWord() {
    Path file = Specs.write(dir, "spec.yaml", RuleFixtures.edit("immich: { tier: critical, claimed: true }", "immich: { tier: critical, expose: [lan, pubic] }"));
    List<Diagnostic> all = bindFindings(file);
    assertThat(all).hasSize(1);
    Diagnostic d = all.get(0);
    assertThat(d.code()).isEqualTo("HL0204");
    // `      immich: { tier: critical, expose: [lan, pubic] }`: `pubic` starts at column 47.
    assertThat(d.span()).hasToString(file + ":26:47");
    assertThat(d.hint()).contains("did you mean `public`");
  }

  @Test
  void misspeltBootLoaderSuggestsTheWord() {
    Path file = Specs.write(dir, "spec.yaml", RuleFixtures.edit("    hostId: 8425e349\n", "    hostId: 8425e349\n    boot: { loader: grbu }\n"));
    Diagnostic d = bindFindings(file).get(0);
    assertThat(d.code()).isEqualTo("HL0204");
    assertThat(d.span()).hasToString(file + ":16:21");
    assertThat(d.hint()).contains("did you mean `grub`");
  }

  @Test
  void bindCollectsEveryTypoBeforeFailing() {
    Path file = Specs.write(dir, "spec.yaml", RuleFixtures.edit(
        RuleFixtures.edit("stateVersion: \"25.05\"", "stateVersoin: \"25.05\""),
        "immich: { tier: critical, claimed: true }", "immich: { tier: critical, expose: [pubic] }"));
    assertThat(bindFindings(file)).extracting(Diagnostic::code).containsExactly("HL0201", "HL0204");
  }

  @Test
  void listedTwiceIsDuplicateItem() {
    Path file = Specs.write(dir, "spec.yaml", RuleFixtures.edit("immich: { tier: critical, claimed: true }", "immich: { tier: critical, expose: [lan, lan] }"));
    Diagnostic d = bindFindings(file).get(0);
    assertThat(d.code()).isEqualTo("HL0205");
    assertThat(d.span()).hasToString(file + ":26:47");
  }

  @Test
  void wrongTypeIsLocated() {
    Path file = Specs.write(dir, "spec.yaml", RuleFixtures.edit("immich: { tier: critical, claimed: true }", "immich: { tier: critical, port: eighty }"));
    Diagnostic d = bindFindings(file).get(0);
    assertThat(d.code()).isEqualTo("HL0202");
    assertThat(d.span()).hasToString(file + ":26:39");
  }

  @Test
  void badSizeIsLocated() {
    Path file = Specs.write(dir, "spec.yaml", RuleFixtures.edit("size: 4T", "size: 4 TB"));
    Diagnostic d = bindFindings(file).get(0);
    assertThat(d.code()).isEqualTo("HL0203");
    assertThat(d.span()).hasToString(file + ":21:15");
  }

  @Test
  void correctedSpellingsAreValid() {
    Path file = Specs.write(dir, "spec.yaml", RuleFixtures.edit("immich: { tier: critical, claimed: true }", "immich: { tier: critical, expose: [lan, tailscale] }"));
    assertThatCode(
        () -> new Pipeline(ServiceCatalog.builtIn()).check(List.of(file), List.of())).doesNotThrowAnyException();
  }
}
