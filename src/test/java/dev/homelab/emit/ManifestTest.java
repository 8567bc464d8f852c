package dev.homelab.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.diag.SpecException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The manifest's text: sorted, round-trips, and a damaged line is a located error. */
class ManifestTest {

  private static final String HASH = Manifest.sha256("x");

  @Test
  void rendersSortedAndParsesBack() throws SpecException {
    Manifest m = new Manifest(Map.of("hosts/nuc/default.nix", HASH, ".sops.yaml", Manifest.sha256("y"), "flake.nix", HASH));
    String text = m.render();
    assertThat(text).startsWith("#");
    assertThat(text.lines().skip(1).map(l -> l.substring(66)).toList())
        .containsExactly(".sops.yaml", "flake.nix", "hosts/nuc/default.nix");
    assertThat(Manifest.parse(text)).isEqualTo(m);
    assertThat(Manifest.sha256("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void pendingHashesOfAnUnfinishedRunAreAcceptedBesideTheRecordedOnes() throws SpecException {
    String next = Manifest.sha256("next");
    Manifest recorded = new Manifest(Map.of("flake.nix", HASH));
    Manifest interim = recorded.withPending(Map.of("flake.nix", next, "hosts/new.nix", next));
    Manifest parsed = Manifest.parse(interim.render());
    assertThat(parsed).isEqualTo(interim);
    assertThat(parsed.hashes()).isEqualTo(recorded.hashes());
    assertThat(parsed.accepts("flake.nix", HASH)).isTrue();
    assertThat(parsed.accepts("flake.nix", next)).isTrue();
    assertThat(parsed.accepts("hosts/new.nix", next)).isTrue();
    assertThat(parsed.accepts("flake.nix", Manifest.sha256("edited"))).isFalse();
    assertThat(parsed.paths()).containsExactly("flake.nix", "hosts/new.nix");
    assertThat(recorded.render()).doesNotContain("not finished");
  }

  @Test
  void thePendingLinesOfAnUnfinishedRunAreSortedByPathThenHash() {
    // Several paths and, for one, several hashes: the text is the same in every run.
    java.util.Map<String, String> writing = new java.util.LinkedHashMap<>();
    for (String path : java.util.List.of("z.nix", "hosts/b/x.nix", "a.nix", "hosts/a/y.nix", "m/n.nix", "c.nix")) {
      writing.put(path, Manifest.sha256(path));
    }
    Manifest once = Manifest.empty().withPending(writing);
    Manifest twice = once.withPending(Map.of("c.nix", Manifest.sha256("again")));
    java.util.List<String> lines = twice.render().lines().dropWhile(l -> !l.startsWith("# being written")).skip(1).toList();
    assertThat(lines.stream().map(l -> l.substring(66)).toList())
        .containsExactly("a.nix", "c.nix", "c.nix", "hosts/a/y.nix", "hosts/b/x.nix", "m/n.nix", "z.nix");
    java.util.List<String> cHashes = lines.stream().filter(l -> l.endsWith("  c.nix")).map(l -> l.substring(0, 64)).toList();
    assertThat(cHashes).isSorted().containsExactlyInAnyOrder(Manifest.sha256("c.nix"), Manifest.sha256("again"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../outside.nix", "/etc/passwd", "hosts/../../x", "hosts//x", "./flake.nix", "a\\\\b", ""})
  void aPathThatIsNotPlainlyInsideTheFolderIsDamage(String path) {
    String text = "# header\n" + HASH + "  flake.nix\n" + HASH + "  " + path + "\n";
    assertThatThrownBy(() -> Manifest.parse(text)).isInstanceOf(SpecException.class)
        .satisfies(e -> assertThat(((SpecException) e).diagnostics().sorted().toString())
            .contains("HL0505", Manifest.NAME));
  }

  @Test
  void aLineWithoutAHashIsDamage() {
    assertThatThrownBy(() -> Manifest.parse("nothash  flake.nix\n")).isInstanceOf(SpecException.class);
  }
}
