package dev.homelab.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.bench.FleetSpecTest;
import dev.homelab.diag.SpecException;
import dev.homelab.diag.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quick reader gives, for every text it takes, the very tree the full parser gives (every
 * key, value, type and place, in order), and takes no text the full parser refuses. It takes
 * the examples and a fleet's spec whole, or it would speed nothing up.
 */
public class PlainYamlTest {

  /** The tree as text: every node's kind, text and place, mappings in their order. */
  static String dump(Node node) {
    StringBuilder b = new StringBuilder();
    dump(node, b);
    return b.toString();
  }

  private static void dump(Node node, StringBuilder b) {
    if (node instanceof MapNode m) {
      b.append("{").append(at(m.span()));
      for (MapNode.Entry e : m.entries().values()) {
        b.append(' ').append(e.key()).append(at(e.keySpan())).append(": ");
        dump(e.value(), b);
        b.append(',');
      }
      b.append('}');
    } else if (node instanceof ListNode l) {
      b.append("[").append(at(l.span()));
      for (Node item : l.items()) {
        b.append(' ');
        dump(item, b);
        b.append(',');
      }
      b.append(']');
    } else {
      ScalarNode s = (ScalarNode) node;
      b.append(s.kind()).append('<').append(s.text()).append('>').append(at(s.span()));
    }
  }

  private static String at(Span s) {
    return "@" + s.file() + ":" + s.line() + ":" + s.column() + "+" + s.length();
  }

  /**
   * The one rule: where the full parser refuses the text, the quick reader leaves it; where it
   * reads it, the quick reader gives the same tree or leaves it. True when the quick one took it.
   */
  public static boolean agree(String text) {
    String full;
    try {
      full = dump(YamlLoader.parseFully("t.yaml", text));
    } catch (SpecException e) {
      assertThat(YamlLoader.parseQuickly("t.yaml", text)).as("refused by the parser (%s), taken by the quick reader:%n%s",
          e.getMessage(), text).isNull();
      return false;
    }
    Node quick = YamlLoader.parseQuickly("t.yaml", text);
    if (quick == null) {
      return false;
    }
    assertThat(dump(quick)).as(text).isEqualTo(full);
    return true;
  }

  private static List<Path> yamlFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String root : List.of("examples", "src/test/resources", "src/main/resources")) {
      try (Stream<Path> walk = Files.walk(Path.of(root))) {
        walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().forEach(files::add);
      }
    }
    return files;
  }

  @Test
  void everyYamlFileOfTheProjectReadsTheSameEitherWay() throws Exception {
    List<Path> files = yamlFiles();
    assertThat(files).hasSizeGreaterThan(150);
    int taken = 0;
    for (Path f : files) {
      if (agree(Files.readString(f))) {
        taken++;
      }
    }
    // Most are plain YAML; the rest (errors, anchors, escapes in quotes) went to the full parser.
    assertThat(taken).isGreaterThan(files.size() / 2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"examples/nuc-homelab.yaml", "examples/forge.yaml", "examples/qgroget-server.yaml",
      "examples/three-tier.yaml"})
  void theQuickReaderTakesEveryExampleWhole(String example) throws Exception {
    assertThat(agree(Files.readString(Path.of(example)))).isTrue();
  }

  @Test
  void theQuickReaderTakesAFleetsSpecWhole() throws Exception {
    assertThat(agree(FleetSpecTest.fleet(4, 25))).isTrue();
  }

  /** Texts at the edges of what it takes: each reads the same either way, taken or left. */
  @ParameterizedTest
  @ValueSource(strings = {
      "a: 1\nb: -2\nc: 1.5\nd: yes\ne: off\nf: ~\ng: null\nh:\ni: 0\nj: '1'\nk: \"x y\"\n",
      "a:\n- x\n- y\nb: 2\n",
      "a:\n  - k: 1\n    l: 2\n  - k: 3\n  -   m: [1, 2]\n",
      "- a\n- b: c\n  d: e\n",
      "a: 'it''s'\nb: \"say 'hi'\"\n",
      "a: b # comment\n# c\n  # d\nc:   d  \n",
      "a: b#c\nd: e:f\ng: http://x:80/y\n",
      "a: { b: c, d: [e, f], g: { h: i } }\n",
      "a: {}\nb: []\nc: { }\nd: [ ]\n",
      "a: [a b, c d ]\nb: { c d: e f }\n",
      "key  : v\n",
      "\"quoted key\": 1\n'single': 2\n",
      "a: 0x1F\n", "a: 010\n", "a: 1_000\n", "a: +1\n", "a: 1:30\n", "a: 2024-01-01\n", "a: .inf\n", "a: 1e3\n",
      "a: &x 1\nb: *x\n", "a: b\n---\nc: d\n", "%YAML 1.1\n---\na: b\n", "a: |\n  text\n", "a: >\n  text\n",
      "a: b\n  c\n", "a:\n  b\n", "a: b\na: c\n", "<<: {a: 1}\n", "a:\tb\n", "a: b\r\nc: d\r\n",
      "a: [b,\n  c]\n", "a: \"x\\ny\"\n", "a: [b, c,]\n", "a: {b: c,}\n", "a: {b}\n", "a: {b: }\n", "a: [b: c]\n",
      "a: - b\n", "- - a\n", "-\n  a: b\n", "a: !!str 1\n", "a: b: c\n", "a: 'x\n", "a: [x\n", "a: {x: y\n",
      "   a: b\n   c: d\n", "a:\n    b: c\n  d: e\n", "a:\n  b: c\n    d: e\n", "a: é\nb: 日本語\n", "a: b\u0085c\n",
      "a: \"😀\"\n", "a: b\n...\n", "a: '' \nb: \"\"\n", "a: -\n", "a: -x\n", "a: [-x, -1]\n", "? a\n: b\n",
      "a: 1\n b: 2\n", "a:\n- b\n - c\n", "a:\n  - b\n  c: d\n", "a: [b]c\n", "a: \"b\"c\n", "a: \"b\" # c\n",
      "", "# only a comment\n", "a", "[a, b]", "{a: b}", "a: b\n\n\n", "a: b #\n", "a: #\n  b: c\n",
  })
  void edgesReadTheSameEitherWay(String text) {
    agree(text);
  }

  @Test
  void whatItTakesAndWhatItLeaves() {
    assertThat(agree("a: 1\nb:\n  - c\n  - { d: e }\n")).isTrue();
    assertThat(agree("a:\n- x\nb: 2\n")).isTrue();
    for (String left : List.of("a: &x 1\n", "a: |\n  t\n", "a: \"x\\ty\"\n", "a: b\n  c\n", "a: b\na: c\n", "a: [b,\n c]\n")) {
      assertThat(YamlLoader.parseQuickly("t.yaml", left)).as(left).isNull();
    }
  }

  /**
   * Random edits of the examples (a character dropped, inserted or replaced by one that means
   * something to YAML; a line's indentation changed; a line duplicated): every text, valid or
   * not, reads the same either way.
   */
  @Test
  void editedExamplesReadTheSameEitherWay() throws Exception {
    List<String> texts = new ArrayList<>();
    for (String e : List.of("nuc-homelab", "forge", "qgroget-server", "three-tier")) {
      texts.add(Files.readString(Path.of("examples", e + ".yaml")));
    }
    Random random = new Random(20261204);
    String specials = " :-#'\"[]{},&*!|>?%@`\n~.0123456789abcyYnN";
    int taken = 0;
    int tries = 2000;
    for (int i = 0; i < tries; i++) {
      String text = texts.get(random.nextInt(texts.size()));
      List<String> window = new ArrayList<>(text.lines().toList());
      for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
        int l = random.nextInt(window.size());
        String s = window.get(l);
        switch (random.nextInt(5)) {
          case 0 -> window.set(l, s.isEmpty() ? s : drop(s, random.nextInt(s.length())));
          case 1 -> window.set(l, insert(s, random.nextInt(s.length() + 1), specials.charAt(random.nextInt(specials.length()))));
          case 2 -> window.set(l, s.isEmpty() ? s
              : drop(insert(s, random.nextInt(s.length()), specials.charAt(random.nextInt(specials.length()))), 0));
          case 3 -> window.set(l, random.nextBoolean() ? " " + s : s.replaceFirst("^ ", ""));
          default -> window.add(l, s);
        }
      }
      if (agree(String.join("\n", window) + "\n")) {
        taken++;
      }
    }
    // Edits that break the text or step outside plain YAML are left; many are taken.
    assertThat(taken).isBetween(tries / 10, tries - 1);
  }

  private static String drop(String s, int i) {
    return s.substring(0, i) + s.substring(i + 1);
  }

  private static String insert(String s, int i, char ch) {
    return s.substring(0, i) + ch + s.substring(i);
  }
}
