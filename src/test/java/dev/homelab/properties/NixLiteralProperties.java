package dev.homelab.properties;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homelab.nix.NixFormat;
import dev.homelab.nix.NixValue;
import dev.homelab.testing.NixTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any text, written into the flake by {@link NixFormat} in each place a literal goes (a string,
 * an attribute name, a line of an indented string), reads back as the same text when the real
 * Nix evaluator evaluates it: no text can end its literal, interpolate, or lose a character.
 * Each try evaluates a whole batch in one {@code nix-instantiate --eval}.
 */
class NixLiteralProperties {

  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeContainer
  static void nix() {
    NixTool.require();
  }

  @Property(tries = 25)
  void stringsAndAttributeNamesReadBackUnchanged(@ForAll("texts") List<String> texts) throws IOException {
    StringBuilder expr = new StringBuilder("[\n");
    for (String t : texts) {
      expr.append("  ").append(NixFormat.value(new NixValue.Str(t), 2)).append('\n');
      expr.append("  (builtins.head (builtins.attrNames { ").append(NixFormat.attrName(t)).append(" = 1; }))\n");
      expr.append("  (builtins.head (builtins.attrNames { a.").append(NixFormat.attrPath(List.of(t))).append(" = 1; }.a))\n");
    }
    expr.append("]\n");
    List<String> expected = new ArrayList<>();
    for (String t : texts) {
      expected.add(t);
      expected.add(t);
      expected.add(t);
    }
    assertThat(eval(expr.toString())).isEqualTo(expected);
  }

  @Property(tries = 25)
  void linesOfAnIndentedStringReadBackUnchanged(@ForAll("lines") List<List<String>> scripts) throws IOException {
    StringBuilder expr = new StringBuilder("{\n  texts = [\n");
    List<String> expected = new ArrayList<>();
    for (List<String> lines : scripts) {
      expr.append("    ").append(NixFormat.value(new NixValue.Text(lines), 4)).append('\n');
      expected.add(lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
    }
    expr.append("  ];\n}.texts\n");
    assertThat(eval(expr.toString())).isEqualTo(expected);
  }

  /** What the properties found once: a quote before an escaped {@code ${}, and lines of spaces. */
  @Example
  void quotesBeforeAnInterpolationAndLeadingSpacesSurvive() throws IOException {
    assertThat(NixFormat.indentedLine("'''${")).isEqualTo("'''${\"'\"}''${");
    List<List<String>> scripts = List.of(List.of("'''${"), List.of(" "), List.of("  a", "   b"), List.of("'${x}", "''${y}"));
    StringBuilder expr = new StringBuilder("[\n");
    List<String> expected = new ArrayList<>();
    for (List<String> lines : scripts) {
      expr.append("  ").append(NixFormat.value(new NixValue.Text(lines), 2)).append('\n');
      expected.add(String.join("\n", lines) + "\n");
    }
    assertThat(eval(expr.append("]\n").toString())).isEqualTo(expected);
    // Lines whose indentation differs keep it as it is, unescaped.
    assertThat(NixFormat.value(new NixValue.Text(List.of("if x; then", "  y", "fi")), 0))
        .isEqualTo("''\n  if x; then\n    y\n  fi\n''");
  }

  @Provide
  Arbitrary<List<String>> texts() {
    return text().list().ofMaxSize(30);
  }

  @Provide
  Arbitrary<List<List<String>>> lines() {
    return text().filter(s -> s.indexOf('\n') < 0).list().ofMaxSize(6).list().ofMaxSize(10);
  }

  /** Text with everything a literal has to escape, some non-ASCII, and no NUL (Nix strings cannot hold one). */
  static Arbitrary<String> text() {
    Arbitrary<String> specials = Arbitraries.of("${", "''", "'''", "''$", "\\", "\"", "$", "{", "}", "'", "\\n", "\n", "\r",
        "\t", " ", "  ", "${x}", "$${", "''\\", "é", "日本", "😀", "\u202e", "rec", "let", "or", "1a", "-", ".");
    Arbitrary<String> plain = Arbitraries.strings().withCharRange(' ', '~').withChars('\t', 'é', 'ß', '€').ofMaxLength(8);
    return Arbitraries.oneOf(specials, plain).list().ofMaxSize(8).map(parts -> String.join("", parts));
  }

  private static List<String> eval(String expr) throws IOException {
    Path file = Files.createTempFile("literals", ".nix");
    try {
      Files.writeString(file, expr);
      NixTool.Result r = NixTool.evalJson(file);
      assertThat(r.exit()).as(r.err() + "\n" + expr).isZero();
      List<String> out = new ArrayList<>();
      for (JsonNode n : JSON.readTree(r.out())) {
        out.add(n.asText());
      }
      return out;
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
