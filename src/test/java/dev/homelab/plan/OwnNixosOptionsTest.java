package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options a spec writes under `nixos:` land in the host's or service's file, over the generated ones. */
class OwnNixosOptionsTest {

  @TempDir
  Path tmp;

  @Test
  void ownOptionsMergeIntoTheFileAndWinOverGeneratedOnes() throws Exception {
    String spec = Specs.MINIMAL
        .replace("    immich: { tier: critical, claimed: true }",
            "    immich: { tier: critical, nixos: { services.immich.host: \"0.0.0.0\", services.immich.environment.IMMICH_LOG_LEVEL: verbose } }")
        .replace("    stateVersion: \"25.05\"\n", "    stateVersion: \"25.05\"\n    nixos: { boot.kernelParams: [quiet], networking.firewall.allowPing: false }\n");
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    String immich = Files.readString(out.resolve("hosts/nuc/services/immich.nix"));
    assertThat(immich).contains("host = \"0.0.0.0\";", "environment.IMMICH_LOG_LEVEL = \"verbose\";", "port = 2283;")
        .doesNotContain("host = \"127.0.0.1\";");
    String host = Files.readString(out.resolve("hosts/nuc/default.nix"));
    assertThat(host).contains("boot.kernelParams = [ \"quiet\" ];", "firewall.allowPing = false;",
        "# From the spec (hosts.nuc.nixos).");
  }

  @Test
  void aMisspeltOptionFailsValidationWithTheClosestName() {
    String spec = Specs.MINIMAL.replace("    immich: { tier: critical, claimed: true }",
        "    immich: { tier: critical, nixos: { services.immich.mediaLocaton: /srv/photos } }");
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0390]", "lab.yaml:26:", "did you mean `services.immich.mediaLocation`?");
  }

  @Test
  void anOptionOutsideTheCatalogIsAWarningNotAnError() {
    String spec = Specs.MINIMAL.replace("    stateVersion: \"25.05\"\n",
        "    stateVersion: \"25.05\"\n    nixos: { hardware.fancontrol.enable: true }\n");
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.err()).contains("warning[HL0390]", "`hardware.fancontrol.enable` is not in the catalog; checked by Nix at build");
  }

  @Test
  void packagesNamedWhereAPackageGoesArePackageReferences() throws Exception {
    String spec = Specs.MINIMAL
        .replace("    immich: { tier: critical, claimed: true }", "    immich: { tier: critical, claimed: true, nixos: { services.immich.package: immich } }")
        .replace("    stateVersion: \"25.05\"\n", "    stateVersion: \"25.05\"\n    nixos:\n"
            + "      environment.systemPackages: [nb, python3Packages.requests]\n"
            + "      users.users.alice.packages: [htop]\n"
            + "      boot.kernelParams: [nb]\n");
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    String host = Files.readString(out.resolve("hosts/nuc/default.nix"));
    assertThat(host).startsWith("# Generated").contains("{ pkgs, ... }:")
        .contains("environment.systemPackages = [\n    pkgs.nb\n    pkgs.python3Packages.requests\n  ];")
        .contains("users.users.alice.packages = [ pkgs.htop ];")
        // A list of strings stays strings, even when a string looks like a package.
        .contains("boot.kernelParams = [ \"nb\" ];");
    assertThat(Files.readString(out.resolve("hosts/nuc/services/immich.nix"))).contains("package = pkgs.immich;");
  }

  @Test
  void aPackageNameThatIsNoAttributePathIsRefusedNeverWritten() {
    for (String name : new String[] {"\"nb; rm -rf /\"", "\"pkgs.nb ++ [ ]\"", "if", "\"3d\"", "\"nb.\""}) {
      String spec = Specs.MINIMAL.replace("    stateVersion: \"25.05\"\n",
          "    stateVersion: \"25.05\"\n    nixos: { environment.systemPackages: [" + name + "] }\n");
      Path file = Specs.write(tmp, "lab.yaml", spec);
      Path out = tmp.resolve("out");
      Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
      assertThat(run.exit()).as(name + ": " + run.all()).isEqualTo(1);
      assertThat(run.err()).contains("error[HL0390]", "lab.yaml:15:14", "is not a package attribute path");
      assertThat(Files.exists(out)).isFalse();
    }
  }

  @Test
  void optionsOfAModuleFlakeTheHostDoesNotImportAreRefused() {
    String spec = Specs.MINIMAL.replace("    stateVersion: \"25.05\"\n", "    stateVersion: \"25.05\"\n    nixos:\n"
        + "      home-manager.users.alice.home.stateVersion: \"25.05\"\n"
        + "      environment.persistence.\"/persist\".directories: [/var/lib/foo]\n");
    Path file = Specs.write(tmp, "lab.yaml", spec);
    for (String command : new String[] {"validate", "gen"}) {
      Cli.Run run = command.equals("gen") ? Cli.run("gen", "-f", file.toString(), "-o", tmp.resolve("out").toString())
          : Cli.run("validate", "-f", file.toString());
      assertThat(run.exit()).as(run.all()).isEqualTo(1);
      assertThat(run.err())
          .contains("lab.yaml:16:7", "`home-manager.users.alice.home.stateVersion` is an option of nix-community/home-manager,"
              + " which host `nuc` does not import", "the generated flake never adds nix-community/home-manager")
          .contains("lab.yaml:17:7", "`environment.persistence.\"/persist\".directories` is an option of nix-community/impermanence",
              "a host imports it when it has `impermanence:`");
    }
  }

  @Test
  void optionsOfAModuleFlakeTheHostImportsAreWritten() throws Exception {
    String spec = Specs.MINIMAL.replace("    stateVersion: \"25.05\"\n", "    stateVersion: \"25.05\"\n"
        + "    impermanence: { persist: /persist }\n"
        + "    nixos: { environment.persistence.\"/persist\".directories: [/var/lib/foo] }\n");
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(Files.readString(out.resolve("flake.nix"))).contains("impermanence.nixosModules.impermanence");
    assertThat(Files.readString(out.resolve("hosts/nuc/default.nix"))).contains("\"/var/lib/foo\"");
  }
}
