package dev.homelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notes gen prints on a first run, before the first switch. */
class GenNotesTest {

  @TempDir
  Path tmp;

  @Test
  void theFirstRunSaysHowToImportAnExistingPoolLastUsedByAnotherMachine() {
    Path file = Specs.write(tmp, "lab.yaml", Specs.MINIMAL);
    Path out = tmp.resolve("out");
    Cli.Run first = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(first.exit()).as(first.all()).isZero();
    assertThat(first.out()).contains("note: nuc imports its existing pool tank at boot; if another machine (another hostId)"
        + " used it last without exporting it, run `zpool import -f tank` once on nuc");

    Cli.Run again = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(again.exit()).as(again.all()).isZero();
    assertThat(again.out()).doesNotContain("zpool import");
  }

  @Test
  void aNewPoolNeedsNoSuchNote() {
    String spec = Specs.MINIMAL.replace("        size: 4T\n",
        "        size: 4T\n        devices: [/dev/disk/by-id/nvme-Samsung_SSD_990_PRO_4TB_S7DNNJ0W123456A]\n");
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Cli.Run first = Cli.run("gen", "-f", file.toString(), "-o", tmp.resolve("out").toString());
    assertThat(first.exit()).as(first.all()).isZero();
    assertThat(first.out()).contains("note: flakes see only files git tracks").doesNotContain("zpool import");
  }
}
