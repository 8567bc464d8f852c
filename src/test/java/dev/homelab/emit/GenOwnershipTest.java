package dev.homelab.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Outputs;
import dev.homelab.testing.Specs;
import dev.homelab.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who owns which file in the output folder: what gen writes, keeps, refuses and removes. */
class GenOwnershipTest {

  private static final String VAULTWARDEN = "hosts/nuc/services/vaultwarden.nix";
  private static final String IMMICH = "hosts/nuc/services/immich.nix";
  private static final String LOCAL = "hosts/nuc/local.nix";
  private static final String HARDWARE = "hosts/nuc/hardware-configuration.nix";

  @TempDir
  Path tmp;

  Path spec;
  Path out;

  @BeforeEach
  void setUp() {
    spec = Specs.write(tmp, "spec/homelab.yaml", Specs.MINIMAL);
    out = tmp.resolve("out");
  }

  private Cli.Run gen(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("gen", "-f", spec.toString(), "-o", out.toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  private static void ok(Cli.Run r) {
    assertThat(r.exit()).as(r.all()).isZero();
  }

  /** The spec without immich: its file (and the shared PostgreSQL) are no longer generated. */
  private Path specWithoutImmich() {
    String text = Specs.MINIMAL.replace("    immich: { tier: critical, claimed: true }\n", "");
    assertThat(text).isNotEqualTo(Specs.MINIMAL);
    return Specs.write(tmp, "spec/homelab.yaml", text);
  }

  private Map<String, String> manifest() {
    Map<String, String> hashes = new TreeMap<>();
    for (String line : Trees.read(out, Manifest.NAME).split("\n")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        hashes.put(line.substring(66), line.substring(0, 64));
      }
    }
    return hashes;
  }

  @Test
  void firstGenWritesEveryFileAndTheManifest() {
    var files = Outputs.render(spec);
    Cli.Run r = gen();
    ok(r);

    Map<String, String> tree = Trees.snapshot(out);
    Map<String, String> expected = new TreeMap<>();
    files.forEach(f -> expected.put(f.path(), f.content()));
    expected.put(Manifest.NAME, tree.get(Manifest.NAME));
    assertThat(tree).isEqualTo(expected);

    Map<String, String> hashes = new TreeMap<>();
    files.stream().filter(f -> Outputs.generated(files).contains(f.path()))
        .forEach(f -> hashes.put(f.path(), Manifest.sha256(f.content())));
    assertThat(manifest()).isEqualTo(hashes).doesNotContainKeys(LOCAL, HARDWARE);
    assertThat(r.out()).contains("create: " + VAULTWARDEN, "create (yours from now on): " + LOCAL);
  }

  @Test
  void secondGenChangesNothing() throws IOException {
    ok(gen());
    Map<String, String> before = Trees.snapshot(out);
    Path manifest = out.resolve(Manifest.NAME);
    var modified = Files.getLastModifiedTime(manifest);

    Cli.Run r = gen();
    ok(r);
    assertThat(Trees.snapshot(out)).isEqualTo(before);
    assertThat(r.out()).contains("0 changed").doesNotContain("create", "update", "remove");
    assertThat(Files.getLastModifiedTime(manifest)).isEqualTo(modified);
  }

  @Test
  void theUsersFilesSurviveGenAndRemovals() {
    Trees.write(out, "notes/mine.txt", "my notes\n");
    Trees.write(out, "README.md", "# my lab\n");
    Trees.write(out, "secrets/nuc.yaml", "sops: encrypted\n");
    Trees.write(out, "hosts/nuc/services/my-own.nix", "{ ... }: { }\n");
    ok(gen());
    specWithoutImmich();
    ok(gen());
    ok(gen("--force"));

    assertThat(Trees.read(out, "notes/mine.txt")).isEqualTo("my notes\n");
    assertThat(Trees.read(out, "README.md")).isEqualTo("# my lab\n");
    assertThat(Trees.read(out, "secrets/nuc.yaml")).isEqualTo("sops: encrypted\n");
    assertThat(Trees.read(out, "hosts/nuc/services/my-own.nix")).isEqualTo("{ ... }: { }\n");
    assertThat(manifest()).doesNotContainKeys("notes/mine.txt", "README.md", "secrets/nuc.yaml");
  }

  @Test
  void aHandEditedFileIsRefusedAndNothingIsWritten() {
    ok(gen());
    Trees.write(out, VAULTWARDEN, Trees.read(out, VAULTWARDEN) + "# my change\n");
    Map<String, String> before = Trees.snapshot(out);

    // The spec changed too: caddy.nix and the manifest would change, but nothing may be written.
    Cli.Run r = gen("--set", "hosts.nuc.services.vaultwarden.port=8300");
    assertThat(r.exit()).as(r.all()).isEqualTo(1);
    assertThat(r.err()).contains("HL0501", VAULTWARDEN, "--force");
    assertThat(Trees.snapshot(out)).isEqualTo(before);
  }

  @Test
  void forceReplacesAHandEditedFileAndKeepsTheOldOne() {
    ok(gen());
    String edited = Trees.read(out, VAULTWARDEN) + "# my change\n";
    Trees.write(out, VAULTWARDEN, edited);

    ok(gen("--force"));
    var files = Outputs.byPath(Outputs.render(spec));
    assertThat(Trees.read(out, VAULTWARDEN)).isEqualTo(files.get(VAULTWARDEN).content());
    assertThat(Trees.read(out, VAULTWARDEN + ".homelab-old")).isEqualTo(edited);
    assertThat(manifest()).containsEntry(VAULTWARDEN, Manifest.sha256(files.get(VAULTWARDEN).content()));
    ok(Cli.run("gen", "--check", "-f", spec.toString(), "-o", out.toString()));
  }

  @Test
  void aFileGenDidNotWriteIsAConflict() {
    Trees.write(out, IMMICH, "# my immich\n");
    Map<String, String> before = Trees.snapshot(out);

    Cli.Run r = gen();
    assertThat(r.exit()).as(r.all()).isEqualTo(1);
    assertThat(r.err()).contains("HL0502", IMMICH, "--force");
    assertThat(Trees.snapshot(out)).isEqualTo(before);

    ok(gen("--force"));
    assertThat(Trees.read(out, IMMICH)).isEqualTo(Outputs.byPath(Outputs.render(spec)).get(IMMICH).content());
    assertThat(Trees.read(out, IMMICH + ".homelab-old")).isEqualTo("# my immich\n");
    assertThat(manifest()).containsKey(IMMICH);
  }

  @Test
  void aFileInTheManifestsPlaceThatIsNotInItIsAConflict() {
    ok(gen());
    Trees.write(out, Manifest.NAME, Trees.read(out, Manifest.NAME).lines()
        .filter(l -> !l.endsWith("  " + IMMICH)).map(l -> l + "\n").reduce("", String::concat));
    Trees.write(out, IMMICH, "# replaced by hand\n");
    Map<String, String> before = Trees.snapshot(out);

    Cli.Run r = gen();
    assertThat(r.exit()).as(r.all()).isEqualTo(1);
    assertThat(r.err()).contains(IMMICH);
    assertThat(Trees.snapshot(out)).isEqualTo(before);
  }

  @Test
  void aFileWithTheContentGenWouldWriteIsNeverAConflict() throws IOException {
    ok(gen());
    Map<String, String> before = Trees.snapshot(out);
    Files.delete(out.resolve(Manifest.NAME));

    Cli.Run r = gen();
    ok(r);
    assertThat(Trees.snapshot(out)).isEqualTo(before);
    assertThat(r.out()).contains("0 changed");
  }

  @Test
  void aCopyOfOneGeneratedFileInAFreshFolderIsNotAConflict() {
    var files = Outputs.byPath(Outputs.render(spec));
    Trees.write(out, VAULTWARDEN, files.get(VAULTWARDEN).content());

    Cli.Run r = gen();
    ok(r);
    assertThat(r.out()).doesNotContain(VAULTWARDEN);
    assertThat(manifest()).containsKey(VAULTWARDEN);
  }

  @Test
  void aFileNoLongerGeneratedIsRemovedAndLeftOutOfTheManifest() {
    ok(gen());
    assertThat(out.resolve(IMMICH)).exists();
    Path without = specWithoutImmich();

    Cli.Run r = gen();
    ok(r);
    assertThat(r.out()).contains("remove: " + IMMICH);
    assertThat(out.resolve(IMMICH)).doesNotExist();
    assertThat(out.resolve(IMMICH + ".homelab-old")).doesNotExist();
    assertThat(manifest()).doesNotContainKey(IMMICH).containsKey(VAULTWARDEN);

    // The tree is now exactly a fresh generation of the new spec.
    Path fresh = tmp.resolve("fresh");
    ok(Cli.run("gen", "-f", without.toString(), "-o", fresh.toString()));
    assertThat(Trees.snapshot(out)).isEqualTo(Trees.snapshot(fresh));
  }

  @Test
  void aTierSwitchedOffRemovesItsServicesFilesButNotTheUsers() {
    ok(gen());
    Cli.Run r = gen("--set", "tiers.critical.enabled=false");
    ok(r);
    assertThat(out.resolve(IMMICH)).doesNotExist();
    assertThat(out.resolve(VAULTWARDEN)).doesNotExist();
    assertThat(out.resolve(LOCAL)).exists();
    assertThat(out.resolve(HARDWARE)).exists();
    assertThat(manifest()).doesNotContainKeys(IMMICH, VAULTWARDEN);
  }

  @Test
  void aHandEditedFileNoLongerGeneratedIsRefusedAndKept() {
    ok(gen());
    String edited = Trees.read(out, IMMICH) + "# mine now\n";
    Trees.write(out, IMMICH, edited);
    specWithoutImmich();
    Map<String, String> before = Trees.snapshot(out);

    Cli.Run r = gen();
    assertThat(r.exit()).as(r.all()).isEqualTo(1);
    assertThat(r.err()).contains("HL0503", IMMICH);
    assertThat(Trees.snapshot(out)).isEqualTo(before);

    ok(gen("--force"));
    assertThat(out.resolve(IMMICH)).doesNotExist();
    assertThat(Trees.read(out, IMMICH + ".homelab-old")).isEqualTo(edited);
    assertThat(manifest()).doesNotContainKey(IMMICH);
  }

  @Test
  void createdOnceFilesAreWrittenOnlyWhenMissingAndNeverComparedOrRemoved() throws IOException {
    ok(gen());
    Trees.write(out, LOCAL, "{ ... }: { services.my.enable = true; }\n");
    Trees.write(out, HARDWARE, "{ ... }: { fileSystems.\"/\".device = \"/dev/sda1\"; }\n");

    ok(Cli.run("gen", "--check", "-f", spec.toString(), "-o", out.toString()));
    ok(gen("--set", "hosts.nuc.services.vaultwarden.port=8300"));
    ok(gen("--force"));
    ok(gen("--set", "tiers.critical.enabled=false"));
    assertThat(Trees.read(out, LOCAL)).isEqualTo("{ ... }: { services.my.enable = true; }\n");
    assertThat(Trees.read(out, HARDWARE)).isEqualTo("{ ... }: { fileSystems.\"/\".device = \"/dev/sda1\"; }\n");
    assertThat(out.resolve(LOCAL + ".homelab-old")).doesNotExist();
    assertThat(manifest()).doesNotContainKeys(LOCAL, HARDWARE);

    Files.delete(out.resolve(LOCAL));
    Cli.Run r = gen();
    ok(r);
    assertThat(r.out()).contains("create (yours from now on): " + LOCAL);
    assertThat(Trees.read(out, LOCAL)).isEqualTo(Outputs.byPath(Outputs.render(spec)).get(LOCAL).content());
  }

  @Test
  void leftoverTemporaryFilesAreRemovedByTheNextGen() {
    ok(gen());
    Trees.write(out, FileOps.TEMP_PREFIX + "flake.nix", "half a fla");
    Trees.write(out, "hosts/nuc/services/" + FileOps.TEMP_PREFIX + "immich.nix", "{ half");
    Trees.write(out, "hosts/nuc/" + FileOps.TEMP_PREFIX + "default.nix", "");
    Trees.write(out, "notes/not-a-temp.txt", "mine\n");

    ok(gen());
    assertThat(Trees.snapshot(out).keySet()).noneMatch(p -> p.contains(FileOps.TEMP_PREFIX));
    assertThat(Trees.read(out, "notes/not-a-temp.txt")).isEqualTo("mine\n");
  }

  @Test
  void leftoverTemporaryFilesGoEvenFromFoldersNoLongerGenerated() {
    ok(gen());
    Trees.write(out, "hosts/nuc/services/" + FileOps.TEMP_PREFIX + "vaultwarden.nix", "{ half");

    ok(gen("--set", "tiers.critical.enabled=false"));
    assertThat(Trees.snapshot(out).keySet()).noneMatch(p -> p.contains(FileOps.TEMP_PREFIX));
    assertThat(out.resolve("hosts/nuc/services")).doesNotExist();
  }
}
