package dev.homelab.nix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec strings full of Nix syntax, written through the one Nix output format and evaluated
 * by the real Nix evaluator, come back unchanged: no string can end its literal early,
 * interpolate or escape, in any context (string, indented string, attribute name).
 */
class NixInjectionTest {

  static final List<String> NASTY = List.of(
      "${builtins.abort \"injected\"}",
      "''${builtins.abort \"injected\"}",
      "'' + builtins.abort \"x\" + ''",
      "\" + builtins.abort \"x\" + \"",
      "\\${x}",
      "$${x}",
      "\\",
      "\\\\\"",
      "a\nb\r\tc",
      "'''",
      "''\\n",
      "$",
      "${",
      "}",
      "ünïcødé ✓ \u2028",
      "# not a comment */ /* ; } ]");

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @TestFactory
  Stream<DynamicTest> doubleQuotedStringsEvaluateBackUnchanged() {
    NixTool.require();
    return NASTY.stream().map(s -> DynamicTest.dynamicTest(s.replace("\n", "\\n"), () ->
        assertThat(evalString(NixFormat.string(s))).isEqualTo(s)));
  }

  @TestFactory
  Stream<DynamicTest> attributeNamesEvaluateBackUnchanged() {
    NixTool.require();
    return NASTY.stream().map(s -> DynamicTest.dynamicTest(s.replace("\n", "\\n"), () -> {
      Path f = tmp.resolve("attr.nix");
      Files.writeString(f, "builtins.attrNames { " + NixFormat.attrName(s) + " = 1; }\n");
      NixTool.Result r = NixTool.evalJson(f);
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(JSON.readValue(r.out(), List.class)).containsExactly(s);
    }));
  }

  @Test
  void indentedStringLinesEvaluateBackUnchanged() throws Exception {
    NixTool.require();
    List<String> lines = new ArrayList<>(NASTY.stream().filter(s -> !s.contains("\n") && !s.contains("\r")).toList());
    String value = NixFormat.value(new NixValue.Text(lines), 0);
    assertThat(evalString(value)).isEqualTo(String.join("\n", lines) + "\n");
  }

  @Test
  void noSpecStringBecomesCodeWhereAPackageGoes() {
    // Where an option takes a package, a string is a package's attribute path: only
    // identifiers joined by dots become code; everything else is refused before output.
    List<String> refused = new ArrayList<>(NASTY);
    refused.addAll(List.of("nb; rm -rf /", "pkgs.nb ++ [ ]", "if", "a.rec.b", "nb.", ".nb", "3d", "nb }"));
    for (String name : refused) {
      String yaml = name.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
          .replace("\t", "\\t").replace("\u2028", "\\u2028");
      String spec = Specs.MINIMAL.replace("    stateVersion: \"25.05\"\n",
          "    stateVersion: \"25.05\"\n    nixos: { environment.systemPackages: [\"" + yaml + "\"] }\n");
      Path file = Specs.write(tmp, "lab.yaml", spec);
      Path out = tmp.resolve("out");
      Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
      assertThat(run.exit()).as(name + ": " + run.all()).isEqualTo(1);
      assertThat(run.err()).as(name).contains("error[HL0390]");
      assertThat(Files.exists(out)).as(name).isFalse();
    }
  }

  @Test
  void aReferenceIsIdentifiersThatAreNoKeywords() {
    assertThat(new NixValue.Ref("pkgs.python3Packages.requests").code()).isEqualTo("pkgs.python3Packages.requests");
    for (String code : List.of("pkgs.if", "pkgs.let.x", "rec", "pkgs.inherit", "pkgs.a b", "pkgs.\"x\"", "pkgs.")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NixValue.Ref(code)).as(code)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void specStringsReachGeneratedModulesUnchanged() throws Exception {
    NixTool.require();
    String comment = "x${builtins.abort \"pwned\"}'' \" \\ $${y} ''${z}";
    String spec = Specs.MINIMAL
        .replace("alice@laptop\"]", comment.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]");
    Path file = Specs.write(tmp, "lab.yaml", spec);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", file.toString(), "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();

    Path base = tmp.resolve("base.nix");
    Files.writeString(base, "(import " + out.resolve("modules/base.nix")
        + " { lib = { mkDefault = x: x; }; }).users.users.alice.openssh.authorizedKeys.keys\n");
    NixTool.Result keys = NixTool.evalJson(base);
    assertThat(keys.exit()).as(keys.err()).isZero();
    assertThat(JSON.readValue(keys.out(), List.class))
        .containsExactly("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKey " + comment);
  }

  @Test
  void settingsThatReachUnitLinesAndVolumesRefuseShellAndVolumeSyntax() {
    for (String value : List.of("/srv/music ${x}", "/data/x' --foo", "/:/x:rw,/", "relative/path", "/a/../etc")) {
      String spec = Specs.MINIMAL.replace("    immich: { tier: critical, claimed: true }",
          "    immich: { tier: critical, claimed: true }\n      navidrome: { settings: { musicFolder: '" + value.replace("'", "''") + "' } }");
      Path file = Specs.write(tmp, "bad.yaml", spec);
      Cli.Run run = Cli.run("validate", "-f", file.toString());
      assertThat(run.exit()).as(value).isEqualTo(1);
      assertThat(run.err()).as(value).contains("error[HL0315]").contains("bad.yaml:27:");
    }
  }

  private String evalString(String literal) throws Exception {
    Path f = tmp.resolve("value.nix");
    Files.writeString(f, literal + "\n");
    NixTool.Result r = NixTool.evalJson(f);
    assertThat(r.exit()).as("%s: %s", literal, r.err()).isZero();
    return JSON.readValue(r.out(), String.class);
  }
}
