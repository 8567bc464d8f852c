package dev.homelab.bind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.cli.Pipeline;
import dev.homelab.diag.Diagnostic;
import dev.homelab.diag.SpecException;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Examples;
import dev.homelab.testing.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A block indented one or two levels too far in or out is one HL0206 error at its first key,
 * naming the spec path it belongs at and how far to move it, in place of the unknown keys
 * and wrong types it reads as; the same spec with the block in place has no finding.
 */
class MisplacedKeysTest {

  @TempDir
  Path dir;

  /** A spec with one block misplaced: where the finding is, what it says, and the spec with the block in place. */
  record Fixture(String name, String text, int line, int column, String message, String hint, String corrected) {

    @Override
    public String toString() {
      return name;
    }
  }

  /** {@code text} with lines {@code from}..{@code to} (1-based, inclusive) moved {@code by} columns (negative: left). */
  static String shift(String text, int from, int to, int by) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    for (int i = from - 1; i < to; i++) {
      String l = lines.get(i);
      assertThat(l.isBlank() || by > 0 || l.startsWith(" ".repeat(-by))).as("line %d can move %d", i + 1, by).isTrue();
      lines.set(i, l.isBlank() ? l : by > 0 ? " ".repeat(by) + l : l.substring(-by));
    }
    return String.join("\n", lines);
  }

  private static final String MIN = RuleText.edit(Specs.MINIMAL, "      immich: { tier: critical, claimed: true }\n", "      immich: { tier: critical }\n");
  /** MINIMAL with immich written as a block: lines 26 `immich:`, 27 `tier: critical`, 28 `expose: [lan]`. */
  private static final String IMMICH_BLOCK = RuleText.edit(MIN, "      immich: { tier: critical }\n",
      "      immich:\n        tier: critical\n        expose: [lan]\n");
  private static final String NETWORK_BLOCK = "    network:\n      lan: { interfaces: [enp1s0], ranges: [192.168.1.0/24] }\n      tailscale: true\n";
  private static final String BACKUPS = "backups:\n  repositories:\n    local: { path: /backups/restic, password: { secret: restic } }\n"
      + "  jobs:\n    nightly: { to: [local], services: [vaultwarden] }\n";

  static List<Fixture> fixtures() {
    return List.of(
        new Fixture("services dedented to the level of the host", shift(MIN, 24, 26, -2), 24, 3,
            "`services` is indented as an entry of `hosts`, but belongs at `hosts.nuc.services`",
            "indent it by 2 spaces, under `nuc`", MIN),
        new Fixture("services dedented to the top level", shift(MIN, 24, 26, -4), 24, 1,
            "`services` is indented as a top-level key, but belongs at `hosts.nuc.services`",
            "indent it by 4 spaces, under `nuc`", MIN),
        new Fixture("a host's keys dedented beside it", shift(MIN, 14, 26, -2), 14, 3,
            "`stateVersion`, `hostId`, `network` and 2 more keys are indented as entries of `hosts`, but belong under `hosts.nuc`",
            "indent them by 2 spaces, under `nuc`", MIN),
        new Fixture("storage dedented to the top level", shift(MIN, 19, 23, -4), 19, 1,
            "`storage` is indented as a top-level key, but belongs at `hosts.nuc.storage`",
            "indent it by 4 spaces, under `nuc`", MIN),
        new Fixture("a service's keys dedented among the services", shift(IMMICH_BLOCK, 27, 28, -2), 27, 7,
            "`tier` and `expose` are indented as entries of `hosts.nuc.services`, but belong under `hosts.nuc.services.immich`",
            "indent them by 2 spaces, under `immich`", IMMICH_BLOCK),
        new Fixture("a service's key dedented to the host", shift(IMMICH_BLOCK, 28, 28, -4), 28, 5,
            "`expose` is indented as a key of `hosts.nuc`, but belongs at `hosts.nuc.services.immich.expose`",
            "indent it by 4 spaces, under `immich`", IMMICH_BLOCK),
        new Fixture("the services dedented to the level of `services:`", shift(MIN, 25, 26, -2), 25, 5,
            "`vaultwarden` and `immich` are indented as keys of `hosts.nuc`, but belong under `hosts.nuc.services`",
            "indent them by 2 spaces, under `services`", MIN),
        new Fixture("a service indented under another", RuleText.edit(IMMICH_BLOCK, "        expose: [lan]\n",
            "        expose: [lan]\n        jellyfin: { tier: critical }\n"), 29, 9,
            "`jellyfin` is indented as a key of `hosts.nuc.services.immich`, but belongs at `hosts.nuc.services.jellyfin`",
            "dedent it by 2 spaces, to the level of `immich`",
            RuleText.edit(IMMICH_BLOCK, "        expose: [lan]\n", "        expose: [lan]\n      jellyfin: { tier: critical }\n")),
        new Fixture("the network's keys dedented to the host", RuleText.edit(MIN, NETWORK_BLOCK,
            "    network:\n    lan: { interfaces: [enp1s0], ranges: [192.168.1.0/24] }\n    tailscale: true\n"), 17, 5,
            "`lan` and `tailscale` are indented as keys of `hosts.nuc`, but belong under `hosts.nuc.network`",
            "indent them by 2 spaces, under `network`", MIN),
        new Fixture("backups indented under hosts", MIN + shift(BACKUPS, 1, 5, 2) + "secrets:\n  restic: {}\n", 27, 3,
            "`backups` is indented as an entry of `hosts`, but belongs at `backups`",
            "dedent it by 2 spaces, to the top level, beside `hosts`", MIN + BACKUPS + "secrets:\n  restic: {}\n"),
        new Fixture("a key after a service in braces", RuleText.edit(MIN, "      immich: { tier: critical }\n",
            "      immich: {}\n      tier: critical\n"), 27, 7,
            "`tier` is indented as an entry of `hosts.nuc.services`, but belongs at `hosts.nuc.services.immich.tier`",
            "move it into `immich`", MIN),
        new Fixture("a key inside the braces of the wrong mapping", RuleText.edit(MIN, "      immich: { tier: critical }\n",
            "      immich: { tier: critical, jellyfin: { tier: critical } }\n"), 26, 33,
            "`jellyfin` is indented as a key of `hosts.nuc.services.immich`, but belongs at `hosts.nuc.services.jellyfin`",
            "move it out, to the level of `immich`",
            RuleText.edit(MIN, "      immich: { tier: critical }\n", "      immich: { tier: critical }\n      jellyfin: { tier: critical }\n")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void oneFindingAtTheFirstMisplacedKey(Fixture f) {
    List<Diagnostic> all = findings(f.text());
    assertThat(all).as("the only finding").hasSize(1);
    Diagnostic d = all.get(0);
    assertThat(d.code()).isEqualTo("HL0206");
    assertThat(d.isError()).isTrue();
    assertThat(d.span()).hasToString(file() + ":" + f.line() + ":" + f.column());
    assertThat(d.message()).isEqualTo(f.message());
    assertThat(d.hint()).isEqualTo(f.hint());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void theBlockInPlaceHasNoFinding(Fixture f) {
    assertThat(findings(f.corrected())).as("findings of the corrected spec").noneMatch(Diagnostic::isError);
  }

  @Test
  void cliReportsItWithItsPlace() {
    Fixture f = fixtures().get(0);
    Path file = Specs.write(dir, "spec.yaml", f.text());
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0206]: " + f.message(), file + ":24:3", "help: " + f.hint(), "1 error")
        .doesNotContain("HL0201");
  }

  // ---- the example specs with a block moved

  private static final Path NUC = Examples.DIR.resolve("nuc-homelab.yaml");

  /** The 1-based line of the first line of {@code text} equal to {@code line}. */
  static int lineOf(String text, String line) {
    int n = Arrays.asList(text.split("\n", -1)).indexOf(line);
    assertThat(n).as("line `%s`", line).isNotNegative();
    return n + 1;
  }

  /** The last line of the block that starts at {@code start}: the lines after it indented deeper (blank lines inside too). */
  static int blockEnd(String text, int start) {
    String[] lines = text.split("\n", -1);
    int indent = lines[start - 1].length() - lines[start - 1].stripLeading().length();
    int end = start;
    for (int i = start; i < lines.length; i++) {
      String l = lines[i];
      if (l.isBlank()) {
        continue;
      }
      if (l.length() - l.stripLeading().length() <= indent) {
        break;
      }
      end = i + 1;
    }
    return end;
  }

  @Test
  void nucServicesDedentedIntoAHostNamedServices() throws IOException {
    String text = Files.readString(NUC);
    int start = lineOf(text, "    services:");
    Diagnostic d = only(shift(text, start, blockEnd(text, start), -2));
    assertThat(d.span().line()).isEqualTo(start);
    assertThat(d.message()).isEqualTo("`services` is indented as an entry of `hosts`, but belongs at `hosts.nuc.services`");
    assertThat(d.hint()).isEqualTo("indent it by 2 spaces, under `nuc`");
  }

  @Test
  void nucHostBodyDedentedBesideTheHost() throws IOException {
    String text = Files.readString(NUC);
    int start = lineOf(text, "  nuc:");
    Diagnostic d = only(shift(text, start + 1, blockEnd(text, start), -2));
    assertThat(d.span().line()).isEqualTo(start + 1);
    assertThat(d.message()).startsWith("`system`, `role`, `stateVersion` and ").endsWith(" more keys are indented as entries of `hosts`,"
        + " but belong under `hosts.nuc`");
  }

  @Test
  void nucServiceBodyDedentedAmongTheServices() throws IOException {
    String text = Files.readString(NUC);
    int start = lineOf(text, "      immich:");
    Diagnostic d = only(shift(text, start + 1, blockEnd(text, start), -2));
    assertThat(d.message()).isEqualTo("`tier`, `expose` and `dataset` are indented as entries of `hosts.nuc.services`,"
        + " but belong under `hosts.nuc.services.immich`");
  }

  @Test
  void nucStorageDedentedToTheTopLevel() throws IOException {
    String text = Files.readString(NUC);
    int start = lineOf(text, "    storage:");
    // Only the storage block: the services after it then read as part of the last pool.
    Diagnostic d = only(shift(text, start, blockEnd(text, start), -4));
    assertThat(d.message()).isEqualTo("`storage` is indented as a top-level key, but belongs at `hosts.nuc.storage`");
    assertThat(d.hint()).isEqualTo("indent it by 4 spaces, under `nuc`");
  }

  @Test
  void nucBackupsIndentedUnderTheHosts() throws IOException {
    String text = Files.readString(NUC);
    int start = lineOf(text, "backups:");
    Diagnostic d = only(shift(text, start, blockEnd(text, start), 2));
    assertThat(d.message()).isEqualTo("`backups` is indented as an entry of `hosts`, but belongs at `backups`");
  }

  // ---- what is not a misplaced block

  @Test
  void aHostNamedLikeAHostKeyIsAHost() {
    String text = MIN + "  storage:\n    stateVersion: \"25.05\"\n";
    assertThat(findings(text)).noneMatch(Diagnostic::isError);
  }

  @Test
  void aMisspeltKeyIsStillAnUnknownKey() {
    List<Diagnostic> all = findings(MIN.replace("    services:\n", "    servics:\n"));
    assertThat(all).extracting(Diagnostic::code).containsExactly("HL0201");
    assertThat(all.get(0).hint()).isEqualTo("did you mean `services`?");
  }

  @Test
  void aKeyThatBelongsNowhereNearIsStillAnUnknownKey() {
    List<Diagnostic> all = findings(RuleText.edit(MIN, "      tailscale: true\n", "      tailscale: true\n      gpu: intel\n"));
    assertThat(all).extracting(d -> d.code() + " " + d.message()).containsExactly("HL0201 unknown key `gpu` in `hosts.nuc.network`");
  }

  @Test
  void aServiceThatFitsNowhereKeepsItsOwnErrors() {
    // A service named like a service key, but whose value is no value of that key.
    List<Diagnostic> all = findings(RuleText.edit(MIN, "      immich: { tier: critical }\n",
        "      immich: { tier: critical }\n      expose: { lan: true }\n"));
    assertThat(all).extracting(Diagnostic::code).doesNotContain("HL0206").contains("HL0201");
  }

  // ---- helpers

  private Diagnostic only(String text) {
    List<Diagnostic> all = findings(text);
    assertThat(all).as("the findings").hasSize(1);
    assertThat(all.get(0).code()).isEqualTo("HL0206");
    return all.get(0);
  }

  private String file() {
    return dir.resolve("spec.yaml").toString();
  }

  private List<Diagnostic> findings(String text) {
    Path file = Specs.write(dir, "spec.yaml", text);
    try {
      return new Pipeline(ServiceCatalog.builtIn()).check(List.of(file), List.of()).warnings().sorted();
    } catch (SpecException e) {
      return e.diagnostics().sorted();
    }
  }

  /** Text edits that fail when the piece to replace is missing. */
  static final class RuleText {
    static String edit(String text, String from, String to) {
      assertThat(text).as("fixture base text").contains(from);
      return text.replace(from, to);
    }
  }
}
