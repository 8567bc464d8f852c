package dev.homelab.nix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bindings laid out as nixfmt 1.x lays them out (expected texts are nixfmt's own output). */
class NixFormatLayoutTest {

  private static String one(String path, NixValue v) {
    return NixFormat.bindings(List.of(Binding.of(path, v)), 2);
  }

  @Test
  void aReferenceThatDoesNotFitMovesBelowTheEqualsSign() {
    assertThat(one("systemd.services.zigbee2mqtt.serviceConfig.EnvironmentFile", new NixValue.SecretPath("zigbee2mqtt/mqtt-env")))
        .isEqualTo("  systemd.services.zigbee2mqtt.serviceConfig.EnvironmentFile =\n"
            + "    config.sops.secrets.\"zigbee2mqtt/mqtt-env\".path;\n");
  }

  @Test
  void aOneItemListThatDoesNotFitGoesOneItemPerLine() {
    String item = "a".repeat(91);
    assertThat(one("x.y.z", NixValue.strings(List.of(item))))
        .isEqualTo("  x.y.z = [\n    \"" + item + "\"\n  ];\n");
  }

  @Test
  void argumentSetsOfMoreThanTwoNamesGoOneNamePerLine() {
    assertThat(NixFormat.functionArgs(List.of("config", "pkgs"), 0)).isEqualTo("{ config, pkgs, ... }");
    assertThat(NixFormat.functionArgs(List.of("nixpkgs", "sops-nix", "quadlet-nix"), 4))
        .isEqualTo("{\n      nixpkgs,\n      sops-nix,\n      quadlet-nix,\n      ...\n    }");
  }

  @Test
  void widthIsMeasuredWithoutTheIndentation() {
    // 104 columns in all, 100 after the indentation: nixfmt keeps it on one line.
    String item = "a".repeat(89);
    String line = NixFormat.bindings(List.of(Binding.of("x", NixValue.strings(List.of(item)))), 4);
    assertThat(line).isEqualTo("    x = [ \"" + item + "\" ];\n").hasSize(105);
    String longer = NixFormat.bindings(List.of(Binding.of("x", NixValue.strings(List.of(item + "a")))), 4);
    assertThat(longer).startsWith("    x = [\n");
  }

  @Test
  void aLongStringBreaksItsFirstInterpolationThatIsNotAPlainPath() {
    String tail = " serve restic --stdio --append-only /srv/restic/forge ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKey restic@forge";
    // A path of plain names stays inline, however long the line (nixfmt's output).
    NixValue rclone = new NixValue.Interpolated(List.of(NixValue.str("command="), new NixValue.Ref("pkgs.rclone"), NixValue.str(tail)));
    assertThat(one("x", NixValue.list(List.of(rclone, NixValue.str("y")))))
        .isEqualTo("  x = [\n    \"command=${pkgs.rclone}" + tail + "\"\n    \"y\"\n  ];\n");
    // A secret's path (a quoted name in it) breaks.
    NixValue key = new NixValue.Interpolated(List.of(NixValue.str("command="), new NixValue.Ref("pkgs.rclone"),
        NixValue.str(" -i "), new NixValue.SecretPath("restic/key"), NixValue.str(tail)));
    assertThat(one("x", NixValue.list(List.of(key, NixValue.str("y")))))
        .isEqualTo("  x = [\n    \"command=${pkgs.rclone} -i ${\n      config.sops.secrets.\"restic/key\".path\n    }" + tail
            + "\"\n    \"y\"\n  ];\n");
  }

  @Test
  void aLongStringStaysOnItsLineAndShortValuesStayInline() {
    String text = "a very long string value that goes past the limit of one hundred columns, as nixfmt leaves it";
    assertThat(one("services.example.description", NixValue.str(text)))
        .isEqualTo("  services.example.description = \"" + text + "\";\n");
    assertThat(one("x.y", NixValue.strings(List.of("short")))).isEqualTo("  x.y = [ \"short\" ];\n");
  }
  @Test
  void aConditionalDefinitionKeepsItsValueAfterTheCondition() {
    NixValue.Ref systemd = new NixValue.Ref("config.boot.initrd.systemd.enable");
    assertThat(one("boot.initrd.postResumeCommands", new NixValue.MkIf(systemd, true, new NixValue.Text(List.of("echo hi")))))
        .isEqualTo("  boot.initrd.postResumeCommands = lib.mkIf (!config.boot.initrd.systemd.enable) ''\n    echo hi\n  '';\n");
    NixValue unit = new NixValue.Attrs(List.of(Binding.of("description", NixValue.str("x")), Binding.of("before",
        NixValue.strings(List.of("sysroot.mount")))));
    assertThat(one("boot.initrd.systemd.services.x", new NixValue.MkIf(systemd, false, unit)))
        .isEqualTo("  boot.initrd.systemd.services.x = lib.mkIf config.boot.initrd.systemd.enable {\n"
            + "    description = \"x\";\n    before = [ \"sysroot.mount\" ];\n  };\n");
  }

  @Test
  void aPackagePredicateStaysOnOneLineWithOneShortName() {
    assertThat(one("nixpkgs.config.allowUnfreePredicate", new NixValue.NameIn(List.of("plexmediaserver"))))
        .isEqualTo("  nixpkgs.config.allowUnfreePredicate = pkg: builtins.elem (lib.getName pkg) [ \"plexmediaserver\" ];\n");
  }

  @Test
  void aPackagePredicateWithSeveralNamesMovesBelowTheEqualsSign() {
    // nixfmt always expands a list of several items, and the lambda then breaks after its parameter.
    assertThat(one("nixpkgs.config.allowUnfreePredicate", new NixValue.NameIn(List.of("plexmediaserver", "a"))))
        .isEqualTo("""
              nixpkgs.config.allowUnfreePredicate =
                pkg:
                builtins.elem (lib.getName pkg) [
                  "plexmediaserver"
                  "a"
                ];
            """);
  }
}
