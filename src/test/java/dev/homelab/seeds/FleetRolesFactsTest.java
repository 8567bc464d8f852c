package dev.homelab.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Examples;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What each fleet's hosts run by their role, in the flakes generated from the three fleet
 * examples: the workstations' desktop environment, NetworkManager, audio, printing and
 * bluetooth; the laptop's power management; the Pis on aarch64-linux, booted through extlinux
 * with nixos-hardware's module and no systemd-boot; the VM as a QEMU guest; the headless
 * hosts without the NixOS manual; packages as {@code pkgs} references; the spec's flake
 * inputs with their follows, modules and overlays on the hosts that use them.
 */
class FleetRolesFactsTest {

  static String nixFile(Map<String, String> out, String path) {
    assertThat(out).containsKey(path);
    return out.get(path);
  }

  /** The defaults every workstation gets, each a lib.mkDefault. */
  static void isAWorkstation(Map<String, String> out, String host) {
    assertThat(nixFile(out, "hosts/" + host + "/role.nix")).as(host).contains(
        "networking.networkmanager.enable = lib.mkDefault true;",
        "services.pipewire.enable = lib.mkDefault true;",
        "services.pipewire.pulse.enable = lib.mkDefault true;",
        "security.rtkit.enable = lib.mkDefault true;",
        "services.printing.enable = lib.mkDefault true;",
        "hardware.bluetooth.enable = lib.mkDefault true;",
        "The role's default: set the option in hosts." + host + ".nixos to change it.");
    assertThat(nixFile(out, "hosts/" + host + "/default.nix")).contains("./role.nix", "systemd-boot.enable = true;");
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Seed000ThreeTier {

    Map<String, String> out;

    @BeforeAll
    void generate() {
      out = Examples.render(Path.of("examples/three-tier.yaml"));
    }

    @Test
    void theDesktopRunsPlasmaAndTheLaptopGnomeWithPowerProfiles() {
      isAWorkstation(out, "desktop");
      isAWorkstation(out, "laptop");
      String desktop = nixFile(out, "hosts/desktop/role.nix");
      assertThat(desktop).contains("services.desktopManager.plasma6.enable = lib.mkDefault true;",
          "services.displayManager.sddm.enable = lib.mkDefault true;").doesNotContain("power-profiles-daemon", "gdm");
      String laptop = nixFile(out, "hosts/laptop/role.nix");
      assertThat(laptop).contains("services.desktopManager.gnome.enable = lib.mkDefault true;",
          "services.displayManager.gdm.enable = lib.mkDefault true;",
          "services.power-profiles-daemon.enable = lib.mkDefault true;").doesNotContain("sddm", "services.tlp");
    }

    @Test
    void nbAndGitArePackageReferencesOnTheWorkstationsOnly() {
      for (String host : new String[] {"desktop", "laptop"}) {
        assertThat(nixFile(out, "hosts/" + host + "/packages.nix")).contains("{ pkgs, ... }:",
            "environment.systemPackages = [", "pkgs.nb", "pkgs.git").doesNotContain("\"nb\"");
        assertThat(nixFile(out, "hosts/" + host + "/default.nix")).contains("./packages.nix");
      }
      assertThat(out).doesNotContainKey("hosts/server/packages.nix");
    }

    @Test
    void theServerIsHeadless() {
      assertThat(nixFile(out, "hosts/server/role.nix")).contains("documentation.nixos.enable = lib.mkDefault false;")
          .doesNotContain("desktopManager", "networkmanager", "pipewire");
      assertThat(nixFile(out, "docs/README.md")).contains("Role `server` (`x86_64-linux`): headless",
          "Role `laptop` (`x86_64-linux`): GNOME, logged into with GDM; NetworkManager, PipeWire audio, CUPS printing and"
              + " bluetooth; power-profiles-daemon",
          "Packages for every user (`hosts/desktop/packages.nix`): `nb`, `git`.");
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Seed001Forge {

    Map<String, String> out;

    @BeforeAll
    void generate() {
      out = Examples.render(Path.of("examples/forge.yaml"));
    }

    @Test
    void nixpiIsAnAarch64PiBootedThroughExtlinuxWithItsNixosHardwareModule() {
      String flake = nixFile(out, "flake.nix");
      assertThat(flake).contains("nixos-hardware.url = \"github:NixOS/nixos-hardware\";");
      String nixpi = flake.substring(flake.indexOf("nixosConfigurations.nixpi"));
      nixpi = nixpi.substring(0, nixpi.indexOf("};"));
      assertThat(nixpi).contains("system = \"aarch64-linux\";", "nixos-hardware.nixosModules.raspberry-pi-4", "./hosts/nixpi");
      assertThat(nixFile(out, "hosts/nixpi/role.nix")).contains("boot.loader.grub.enable = false;",
          "boot.loader.generic-extlinux-compatible.enable = true;", "documentation.nixos.enable = lib.mkDefault false;");
      assertThat(nixFile(out, "hosts/nixpi/default.nix")).contains("./role.nix").doesNotContain("systemd-boot", "efi.");
      // Only the Pi takes nixos-hardware.
      String forge = flake.substring(flake.indexOf("nixosConfigurations.forge"), flake.indexOf("nixosConfigurations.nas-1"));
      assertThat(forge).doesNotContain("nixos-hardware");
      assertThat(nixFile(out, "docs/README.md")).contains("`nixos.sd_image`", "--flake .#nixpi", "hosts/nixpi/hardware-configuration.nix");
    }

    @Test
    void rydevIsAQemuGuestAndNas1IsHeadless() {
      assertThat(nixFile(out, "hosts/rydev/role.nix")).contains("services.qemuGuest.enable = lib.mkDefault true;")
          .doesNotContain("documentation", "desktopManager");
      assertThat(nixFile(out, "hosts/nas-1/role.nix")).contains("What role `nas`", "documentation.doc.enable = lib.mkDefault false;");
      assertThat(nixFile(out, "docs/README.md")).contains("Role `vm` (`aarch64-linux`): the QEMU guest agent");
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Seed002Qgroget {

    Map<String, String> out;

    @BeforeAll
    void generate() {
      out = Examples.render(Path.of("examples/qgroget-server.yaml"));
    }

    @Test
    void clovisRunsNiriAndSeptimiusPlasma() {
      isAWorkstation(out, "clovis");
      isAWorkstation(out, "septimius");
      assertThat(nixFile(out, "hosts/clovis/role.nix")).contains("programs.niri.enable = lib.mkDefault true;")
          .doesNotContain("plasma6");
      assertThat(nixFile(out, "hosts/septimius/role.nix")).contains("services.desktopManager.plasma6.enable = lib.mkDefault true;")
          .doesNotContain("niri");
      // What the hosts' nixos: set by hand is the role's now; the rest stays theirs.
      assertThat(nixFile(out, "hosts/septimius/default.nix")).contains("services.fwupd.enable = true;")
          .doesNotContain("pipewire", "plasma6", "bluetooth");
    }

    @Test
    void theFlakeHasTheSeedsInputsFollowingNixpkgs() {
      String flake = nixFile(out, "flake.nix");
      for (String[] in : new String[][] {{"stylix", "github:nix-community/stylix"}, {"nur", "github:nix-community/NUR"},
          {"nvf", "github:NotAShelf/nvf"}}) {
        assertThat(flake).contains("    " + in[0] + " = {\n      url = \"" + in[1] + "\";\n      inputs.nixpkgs.follows = \"nixpkgs\";\n    };");
      }
      assertThat(flake).contains("nixos-hardware.url = \"github:NixOS/nixos-hardware\";", "stylix,", "nur,", "nvf,");
    }

    @Test
    void theDesktopsImportTheInputsModulesAndOverlayAndTheOthersDoNot() {
      String flake = nixFile(out, "flake.nix");
      for (String host : new String[] {"clovis", "septimius"}) {
        String config = flake.substring(flake.indexOf("nixosConfigurations." + host + " "));
        config = config.substring(0, config.indexOf("./hosts/" + host));
        assertThat(config).as(host).contains("stylix.nixosModules.stylix", "nvf.nixosModules.default",
            "nixpkgs.overlays = [ nur.overlays.default ];");
      }
      String server = flake.substring(flake.indexOf("nixosConfigurations.server "), flake.indexOf("./hosts/server"));
      assertThat(server).doesNotContain("stylix", "nur", "nvf", "nixos-hardware");
      String cube = flake.substring(flake.indexOf("nixosConfigurations.cube "), flake.indexOf("./hosts/cube"));
      assertThat(cube).contains("nixos-hardware.nixosModules.raspberry-pi-4").doesNotContain("stylix");
      // nvf's own option, left to Nix: written as the spec says.
      assertThat(nixFile(out, "hosts/clovis/default.nix")).contains("programs.nvf.enable = true;");
    }

    @Test
    void cubeIsAPiWithoutSystemdBoot() {
      assertThat(nixFile(out, "hosts/cube/role.nix")).contains("boot.loader.generic-extlinux-compatible.enable = true;",
          "nixos-hardware's `raspberry-pi-4` module");
      assertThat(nixFile(out, "hosts/cube/default.nix")).doesNotContain("systemd-boot");
      assertThat(nixFile(out, "flake.nix")).contains("nixosConfigurations.cube = nixpkgs.lib.nixosSystem {\n        system = \"aarch64-linux\";");
    }
  }
}
