package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HL0392: a spec whose output needs a module or option its channel's NixOS release does not
 * have is refused by validate, at the service or the spec key that asks for it, naming the
 * release that added it; on a channel that has it, the same spec is fine.
 */
class ReleaseGapsTest {

  @TempDir
  Path dir;

  private static final String IMMICH = "      immich: { tier: critical, claimed: true }\n";

  @Test
  void aServiceWhoseModuleCameLaterIsRefusedAtTheService() {
    String spec = Specs.MINIMAL.replace(IMMICH, IMMICH + "      qbittorrent: { tier: critical }\n");
    Path old = Specs.write(dir, "old.yaml", spec.replace("channel: nixos-26.05", "channel: nixos-25.05"));
    Cli.Run run = Cli.run("validate", "-f", old.toString());
    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.all()).contains("error[HL0392]: `qbittorrent` on host `nuc` needs the NixOS module `services.qbittorrent`, which"
        + " NixOS added in 25.11; the lab follows nixos-25.05", old + ":27:7",
        "help: set `homelab.channel: nixos-25.11` or a newer channel, or drop the service");
    Path current = Specs.write(dir, "current.yaml", spec.replace("channel: nixos-26.05", "channel: nixos-25.11"));
    assertThat(Cli.run("validate", "-f", current.toString()).all()).doesNotContain("HL0392");
  }

  @Test
  void whatAHostRunsForTheSpecIsRefusedAtTheKeyThatAsksForIt() {
    // forge backs PostgreSQL up with pgBackRest (backups.pgbackrest), whose module came with 25.11,
    // and runs qBittorrent, whose module came with it too.
    Path forge = Path.of("examples/forge.yaml");
    int pgbackrest = lineOf(forge, "  pgbackrest:");
    int qbittorrent = lineOf(forge, "      qbittorrent:");
    Cli.Run run = Cli.run("validate", "-f", forge.toString(), "--set", "homelab.channel=nixos-25.05");
    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.all()).contains("error[HL0392]: host `forge` (backups.nix) needs the NixOS module `services.pgbackrest`,"
        + " which NixOS added in 25.11; the lab follows nixos-25.05", "examples/forge.yaml:" + pgbackrest + ":3",
        "help: set `homelab.channel: nixos-25.11` or a newer channel, or drop what needs it");
    assertThat(run.all()).contains("examples/forge.yaml:" + qbittorrent + ":7");
  }

  @Test
  void anOptionNewerThanTheChannelIsRefusedAtTheServiceThatSetsIt() {
    String spec = Specs.MINIMAL.replace("channel: nixos-26.05", "channel: nixos-25.11")
        .replace(IMMICH, IMMICH + "      syncthing: { tier: critical }\n") + "secrets:\n  syncthing/gui-password: {}\n";
    Cli.Run run = Cli.run("validate", "-f", Specs.write(dir, "spec.yaml", spec).toString());
    assertThat(run.all()).contains("error[HL0392]: `syncthing` on host `nuc` needs the option `services.syncthing.guiPasswordFile`,"
        + " which NixOS added in 26.05; the lab follows nixos-25.11", "spec.yaml:27:7");
  }

  private static int lineOf(Path file, String start) {
    try {
      java.util.List<String> lines = java.nio.file.Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith(start)) {
          return i + 1;
        }
      }
      throw new AssertionError(file + " has no line starting with " + start);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
