package dev.homelab.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.diag.SpecException;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Outputs;
import dev.homelab.testing.Specs;
import dev.homelab.testing.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged manifest or output folder is a located error (exit 1, nothing written), never an
 * internal error: whatever the disk holds, gen says which file is the matter and why. The list
 * of hostile output folders is the corpus in src/test/resources/hostile/output ({@code
 * dev.homelab.hostile.OutputCorpusTest}); these check the same refusals in every mode (gen,
 * --dry-run, --check) and with faults injected into the file system.
 */
class DamagedOutputTest {

  private static final String NETWORK = "hosts/nuc/network.nix";

  @TempDir
  Path tmp;

  Path spec;
  Path out;

  @BeforeEach
  void setUp() {
    spec = Specs.write(tmp, "homelab.yaml", Specs.MINIMAL);
    out = tmp.resolve("out");
    Cli.Run first = gen();
    assertThat(first.exit()).as(first.all()).isZero();
  }

  private Cli.Run gen(String... extra) {
    List<String> args = new ArrayList<>(List.of("gen", "-f", spec.toString(), "-o", out.toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  private byte[] manifest() throws IOException {
    return Files.readAllBytes(out.resolve(Manifest.NAME));
  }

  private void manifest(byte[] bytes) throws IOException {
    Files.write(out.resolve(Manifest.NAME), bytes);
  }

  /** gen, --dry-run and --check all refuse with exactly this finding, and nothing changes. */
  private void refusedWith(String... expected) {
    Map<String, String> before = Trees.snapshot(out);
    for (String[] mode : List.of(new String[0], new String[] {"--dry-run"}, new String[] {"--check"})) {
      Cli.Run r = gen(mode);
      assertThat(r.exit()).as("%s: %s", List.of(mode), r.all()).isEqualTo(1);
      assertThat(r.err()).as(List.of(mode).toString()).contains(expected).doesNotContain("internal error");
    }
    assertThat(Trees.snapshot(out)).isEqualTo(before);
  }

  @Test
  void aManifestLineThatIsNotUtf8IsDamageAtItsLine() throws IOException {
    byte[] m = manifest();
    int lines = new String(m, StandardCharsets.UTF_8).split("\n").length;
    byte[] bad = Arrays.copyOf(m, m.length + 6);
    System.arraycopy(new byte[] {'c', 'a', 'f', (byte) 0xe9, (byte) 0xff, '\n'}, 0, bad, m.length, 6);
    manifest(bad);

    refusedWith("error[HL0505]: the manifest is damaged: the line is not UTF-8 text",
        "--> " + Manifest.NAME + ":" + (lines + 1) + ":1");
  }

  @Test
  void aManifestCutShortInsideALineIsDamage() throws IOException {
    byte[] m = manifest();
    manifest(Arrays.copyOf(m, m.length - 10));

    refusedWith("HL0505", "it ends inside a line (cut short)");
  }

  @Test
  void anEmptyManifestIsDamage() throws IOException {
    manifest(new byte[0]);

    refusedWith("HL0505", "the manifest is damaged: it is empty", Manifest.NAME + ":1:1");
  }

  @Test
  void aHashOfTheWrongLengthIsDamageAtItsLine() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(out.resolve(Manifest.NAME)));
    lines.set(2, lines.get(2).substring(1));
    Files.write(out.resolve(Manifest.NAME), lines);

    refusedWith("HL0505", "the line is not `<SHA-256 in hex>  <path>`", Manifest.NAME + ":3:1");
  }

  @Test
  void aManifestWithWindowsLineEndsIsReadAndRewritten() throws IOException {
    String text = new String(manifest(), StandardCharsets.UTF_8);
    manifest(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));

    Cli.Run r = gen();
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(new String(manifest(), StandardCharsets.UTF_8)).isEqualTo(text);
  }

  @Test
  void aFolderInTheManifestsPlaceIsInTheWay() throws IOException {
    Files.delete(out.resolve(Manifest.NAME));
    Files.createDirectories(out.resolve(Manifest.NAME).resolve("inside"));

    refusedWith("error[HL0504]: `.homelab-manifest` is in the way: it is not a regular file");
  }

  @Test
  void aLinkInTheManifestsPlaceIsInTheWayAndItsTargetIsLeftAlone() throws IOException {
    Path elsewhere = Specs.write(tmp, "elsewhere/list", new String(manifest(), StandardCharsets.UTF_8));
    Files.delete(out.resolve(Manifest.NAME));
    Files.createSymbolicLink(out.resolve(Manifest.NAME), elsewhere);
    String kept = Files.readString(elsewhere);

    refusedWith("HL0504", "`.homelab-manifest` is in the way");
    assertThat(Files.readString(elsewhere)).isEqualTo(kept);
  }

  @Test
  void aFolderWhereAGeneratedFileGoesIsInTheWay() throws IOException {
    Files.delete(out.resolve(NETWORK));
    Files.createDirectories(out.resolve(NETWORK).resolve("inside"));

    Map<String, String> before = Trees.snapshot(out);
    Cli.Run r = gen();
    assertThat(r.exit()).as(r.all()).isEqualTo(1);
    assertThat(r.err()).contains("HL0504", "`" + NETWORK + "` is in the way");
    assertThat(Trees.snapshot(out)).isEqualTo(before);
  }

  @Test
  void aFolderWhereTheTemporaryFileGoesIsInTheWayBeforeAnythingIsWritten() throws IOException {
    Trees.write(out, NETWORK, Trees.read(out, NETWORK) + "# stale, to be replaced\n");
    Trees.write(out, Manifest.NAME, new String(manifest(), StandardCharsets.UTF_8)
        .replaceAll("[0-9a-f]{64}(?=  " + NETWORK + ")", Manifest.sha256(Trees.read(out, NETWORK))));
    Files.createDirectories(out.resolve("hosts/nuc/" + FileOps.TEMP_PREFIX + "network.nix/inside"));

    Map<String, String> before = Trees.snapshot(out);
    Cli.Run r = gen();
    assertThat(r.exit()).as(r.all()).isEqualTo(1);
    assertThat(r.err()).contains("error[HL0504]: `hosts/nuc/.homelab-tmp-network.nix` is in the way")
        .doesNotContain("internal error");
    assertThat(Trees.snapshot(out)).isEqualTo(before);
  }

  @Test
  void aFolderWhereForceKeepsItsCopyIsInTheWay() throws IOException {
    Trees.write(out, NETWORK, Trees.read(out, NETWORK) + "# mine\n");
    Files.createDirectories(out.resolve(NETWORK + FileOps.OLD_SUFFIX).resolve("inside"));

    Map<String, String> before = Trees.snapshot(out);
    Cli.Run r = gen("--force");
    assertThat(r.exit()).as(r.all()).isEqualTo(1);
    assertThat(r.err()).contains("HL0504", "`" + NETWORK + ".homelab-old` is in the way");
    assertThat(Trees.snapshot(out)).isEqualTo(before);
  }

  @Test
  void aFileWhereTheFolderOfAFileToRemoveWasIsNotInTheWay() throws IOException {
    String immich = "hosts/nuc/services/immich.nix";
    Path services = out.resolve("hosts/nuc/services");
    try (var files = Files.list(services)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(services);
    Files.writeString(services, "a file of mine\n");

    // Without immich the services folder is needed for nothing but the removal of its old file.
    Cli.Run r = gen("--set", "hosts.nuc.services.immich.enable=false", "--set", "hosts.nuc.services.vaultwarden.enable=false");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(Files.readString(services)).isEqualTo("a file of mine\n");
    assertThat(Files.readString(out.resolve(Manifest.NAME))).doesNotContain(immich);
  }

  @Test
  void aFileWhereAGeneratedFilesFolderGoesIsInTheWay() throws IOException {
    Path services = out.resolve("hosts/nuc/services");
    try (var files = Files.list(services)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(services);
    Files.writeString(services, "a file of mine\n");

    Map<String, String> before = Trees.snapshot(out);
    Cli.Run r = gen();
    assertThat(r.exit()).as(r.all()).isEqualTo(1);
    assertThat(r.err()).contains("error[HL0504]: `hosts/nuc/services` is in the way: it is not a folder");
    assertThat(Trees.snapshot(out)).isEqualTo(before);
  }

  @Test
  void aHandEditThatIsNotUtf8IsAnEditNotACrash() throws IOException {
    String datasets = "hosts/nuc/datasets.nix";
    byte[] text = Files.readAllBytes(out.resolve(datasets));
    byte[] edited = Arrays.copyOf(text, text.length + 2);
    edited[text.length] = (byte) 0xe9;
    edited[text.length + 1] = '\n';
    Files.write(out.resolve(datasets), edited);

    Cli.Run r = gen();
    assertThat(r.exit()).as(r.all()).isEqualTo(1);
    assertThat(r.err()).contains("HL0501", datasets).doesNotContain("internal error");
    assertThat(Files.readAllBytes(out.resolve(datasets))).isEqualTo(edited);
  }

  /** Refuses to read the named files, as the file system does for a file without read permission. */
  private static class Unreadable extends FileOps {

    private final List<String> names;
    int writes;

    Unreadable(String... names) {
      this.names = List.of(names);
    }

    @Override
    public byte[] read(Path target) throws IOException {
      if (names.stream().anyMatch(n -> target.endsWith(n))) {
        throw new AccessDeniedException(target.toString());
      }
      return super.read(target);
    }

    @Override
    public void write(Path target, byte[] bytes) throws IOException {
      writes++;
      super.write(target, bytes);
    }
  }

  private SpecException refusal(FileOps ops, boolean force) {
    Emitter emitter = new Emitter(out, ops);
    List<OutputFile> files = Outputs.render(spec, "hosts.nuc.services.immich.port=2290");
    return (SpecException) org.assertj.core.api.Assertions.catchThrowable(() -> emitter.generate(files, force, false));
  }

  @Test
  void anUnreadableManifestIsALocatedError() {
    Unreadable ops = new Unreadable(Manifest.NAME);
    SpecException e = refusal(ops, true);
    assertThat(e).isNotNull();
    assertThat(e.diagnostics().sorted()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("HL0508");
      assertThat(d.message()).isEqualTo("cannot read `.homelab-manifest`: permission denied");
      assertThat(d.span().file()).isEqualTo(Manifest.NAME);
    });
    assertThat(ops.writes).isZero();
  }

  @Test
  void anUnreadableGeneratedFileIsALocatedErrorEvenUnderForce() {
    Unreadable ops = new Unreadable(NETWORK, "hosts/nuc/services/immich.nix");
    SpecException e = refusal(ops, true);
    assertThat(e).isNotNull();
    assertThat(e.diagnostics().sorted()).extracting(d -> d.code() + " " + d.span().file())
        .containsExactly("HL0508 " + NETWORK, "HL0508 hosts/nuc/services/immich.nix");
    assertThat(ops.writes).isZero();
  }

  @Test
  void aFolderGenCannotWriteIntoIsRefusedBeforeTheFirstWrite() {
    Unreadable ops = new Unreadable() {
      @Override
      public boolean isWritable(Path folder) {
        return !folder.endsWith("hosts/nuc/services");
      }
    };
    SpecException e = refusal(ops, false);
    assertThat(e).isNotNull();
    assertThat(e.diagnostics().sorted()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo("HL0507");
      assertThat(d.message()).isEqualTo("cannot write into `hosts/nuc/services`: permission denied");
      assertThat(d.hint()).contains("nothing was written");
    });
    assertThat(ops.writes).isZero();
  }

  @Test
  void aWriteRefusedMidRunNamesTheFileItWasForNotItsTemporaryFile() {
    var refused = Emitter.refused(out, new AccessDeniedException(out.resolve("hosts/nuc/" + FileOps.TEMP_PREFIX + "network.nix").toString()));
    assertThat(refused.code()).isEqualTo("HL0507");
    assertThat(refused.message()).isEqualTo("cannot write `" + NETWORK + "`: permission denied");
    assertThat(refused.span().file()).isEqualTo(NETWORK);
  }

  @Test
  void aWriteRefusedMidRunIsReportedAsHl0507ByGen() throws IOException {
    // The output folder's parent is a file: creating the folder fails once gen starts writing.
    Files.writeString(tmp.resolve("blocker"), "a file\n");
    Cli.Run r = Cli.run("gen", "-f", spec.toString(), "-o", tmp.resolve("blocker/out").toString());
    assertThat(r.exit()).as(r.all()).isEqualTo(1);
    assertThat(r.err()).startsWith("error[HL0507]: cannot write `").contains("1 error").doesNotContain("internal error");
  }
}
