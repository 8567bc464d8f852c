package dev.homelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.emit.FileOps;
import dev.homelab.emit.Manifest;
import dev.homelab.emit.OutputFile;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Outputs;
import dev.homelab.testing.Specs;
import dev.homelab.testing.Trees;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gen --check} and {@code gen --dry-run}: they report and never write. */
class GenCheckTest {

  private static final String VAULTWARDEN = "hosts/nuc/services/vaultwarden.nix";

  @TempDir
  Path tmp;

  Path spec;
  Path out;

  @BeforeEach
  void setUp() {
    spec = Specs.write(tmp, "homelab.yaml", Specs.MINIMAL);
    out = tmp.resolve("out");
  }

  private Cli.Run gen(Path specFile, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("gen", "-f", specFile.toString(), "-o", out.toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  /** The lines of the stale list that --check prints. */
  private static TreeSet<String> listed(Cli.Run r) {
    TreeSet<String> out = new TreeSet<>();
    r.err().lines().filter(l -> l.startsWith("  ")).forEach(l -> out.add(l.strip()));
    return out;
  }

  @Test
  void upToDateExitsZero() {
    assertThat(gen(spec).exit()).isZero();
    Cli.Run r = gen(spec, "--check");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("up to date");
  }

  @Test
  void aHandEditIsStaleAndNamed() {
    assertThat(gen(spec).exit()).isZero();
    Trees.write(out, VAULTWARDEN, Trees.read(out, VAULTWARDEN) + "# mine\n");
    Map<String, String> before = Trees.snapshot(out);

    Cli.Run r = gen(spec, "--check");
    assertThat(r.exit()).as(r.all()).isEqualTo(3);
    assertThat(listed(r)).containsExactly(VAULTWARDEN);
    assertThat(Trees.snapshot(out)).isEqualTo(before);
  }

  @Test
  void aChangedPortInTheSpecNamesEveryFileThatWouldChange() {
    assertThat(gen(spec).exit()).isZero();
    Map<String, String> before = Trees.snapshot(out);
    // Same base name: the headers of generated files name the spec file.
    Path changed = Specs.write(tmp, "changed/homelab.yaml", Specs.MINIMAL.replace(
        "vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden }",
        "vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden, port: 8300 }"));
    assertThat(Trees.read(tmp, "changed/homelab.yaml")).contains("port: 8300");

    // What should be named: every generated file whose content differs, and the manifest.
    Map<String, OutputFile> now = Outputs.byPath(Outputs.render(spec));
    TreeSet<String> expected = new TreeSet<>();
    for (String path : Outputs.generated(Outputs.render(changed))) {
      OutputFile f = Outputs.byPath(Outputs.render(changed)).get(path);
      if (!now.containsKey(path) || !now.get(path).content().equals(f.content())) {
        expected.add(path);
      }
    }
    expected.add(Manifest.NAME);
    assertThat(expected).contains(VAULTWARDEN).hasSizeGreaterThan(2).doesNotContain("flake.nix");

    Cli.Run r = gen(changed, "--check");
    assertThat(r.exit()).as(r.all()).isEqualTo(3);
    assertThat(listed(r)).isEqualTo(expected);

    Cli.Run viaSet = gen(spec, "--check", "--set", "hosts.nuc.services.vaultwarden.port=8300");
    assertThat(viaSet.exit()).as(viaSet.all()).isEqualTo(3);
    assertThat(listed(viaSet)).isEqualTo(expected);
    assertThat(Trees.snapshot(out)).isEqualTo(before);
  }

  @Test
  void checkWritesNothingAndRemovesNoTempFiles() {
    assertThat(gen(spec).exit()).isZero();
    Trees.write(out, FileOps.TEMP_PREFIX + "flake.nix", "half");
    Trees.write(out, "hosts/nuc/local.nix", "{ ... }: { }\n");
    Map<String, String> before = Trees.snapshot(out);

    Cli.Run r = gen(spec, "--check", "--set", "tiers.critical.enabled=false");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(Trees.snapshot(out)).isEqualTo(before);
  }

  @Test
  void checkOnAMissingFolderIsStaleAndDoesNotCreateIt() {
    Cli.Run r = gen(spec, "--check");
    assertThat(r.exit()).as(r.all()).isEqualTo(3);
    assertThat(listed(r)).contains(VAULTWARDEN, Manifest.NAME, "flake.nix");
    assertThat(out).doesNotExist();
  }

  @Test
  void dryRunListsWhatItWouldWriteAndWritesNothing() {
    Cli.Run first = gen(spec, "--dry-run");
    assertThat(first.exit()).as(first.all()).isZero();
    assertThat(first.out()).contains("would create: " + VAULTWARDEN, "would create: flake.nix",
        "would create (yours from now on): hosts/nuc/local.nix", "dry run");
    assertThat(out).doesNotExist();

    assertThat(gen(spec).exit()).isZero();
    Map<String, String> before = Trees.snapshot(out);
    Cli.Run r = gen(spec, "--dry-run", "--set", "hosts.nuc.services.vaultwarden.port=8300");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("would update: " + VAULTWARDEN);
    Cli.Run removal = gen(spec, "--dry-run", "--set", "tiers.critical.enabled=false");
    assertThat(removal.exit()).as(removal.all()).isZero();
    assertThat(removal.out()).contains("would remove: " + VAULTWARDEN);
    assertThat(Trees.snapshot(out)).isEqualTo(before);
  }

  @Test
  void dryRunReportsTheRefusalGenWouldMake() {
    assertThat(gen(spec).exit()).isZero();
    Trees.write(out, VAULTWARDEN, "# mine\n");
    Map<String, String> before = Trees.snapshot(out);

    Cli.Run r = gen(spec, "--dry-run");
    assertThat(r.exit()).as(r.all()).isEqualTo(1);
    assertThat(r.err()).contains(VAULTWARDEN);
    assertThat(Trees.snapshot(out)).isEqualTo(before);
  }
}
