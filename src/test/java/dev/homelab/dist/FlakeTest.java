package dev.homelab.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The tool's own flake.nix and nix/*.nix. nixpkgs is not at hand offline, so the flake is not
 * built here: the files are parsed (nix-instantiate --parse), checked nixfmt-clean, and their
 * structure is read; the version expression, which needs no nixpkgs, is evaluated.
 */
class FlakeTest {

  private static final List<Path> FILES = List.of(Path.of("flake.nix"), Path.of("nix/package.nix"), Path.of("nix/version.nix"));

  @Test
  void everyFileParses() {
    Tool.require("nix-instantiate", "nix-bin");
    for (Path f : FILES) {
      Proc.Result r = Proc.run(Path.of("."), "nix-instantiate", "--parse", f.toString());
      assertThat(r.exit()).as(f + ": " + r.all()).isZero();
    }
  }

  @Test
  void everyFileIsNixfmtClean() {
    Tool.require("nixfmt", "nixfmt (built from source, see docs/ci.md)");
    for (Path f : FILES) {
      Proc.Result r = Proc.run(Path.of("."), "nixfmt", "--check", f.toString());
      assertThat(r.exit()).as(f + ": " + r.all()).isZero();
    }
  }

  @Test
  void theVersionExpressionGivesThePomVersion() throws Exception {
    Tool.require("nix-instantiate", "nix-bin");
    Matcher m = Pattern.compile("<artifactId>homelab</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(m.find()).isTrue();
    Proc.Result r = Proc.run(Path.of("."), "nix-instantiate", "--eval", "nix/version.nix");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out().strip()).isEqualTo("\"" + m.group(1) + "\"");
  }

  @Test
  void theFlakeHasThePackageAnAppAndADevShell() throws Exception {
    String flake = Files.readString(Path.of("flake.nix"));
    assertThat(flake).contains("inputs.nixpkgs.url = \"github:NixOS/nixpkgs/nixos-");
    assertThat(flake).contains("packages = forAllSystems", "homelab = pkgs.callPackage ./nix/package.nix { };",
        "default = homelab;");
    // `nix run`: an app of type app whose program is the package's wrapper.
    assertThat(flake).containsPattern("apps = forAllSystems[\\s\\S]*type = \"app\";[\\s\\S]*/bin/homelab\"");
    assertThat(flake).containsPattern("devShells = forAllSystems[\\s\\S]*pkgs\\.jdk17\\s+pkgs\\.maven\\s+pkgs\\.nix\\s+pkgs\\.nixfmt");

    String pkg = Files.readString(Path.of("nix/package.nix"));
    assertThat(pkg).contains("maven.buildMavenPackage {", "pname = \"homelab\";", "version = import ./version.nix;",
        "mvnHash = ", "mvnJdk = jdk17;");
    // The jar the pom's shade plugin writes, run by a wrapper with a JRE.
    assertThat(pkg).contains("target/homelab.jar", "makeWrapper ${jdk17_headless}/bin/java $out/bin/homelab",
        "--add-flags \"-jar $out/share/homelab/homelab.jar\"");
    assertThat(Files.readString(Path.of("pom.xml"))).contains("<finalName>homelab</finalName>");
    // Completion and manual pages come from the installed command itself.
    assertThat(pkg).contains("$out/bin/homelab completion bash", "$out/bin/homelab completion fish",
        "$out/bin/homelab man -o man", "installManPage man/*.1");
    // The source the package builds from holds what the Maven build reads.
    for (String path : List.of("pom.xml", "src/main", "templates", "docs/errors")) {
      assertThat(pkg).contains("../" + path + "\n");
      assertThat(Path.of(path)).exists();
    }
  }
}
