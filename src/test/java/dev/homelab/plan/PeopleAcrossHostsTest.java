package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.OptionChecks;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which people are on which hosts: everyone on every NixOS host unless they name their
 * `hosts`; a home profile where someone sits, or on the hosts `home.hosts` names; a Mac's own
 * options under `darwin:`.
 */
class PeopleAcrossHostsTest {

  @TempDir
  Path tmp;

  private static final String ALICE_AGE = "    age: age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq\n";

  /** MINIMAL with a second admin {@code bob} (lines 10..) and a second host {@code box}. */
  private static String withBob(String bob) {
    return Specs.MINIMAL.replace(ALICE_AGE, ALICE_AGE + "  bob:\n"
        + "    sshKeys: [\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBobKey bob@box\"]\n" + bob)
        + "  box:\n    stateVersion: \"25.05\"\n"
        + "secrets:\n  bob/password-hash: {}\n";
  }

  private Path gen(String spec) throws Exception {
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    return out;
  }

  private static String read(Path out, String file) throws Exception {
    return Files.readString(out.resolve(file));
  }

  @Test
  void aPersonWhoNamesHostsIsOnThoseOnly() throws Exception {
    Path out = gen(withBob("    hosts: [box]\n    passwordHash: { secret: bob/password-hash }\n"));
    assertThat(read(out, "modules/base.nix")).contains("users.users.alice = {").doesNotContain("bob");
    String people = read(out, "hosts/box/people.nix");
    assertThat(people).contains("users.users.bob = {", "isNormalUser = true;", "\"wheel\"",
        "hashedPasswordFile = config.sops.secrets.\"bob/password-hash\".path;",
        "sops.secrets.\"bob/password-hash\".neededForUsers = true;");
    assertThat(read(out, "hosts/box/default.nix")).contains("./people.nix");
    assertThat(Files.exists(out.resolve("hosts/nuc/people.nix"))).isFalse();
    // The password hash is read where bob is, and only there.
    assertThat(read(out, "secrets/box.required.yaml")).contains("password-hash");
    assertThat(out.resolve("secrets/nuc.required.yaml")).doesNotExist();
    OptionChecks.assertEveryOptionExists(Path.of(tmp.resolve("lab.yaml").toString()));
  }

  @Test
  void aProfileGoesWhereHomeHostsSaysWithItsDotfilesAndShell() throws Exception {
    Path out = gen(withBob("    home:\n      stateVersion: \"25.11\"\n      shell: fish\n      editor: helix\n"
        + "      hosts: [nuc]\n      dotfiles: { .config/fish/config.fish: dotfiles/fish/config.fish }\n"));
    String home = read(out, "home/bob.nix");
    assertThat(home).contains("home.stateVersion = \"25.11\";", "programs.fish.enable = true;",
        "home.file = {\n    \".config/fish/config.fish\".source = ../dotfiles/fish/config.fish;\n  };", "defaultEditor = true;")
        .doesNotContain("neovim", "viAlias", "git");
    // On the server nuc, because home.hosts names it; not on box, which nothing makes a seat.
    assertThat(read(out, "hosts/nuc/people.nix")).contains("bob = import ../../home/bob.nix;",
        "programs.fish.enable = true;", "users.users.bob.shell = pkgs.fish;");
    assertThat(Files.exists(out.resolve("hosts/box/people.nix"))).isFalse();
    assertThat(read(out, "flake.nix")).contains("home-manager.nixosModules.home-manager\n          ./hosts/nuc\n");
    OptionChecks.assertEveryOptionExists(Path.of(tmp.resolve("lab.yaml").toString()));
  }

  @Test
  void aDotfileStaysInsideTheHome() {
    for (String target : new String[] {"../.bashrc", ".config/../../x", "./x"}) {
      String spec = withBob("    home:\n      stateVersion: \"25.05\"\n      hosts: [nuc]\n"
          + "      dotfiles: { \"" + target + "\": dotfiles/x }\n");
      Path file = Specs.write(tmp, "lab.yaml", spec);
      Cli.Run run = Cli.run("validate", "-f", file.toString());
      assertThat(run.exit()).as(target).isEqualTo(1);
      assertThat(run.err()).as(target).contains("error[HL0300]", "a dotfile is a path inside the home directory");
    }
  }

  @Test
  void aMacsOwnOptionsJoinItsFile() throws Exception {
    Path out = gen(Specs.MINIMAL + "  mac:\n    system: x86_64-darwin\n    stateVersion: \"6\"\n"
        + "    homebrew: { casks: [firefox], cleanup: zap }\n"
        + "    darwin:\n      system.defaults.dock.autohide: true\n      homebrew.onActivation.cleanup: check\n");
    String mac = read(out, "hosts/mac/default.nix");
    assertThat(mac).contains("# From the spec (hosts.mac.darwin).", "system.defaults.dock.autohide = true;",
        "onActivation.cleanup = \"check\";", "nixpkgs.hostPlatform = \"x86_64-darwin\";", "casks = [ \"firefox\" ];")
        .doesNotContain("\"zap\"");
    // alice is on every host, the Mac too; without a profile there is no people.nix and no home-manager.
    assertThat(mac).contains("users.users.alice.home = \"/Users/alice\";", "system.primaryUser = \"alice\";");
    assertThat(Files.exists(out.resolve("hosts/mac/people.nix"))).isFalse();
    assertThat(read(out, "flake.nix")).contains("darwinConfigurations.mac = nix-darwin.lib.darwinSystem {\n"
        + "        modules = [ ./hosts/mac ];").doesNotContain("home-manager");
  }

  @Test
  void homebrewNeedsSomeoneOnTheMac() {
    String spec = Specs.MINIMAL.replace(ALICE_AGE, ALICE_AGE + "    hosts: [nuc]\n")
        + "  mac:\n    system: aarch64-darwin\n    stateVersion: \"6\"\n    homebrew: { casks: [firefox] }\n";
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0423]: `homebrew` on the Mac `mac`, which no person is on", "lab.yaml:31:5");
    Path fixed = Specs.write(tmp, "fixed.yaml", spec.replace("hosts: [nuc]", "hosts: [nuc, mac]"));
    assertThat(Cli.run("validate", "-f", fixed.toString()).err()).doesNotContain("HL0423");
  }

  @Test
  void aBackupJobOnAMacIsRefused() {
    String spec = Specs.MINIMAL + "  mac:\n    system: aarch64-darwin\n    stateVersion: \"6\"\n" + """
        secrets:
          restic: {}
        backups:
          repositories:
            local: { path: /backups/restic, password: { secret: restic } }
          jobs:
            nightly: { hosts: [nuc, mac], to: [local], paths: [/var/lib], at: "02:00" }
        """;
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error[HL0422]: backup job `nightly` runs on the Mac `mac`", "lab.yaml:36:29");
  }
}
