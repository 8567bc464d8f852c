package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import dev.homelab.testing.OptionChecks;
import dev.homelab.testing.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each role and desktop environment writes into {@code role.nix}, that the host's own
 * {@code nixos:} wins over it (also for what an ephemeral root keeps), packages as references,
 * and options of a spec input's module left to Nix on the hosts that use it.
 */
class RoleDefaultsTest {

  @TempDir
  Path tmp;

  static final String LAB = """
      homelab: { name: lab, domain: example.org, channel: nixos-26.05 }
      hosts:
      """;

  static String host(String name, String body) {
    return "  " + name + ":\n    stateVersion: \"25.05\"\n    network: { lan: { interfaces: [eth0], ranges: [192.168.1.0/24] } }\n"
        + body.indent(4);
  }

  private String read(Path out, String file) throws IOException {
    return Files.readString(out.resolve(file));
  }

  @Test
  void everyRoleAndEnvironmentSetsOnlyCatalogOptionsAndParses() throws IOException {
    String spec = LAB
        + host("hypr", "role: desktop\ndesktop: { environment: hyprland, displayManager: none }")
        + host("gnome", "role: laptop\ndesktop: { environment: gnome }")
        + host("plain", "role: desktop")
        + host("vault", "role: nas")
        + host("kiosk", "role: pi\nsystem: aarch64-linux\nhardware: { model: raspberry-pi-5 }\ndesktop: { environment: niri }\nforce: [desktop]")
        + host("dev", "role: vm\nsystem: aarch64-linux\npackages: [git, python3Packages.requests, git]");
    Path file = Specs.write(tmp, "lab.yaml", spec);
    assertThat(OptionChecks.assertEveryOptionExists(file)).isGreaterThan(30);
    Path out = Cli.gen(tmp, spec);

    assertThat(read(out, "hosts/hypr/role.nix")).contains("programs.hyprland.enable = lib.mkDefault true;")
        .doesNotContain("displayManager");
    // A desktop without `desktop:` gets KDE Plasma with SDDM.
    assertThat(read(out, "hosts/plain/role.nix")).contains("services.desktopManager.plasma6.enable = lib.mkDefault true;",
        "services.displayManager.sddm.enable = lib.mkDefault true;");
    assertThat(read(out, "hosts/gnome/role.nix")).contains("services.displayManager.gdm.enable = lib.mkDefault true;",
        "services.power-profiles-daemon.enable = lib.mkDefault true;");
    // A forced desktop on a Pi: the environment, but none of a workstation's other defaults.
    String kiosk = read(out, "hosts/kiosk/role.nix");
    assertThat(kiosk).contains("programs.niri.enable = lib.mkDefault true;", "boot.loader.generic-extlinux-compatible.enable = true;")
        .doesNotContain("networkmanager", "pipewire");
    assertThat(read(out, "flake.nix")).contains("nixos-hardware.nixosModules.raspberry-pi-5");
    assertThat(read(out, "hosts/vault/role.nix")).contains("documentation.info.enable = lib.mkDefault false;");
    // Packages: references, each once.
    String packages = read(out, "hosts/dev/packages.nix");
    assertThat(packages).contains("pkgs.git\n", "pkgs.python3Packages.requests");
    assertThat(packages.split("pkgs\\.git\\b", -1)).hasSize(2);

    NixTool.require();
    for (String h : new String[] {"hypr", "gnome", "plain", "vault", "kiosk", "dev"}) {
      assertThat(NixTool.parse(out.resolve("hosts/" + h + "/role.nix")).exit()).as(h).isZero();
    }
    assertThat(NixTool.parse(out.resolve("hosts/dev/packages.nix")).exit()).isZero();
    assertThat(NixTool.parse(out.resolve("flake.nix")).exit()).isZero();
  }

  @Test
  void theHostsOwnOptionsWinAndAnEphemeralRootKeepsOnlyWhatIsOn() throws IOException {
    String spec = """
        homelab: { name: lab, domain: example.org }
        admins:
          alice:
            sshKeys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKey alice@laptop"]
            passwordHash: { secret: alice/hash }
        secrets:
          alice/hash: {}
        hosts:
          ws:
            role: desktop
            stateVersion: "25.05"
            age: age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq
            network: { lan: { interfaces: [eth0], ranges: [192.168.1.0/24] } }
            impermanence: { persist: /persist }
            nixos:
              networking.networkmanager.enable: false
        """;
    Path out = Cli.gen(tmp, spec);
    // The role still offers its default; the host's plain value overrides lib.mkDefault.
    assertThat(read(out, "hosts/ws/role.nix")).contains("networking.networkmanager.enable = lib.mkDefault true;");
    assertThat(read(out, "hosts/ws/default.nix")).contains("networkmanager.enable = false;");
    String imp = read(out, "hosts/ws/impermanence.nix");
    assertThat(imp).contains("\"/var/lib/bluetooth\"").doesNotContain("NetworkManager");
  }

  @Test
  void anInputsOptionsAreLeftToNixOnTheHostsThatUseIt() {
    String spec = LAB + host("ws", "role: desktop\nuse: [nvf]\nnixos:\n  programs.nvf.enable: true\n  programs.nvf.settings: { vim.viAlias: true }")
        + "flake:\n  inputs:\n    nvf:\n      url: github:NotAShelf/nvf\n      follows: [nixpkgs]\n"
        + "      modules: { nixos: nvf.nixosModules.default }\n      options: [programs.nvf]\n";
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.all()).doesNotContain("HL0390", "not in the catalog");
    // Without the prefix declared, the catalog does not know the option: a warning.
    Path bare = Specs.write(tmp, "bare.yaml", spec.replace("      options: [programs.nvf]\n", ""));
    Cli.Run unchecked = Cli.run("validate", "-f", bare.toString());
    assertThat(unchecked.all()).contains("warning[HL0390]", "`programs.nvf.enable` is not in the catalog");
  }

  @Test
  void anUnknownRoleIsRefusedWithTheClosestWord() {
    Path file = Specs.write(tmp, "lab.yaml", LAB + host("box", "role: laptpo"));
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.all()).contains("error[HL0204]: `laptpo` is not one of", "did you mean `laptop`");
  }
}
