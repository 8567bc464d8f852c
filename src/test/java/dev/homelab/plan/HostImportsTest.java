package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hand-written module file named in `imports:` is imported by the host and never touched. */
class HostImportsTest {

  @TempDir
  Path tmp;

  @Test
  void theHostImportsTheUsersModuleFileAndGenLeavesItAlone() throws Exception {
    String spec = Specs.MINIMAL.replace("    stateVersion: \"25.05\"\n",
        "    stateVersion: \"25.05\"\n    imports: [modules/backup-disk.nix]\n");
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Path out = tmp.resolve("out");
    Files.createDirectories(out.resolve("modules"));
    Files.writeString(out.resolve("modules/backup-disk.nix"), "{ ... }: { }\n");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(Files.readString(out.resolve("hosts/nuc/default.nix"))).contains("    ../../modules/backup-disk.nix\n");
    assertThat(Files.readString(out.resolve("modules/backup-disk.nix"))).isEqualTo("{ ... }: { }\n");
    assertThat(Files.readString(out.resolve(".homelab-manifest"))).doesNotContain("backup-disk");
  }

  @Test
  void anImportThatLeavesTheFlakeIsRefused() {
    String spec = Specs.MINIMAL.replace("    stateVersion: \"25.05\"\n",
        "    stateVersion: \"25.05\"\n    imports: [../elsewhere.nix]\n");
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0300]", "lab.yaml:15:15");
  }
}
