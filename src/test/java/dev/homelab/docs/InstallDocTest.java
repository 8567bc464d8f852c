package dev.homelab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/install.md speaks of the tutorial's lab: the files it names are the ones {@code gen}
 * writes for it, and what it says the output holds, it holds.
 */
class InstallDocTest {

  static final Path PAGE = Path.of("docs/install.md");
  /** A file of the output named in code: a path under one of its folders, or one of its top files. */
  private static final Pattern OUTPUT_FILE = Pattern.compile(
      "`(?:lab/)?((?:hosts|secrets|modules|checks|docs|home|deploy)/[^`\\s<>]+\\.(?:nix|yaml|md)|flake\\.nix|\\.sops\\.yaml)`");
  static final String AGE = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj";

  @TempDir
  Path dir;

  String page;
  String spec;

  @BeforeEach
  void read() throws IOException {
    page = Files.readString(PAGE);
    String tutorial = Files.readString(TutorialTest.PAGE);
    List<TutorialTest.Step> files = TutorialTest.steps(tutorial).stream()
        .filter(s -> s.directive().equals("file") && s.path().equals("lab/homelab.yaml")).toList();
    spec = files.get(files.size() - 1).body();
  }

  private Path gen(String text) {
    Path file = dir.resolve("homelab.yaml");
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", dir.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    return dir;
  }

  @Test
  void everyFileItNamesIsOneGenWrites() {
    Path out = gen(spec);
    List<String> named = new ArrayList<>();
    Matcher m = OUTPUT_FILE.matcher(page);
    while (m.find()) {
      if (!m.group(1).equals("secrets/nuc.yaml")) {
        named.add(m.group(1));
      }
    }
    assertThat(named).contains("hosts/nuc/hardware-configuration.nix", "secrets/nuc.required.yaml", ".sops.yaml",
        "hosts/nuc/caddy.nix", "docs/README.md", "flake.nix");
    for (String file : named) {
      assertThat(out.resolve(file)).as(file + ", named in " + PAGE).exists();
    }
    assertThat(page).contains("`secrets/nuc.yaml`");
    assertThat(out.resolve("secrets/nuc.yaml")).as("the sops file is the owner's to create").doesNotExist();
  }

  @Test
  void theHostsRecipientEndsTheWarningAndJoinsTheSopsRule() throws IOException {
    assertThat(page).contains("`hosts.nuc.age`", "[HL0351](errors/HL0351.md)");
    Cli.Run before = Cli.run("validate", "-f", gen(spec).resolve("homelab.yaml").toString());
    assertThat(before.err()).contains("warning[HL0351]");
    String withAge = spec.replace("    hostId: 8425e349\n", "    hostId: 8425e349\n    age: " + AGE + "\n");
    assertThat(withAge).isNotEqualTo(spec);
    Path out = gen(withAge);
    Cli.Run after = Cli.run("validate", "-f", out.resolve("homelab.yaml").toString());
    assertThat(after.all()).doesNotContain("HL0351").contains("valid: 1 host(s), 1 service(s)");
    String sops = Files.readString(out.resolve(".sops.yaml"));
    assertThat(sops).contains("path_regex: secrets/nuc\\.yaml$", "*admin_alice", "*host_nuc", AGE);
  }

  @Test
  void whatItSaysOfTheOutputIsSo() throws IOException {
    Path out = gen(spec);
    assertThat(page).contains("`docs.home.arpa`", "`../../secrets/nuc.yaml`", "`../../modules/base.nix`",
        "sops-nix.nixosModules.sops", "./lab/hosts/nuc", "nixos-rebuild switch --flake .#nuc --target-host alice@nuc --sudo",
        "nixos-install --flake .#nuc");
    assertThat(Files.readString(out.resolve("hosts/nuc/caddy.nix"))).contains("\"docs.home.arpa\".extraConfig", "tls internal");
    String host = Files.readString(out.resolve("hosts/nuc/default.nix"));
    assertThat(host).contains("../../secrets/nuc.yaml", "../../modules/base.nix");
    assertThat(Files.readString(out.resolve("flake.nix"))).contains("sops-nix.nixosModules.sops", "./hosts/nuc");
    String readme = Files.readString(out.resolve("docs/README.md"));
    assertThat(readme).contains("nixos-rebuild switch --flake .#nuc --target-host alice@nuc --sudo",
        "nixos-install --flake .#nuc", "labels `nixos` and `boot`");
    assertThat(Cli.run("catalog", "show", "paperless").out()).containsPattern("subdomain:\\s+docs");
    assertThat(Files.readString(out.resolve("secrets/nuc.required.yaml"))).contains("paperless:\n  admin-password:");
  }
}
