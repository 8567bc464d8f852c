package dev.homelab.nix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homelab.testing.NixTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Env-file content with secret placeholders, written as an indented string: a line too long
 * for nixfmt's width breaks inside its interpolation, and the string Nix reads is the same
 * either way; literal text that looks like Nix cannot interpolate.
 */
class IndentedInterpolationTest {

  @TempDir
  Path tmp;

  static final String LONG = "P='{\"a\":[{\"provider_id\":\"pocket-id\",\"name\":\"Pocket ID\",\"client_id\":\"paperless\",\"secret\":\"";

  static NixValue.Interpolated content() {
    return new NixValue.Interpolated(List.of(
        NixValue.str("SHORT="), new NixValue.Placeholder("app/short"), NixValue.str("\n" + LONG),
        new NixValue.Placeholder("app/oidc-client-secret"), NixValue.str("\"}]}' ${HOME} ''x\n")), false).asIndented();
  }

  @Test
  void longLinesBreakInsideTheInterpolationOnly() {
    String text = NixFormat.value(content(), 2);
    List<String> lines = text.lines().toList();
    assertThat(lines.get(0)).isEqualTo("''");
    assertThat(lines.get(1)).isEqualTo("    SHORT=${config.sops.placeholder.\"app/short\"}");
    assertThat(lines.get(2)).endsWith("\"secret\":\"${");
    assertThat(lines.get(3)).isEqualTo("      config.sops.placeholder.\"app/oidc-client-secret\"");
    assertThat(lines.get(4)).isEqualTo("    }\"}]}' ''${HOME} '''x");
    assertThat(lines.get(5)).isEqualTo("  ''");
  }

  @Test
  void nixReadsTheSameString() throws Exception {
    NixTool.require();
    String expr = "let config.sops.placeholder = { \"app/short\" = \"S\"; \"app/oidc-client-secret\" = \"C\"; }; in\n"
        + NixFormat.value(content(), 0) + "\n";
    Path f = tmp.resolve("e.nix");
    Files.writeString(f, expr);
    NixTool.Result r = NixTool.evalJson(f);
    assertThat(r.exit()).as(r.toString()).isZero();
    String value = new ObjectMapper().readValue(r.out(), String.class);
    assertThat(value).isEqualTo("SHORT=S\n" + LONG + "C\"}]}' ${HOME} ''x\n");
  }
}
