package dev.homelab.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.diag.Span;
import dev.homelab.load.ListNode;
import dev.homelab.load.MapNode;
import dev.homelab.load.Node;
import dev.homelab.load.ScalarNode;
import dev.homelab.load.YamlLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Wherever a key or a value sits in a YAML file, in block or flow style, at any depth, after
 * comments, blank lines or non-ASCII text, the place the loader gives it (and every finding
 * quotes) is where it is in the text: the line and column of its first character, counted in
 * UTF-16 code units as editors and SARIF count them.
 */
class LoaderLocationProperties {

  /** A generated document: its text, and each key and value as written, in order of appearance. */
  record Doc(String text, List<String> written) {}

  @Property(tries = 300)
  void everyKeyAndValueIsFoundWhereItIsWritten(@ForAll("documents") Doc doc) throws Exception {
    Node root = YamlLoader.parse("gen.yaml", doc.text());
    List<String> lines = doc.text().lines().toList();
    List<String> found = new ArrayList<>();
    walk(root, lines, found);
    // The loader found every key and value, in the order they are written.
    assertThat(found).as(doc.text()).containsExactlyElementsOf(doc.written());
  }

  /** The quick reader of plain YAML reads each such document as the full parser does. */
  @Property(tries = 300)
  void theQuickReaderReadsEachDocumentAsTheParserDoes(@ForAll("documents") Doc doc) {
    dev.homelab.load.PlainYamlTest.agree(doc.text());
  }

  private static void walk(Node node, List<String> lines, List<String> found) {
    if (node instanceof MapNode m) {
      for (MapNode.Entry e : m.entries().values()) {
        at(e.keySpan(), e.key(), lines);
        found.add(e.key());
        walk(e.value(), lines, found);
      }
    } else if (node instanceof ListNode l) {
      l.items().forEach(i -> walk(i, lines, found));
    } else if (node instanceof ScalarNode s) {
      String written = lines.get(s.span().line() - 1).substring(s.span().column() - 1);
      // A quoted scalar's place is its opening quote; a plain one starts with its text.
      assertThat(written).startsWith(written.startsWith("\"") ? "\"" : s.text());
      found.add(s.text());
    }
  }

  private static void at(Span span, String key, List<String> lines) {
    assertThat(span.line()).isBetween(1, lines.size());
    assertThat(lines.get(span.line() - 1).substring(span.column() - 1)).startsWith(key);
  }

  /** What the property found once: a key after an emoji was placed one column too far left. */
  @Example
  void aKeyAfterAnEmojiIsFoundAtItsColumnInUtf16Units() throws Exception {
    MapNode root = (MapNode) YamlLoader.parse("gen.yaml", "kf:\n  - { kb: \"😀x\", ka: a }\n");
    MapNode item = (MapNode) ((ListNode) root.get("kf")).items().get(0);
    assertThat(item.entries().get("ka").keySpan().column()).isEqualTo("  - { kb: \"😀x\", ka".indexOf("ka") + 1);
    assertThat(item.entries().get("kb").keySpan().column()).isEqualTo(7);
  }

  @Provide
  Arbitrary<Doc> documents() {
    return node(3).filter(n -> n instanceof Map<?, ?>).map(n -> {
      StringBuilder b = new StringBuilder("# generated\n\n");
      List<String> written = new ArrayList<>();
      block(n, 0, b, written);
      return new Doc(b.toString(), written);
    });
  }

  private Arbitrary<Object> node(int depth) {
    Arbitrary<Object> scalar = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6).map(s -> (Object) s),
        Arbitraries.of("é-ß", "日本語", "😀x", "a b").map(s -> (Object) ("\"" + s + "\"")),
        Arbitraries.integers().between(0, 99999).map(i -> (Object) Integer.toString(i)));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<Object> map = Arbitraries.maps(
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(5).map(k -> "k" + k), node(depth - 1))
        .ofMinSize(1).ofMaxSize(4).map(m -> (Object) new LinkedHashMap<>(m));
    Arbitrary<Object> list = node(depth - 1).list().ofMinSize(1).ofMaxSize(3).map(l -> (Object) l);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, scalar), net.jqwik.api.Tuple.of(3, map), net.jqwik.api.Tuple.of(1, list));
  }

  /** Block style for mappings at the top, flow style below two levels, comments between. */
  @SuppressWarnings("unchecked")
  private static void block(Object n, int indent, StringBuilder b, List<String> written) {
    String pad = " ".repeat(indent);
    if (n instanceof Map<?, ?> m) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
        b.append(pad).append(e.getKey()).append(':');
        written.add(e.getKey());
        Object v = e.getValue();
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
          if (indent >= 4) {
            b.append(' ');
            flow(v, b, written);
            b.append("  # flow, 日本\n");
          } else {
            b.append("\n");
            block(v, indent + 2, b, written);
          }
        } else {
          b.append(' ');
          scalar(v, b, written);
          b.append('\n');
        }
      }
    } else if (n instanceof List<?> l) {
      for (Object item : l) {
        if (item instanceof Map<?, ?> || item instanceof List<?>) {
          b.append(pad).append("- ");
          flow(item, b, written);
          b.append('\n');
        } else {
          b.append(pad).append("- ");
          scalar(item, b, written);
          b.append('\n');
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void flow(Object n, StringBuilder b, List<String> written) {
    if (n instanceof Map<?, ?> m) {
      b.append("{ ");
      boolean first = true;
      for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
        b.append(first ? "" : ", ").append(e.getKey()).append(": ");
        written.add(e.getKey());
        flow(e.getValue(), b, written);
        first = false;
      }
      b.append(" }");
    } else if (n instanceof List<?> l) {
      b.append('[');
      boolean first = true;
      for (Object item : l) {
        b.append(first ? "" : ", ");
        flow(item, b, written);
        first = false;
      }
      b.append(']');
    } else {
      scalar(n, b, written);
    }
  }

  private static void scalar(Object v, StringBuilder b, List<String> written) {
    String s = (String) v;
    b.append(s);
    written.add(s.startsWith("\"") ? s.substring(1, s.length() - 1) : s);
  }
}
