package dev.homelab.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.diag.SpecException;
import dev.homelab.plan.Ownership;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import dev.homelab.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gen writes and deletes only inside the output folder, whatever the folder holds. The list of
 * hostile output folders is the corpus in src/test/resources/hostile/output ({@code
 * dev.homelab.hostile.OutputCorpusTest}); what stays here needs more than one run, several modes
 * or the Emitter called directly.
 */
class OutputSafetyTest {

  @TempDir
  Path tmp;

  Path spec;
  Path out;
  Path elsewhere;

  @BeforeEach
  void setUp() throws IOException {
    spec = Specs.write(tmp, "spec/homelab.yaml", Specs.MINIMAL);
    out = tmp.resolve("out");
    elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
  }

  private Cli.Run gen(Path output, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("gen", "-f", spec.toString(), "-o", output.toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void anOutputPathWithDotDotWorks() {
    Path dotted = tmp.resolve("a/b/../../out");
    Cli.Run r = gen(dotted);
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(out.resolve("flake.nix")).exists();
    assertThat(out.resolve(Manifest.NAME)).exists();
    assertThat(tmp.resolve("a")).doesNotExist();

    Cli.Run again = gen(out);
    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains("0 changed");
    assertThat(gen(dotted, "--check").exit()).isZero();
  }

  @Test
  void anOutputRootThatIsALinkIsFollowed() throws IOException {
    Path real = Files.createDirectories(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    Cli.Run r = gen(link);
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(real.resolve("hosts/nuc/default.nix")).exists();
  }

  @Test
  void aLinkedFolderInsideTheOutputIsRefusedAndNothingIsWritten() throws IOException {
    Files.createDirectories(out);
    Files.createSymbolicLink(out.resolve("hosts"), elsewhere);

    Cli.Run r = gen(out);
    assertThat(r.exit()).as(r.all()).isEqualTo(1);
    assertThat(r.err()).contains("HL0506", "`hosts`", "symbolic link").doesNotContain("\tat ");
    assertThat(r.err().split("error\\[HL0506]", -1)).as("reported once").hasSize(2);
    assertThat(Trees.snapshot(elsewhere)).isEmpty();
    assertThat(Trees.snapshot(out)).containsOnlyKeys("hosts");

    Cli.Run check = gen(out, "--check");
    assertThat(check.exit()).as(check.all()).isEqualTo(1);
    Cli.Run force = gen(out, "--force");
    assertThat(force.exit()).as(force.all()).isEqualTo(1);
    assertThat(Trees.snapshot(elsewhere)).isEmpty();
    assertThat(Trees.snapshot(out)).containsOnlyKeys("hosts");
  }

  @Test
  void aFolderReplacedByALinkAfterGenIsRefusedForWritesAndRemovals() throws IOException {
    assertThat(gen(out).exit()).isZero();
    // Move hosts/nuc/services outside and link it back in.
    Path services = out.resolve("hosts/nuc/services");
    Path moved = elsewhere.resolve("services");
    Files.move(services, moved);
    Files.createSymbolicLink(services, moved);
    Map<String, String> outside = Trees.snapshot(elsewhere);
    Map<String, String> inside = Trees.snapshot(out);

    // Port change (update through the link) and tier off (removal through the link).
    for (String set : List.of("hosts.nuc.services.vaultwarden.port=8300", "tiers.critical.enabled=false")) {
      Cli.Run r = gen(out, "--force", "--set", set);
      assertThat(r.exit()).as(r.all()).isEqualTo(1);
      assertThat(r.err()).contains("HL0506", "hosts/nuc/services");
      assertThat(Trees.snapshot(elsewhere)).isEqualTo(outside);
      assertThat(Trees.snapshot(out)).isEqualTo(inside);
    }
  }

  @Test
  void aStaleEntryBehindALinkIsNeverDeleted() throws Exception {
    // A manifest that names a file reached through a linked folder, with its true hash.
    Path outside = Specs.write(elsewhere, "x.nix", "# outside\n");
    Files.createDirectories(out);
    Files.createSymbolicLink(out.resolve("extra"), elsewhere);
    Trees.write(out, Manifest.NAME, new Manifest(Map.of("extra/x.nix", Manifest.sha256("# outside\n"))).render());

    Emitter emitter = new Emitter(out, new FileOps());
    List<OutputFile> files = List.of(new OutputFile("flake.nix", Ownership.GENERATED, "{ }\n"));
    assertThatThrownBy(() -> emitter.generate(files, true, false)).isInstanceOf(SpecException.class)
        .satisfies(e -> assertThat(((SpecException) e).diagnostics().sorted().toString()).contains("HL0506"));
    assertThat(outside).exists();
    assertThat(out.resolve("flake.nix")).doesNotExist();
  }
}
