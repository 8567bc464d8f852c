package dev.homelab.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.homelab.diag.Diagnostic;
import dev.homelab.diag.SpecException;
import dev.homelab.diag.Span;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;

/**
 * Reads one YAML document into a {@link Node} tree that keeps every value's place.
 *
 * <p>Refused with a located error: duplicate keys, anchors, aliases and merge keys (Jackson
 * does not expand them, so accepting them would silently change meaning), several documents,
 * binary content, nesting deeper than {@link #MAX_DEPTH} and files above {@link #MAX_BYTES}.
 *
 * <p>The plain YAML most specs are written in is read by {@link PlainYaml}, which gives the
 * same tree in a fraction of the time; whatever it does not take, this class reads with
 * Jackson's parser, as it always did.
 */
public final class YamlLoader {

  /** Larger than any homelab spec; stops a runaway or wrong file early. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  static final int MAX_DEPTH = 64;

  private static final YAMLFactory FACTORY =
      YAMLFactory.builder()
          // On by default in YAMLFactory, but off in a builder's: `name:` with nothing after it is null.
          .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH + 1)
                  .maxStringLength(MAX_BYTES)
                  .build())
          .build();

  private final String file;
  /** Columns before the text on its first line (a --set value follows `path=`). */
  private final int firstLineShift;
  private YAMLParser parser;
  private int depth;
  /**
   * The text's lines when one holds a character beyond the Basic Multilingual Plane (an
   * emoji): the parser counts columns in code points, and a place is in UTF-16 code units, as
   * editors and SARIF count them. Null when the two counts agree everywhere.
   */
  private String[] wideLines;

  /**
   * Keys and short values, one string each however often the text repeats them: a fleet's
   * spec says `tier:`, `expose:` and `critical` thousands of times, and the tree lives until it
   * is bound.
   */
  private final Map<String, String> strings = new java.util.HashMap<>();

  static final int CANONICAL_LENGTH = 32;

  String canonical(String s) {
    String known = strings.putIfAbsent(s, s);
    return known == null ? s : known;
  }

  /** Whether the quick reader may read the text first (off to test the full parser alone). */
  private final boolean quick;

  private YamlLoader(String file, int firstLineShift, boolean quick) {
    this.file = file;
    this.firstLineShift = firstLineShift;
    this.quick = quick;
  }

  /**
   * Parses {@code text}, named {@code file} in messages.
   *
   * @return the root node, or an empty mapping for an empty document
   */
  public static Node parse(String file, String text) throws SpecException {
    return new YamlLoader(file, 0, true).run(text);
  }

  /**
   * Parses {@code text} that starts at column {@code firstLineShift + 1} of line 1 of
   * {@code file}, so every place, including those in messages, is one in the whole line.
   */
  static Node parse(String file, String text, int firstLineShift) throws SpecException {
    return new YamlLoader(file, firstLineShift, true).run(text);
  }

  /** {@code text}'s tree as the full parser reads it, never the quick reader. */
  static Node parseFully(String file, String text) throws SpecException {
    return new YamlLoader(file, 0, false).run(text);
  }

  /** {@code text}'s tree as the quick reader reads it, or null where it leaves the text to the full parser. */
  static Node parseQuickly(String file, String text) {
    return PlainYaml.read(new YamlLoader(file, 0, true), text);
  }

  private Node run(String text) throws SpecException {
    if (quick) {
      // Most specs are plain YAML the quick reader takes whole (it takes no text with a NUL, a
      // character beyond the Basic Multilingual Plane or over 3 MiB); it leaves anything else here.
      Node read = PlainYaml.read(this, text);
      if (read != null) {
        return read;
      }
    }
    if (hasSurrogates(text)) {
      wideLines = text.split("\n", -1);
    }
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      throw fail("HL0103", "file is binary, not YAML", at(text, nul), "give a YAML text file");
    }
    if (text.length() > MAX_BYTES) {
      throw fail("HL0104", "file is larger than " + (MAX_BYTES / 1024 / 1024) + " MiB",
          span(1, 1, 1), "a homelab spec is a few kilobytes; is this the right file?");
    }
    if (text.indexOf('&') >= 0 || text.indexOf('*') >= 0) {
      // Only then can the text hold an anchor or an alias: spare the second read otherwise.
      refuseAnchorsAndAliases(text);
    }
    try (YAMLParser p = (YAMLParser) FACTORY.createParser(text)) {
      parser = p;
      JsonToken first = p.nextToken();
      if (first == null) {
        return new MapNode(span(1, 1, 1), Map.of());
      }
      Node root = value(first);
      JsonToken after = p.nextToken();
      if (after != null) {
        throw fail("HL0105", "more than one YAML document in one file", here(p.currentTokenLocation(), 3),
            "split the documents into files and pass each with -f");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
        // Jackson's location is the last token read; the scanner's problem mark is the culprit,
        // and the scanner's problem and context are the reason.
        throw fail("HL0101", "invalid YAML: " + parserReason(m), at(m.getProblemMark(), 1), parserHint(m));
      }
      Span where = loc == null ? span(1, 1, 1) : here(loc, 1);
      throw fail("HL0101", "invalid YAML: " + cleanMessage(e.getOriginalMessage()), where, "check indentation and quoting around this place");
    } catch (IOException e) {
      throw fail("HL0101", "invalid YAML: " + e.getMessage(), span(1, 1, 1), null);
    }
  }

  /**
   * Refuses the first anchor or alias of the event stream. Jackson reports anchors on
   * mappings and lists only; one on a scalar value or a key would otherwise pass unnoticed.
   * Events are only read, never composed, so aliases are not expanded. Syntax errors are
   * left to the parse that follows, which reports them.
   */
  private void refuseAnchorsAndAliases(String text) throws SpecException {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_BYTES);
    try {
      for (Event e : new Yaml(options).parse(new StringReader(text))) {
        if (e instanceof AliasEvent alias) {
          throw fail("HL0106", "YAML alias `*" + alias.getAnchor() + "` is not supported",
              at(e.getStartMark(), alias.getAnchor().length() + 1),
              "write the value out where it is used; anchors and aliases are not expanded");
        }
        if (e instanceof NodeEvent node && node.getAnchor() != null) {
          throw fail("HL0106", "YAML anchor `&" + node.getAnchor() + "` is not supported",
              at(e.getStartMark(), node.getAnchor().length() + 1),
              "remove the anchor and write values out where they are used");
        }
      }
    } catch (YAMLException e) {
      // Not valid YAML: the Jackson parse reports it with its place.
    }
  }

  /** True when the text holds a character beyond the Basic Multilingual Plane (a plain loop: specs can be megabytes). */
  private static boolean hasSurrogates(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private Span at(Mark mark, int length) {
    return span(mark.getLine() + 1, utf16(mark.getLine() + 1, mark.getColumn() + 1), length);
  }

  /** The parser's column (in code points) on a line, in UTF-16 code units. */
  private int utf16(int line, int codePointColumn) {
    if (wideLines == null || line > wideLines.length) {
      return codePointColumn;
    }
    String l = wideLines[line - 1];
    int steps = Math.min(codePointColumn - 1, l.codePointCount(0, l.length()));
    return l.offsetByCodePoints(0, steps) + 1 + (codePointColumn - 1 - steps);
  }

  /** A place in the parsed text as a place in the file (shifted on the first line). */
  Span span(int line, int column, int length) {
    return new Span(file, line, line == 1 ? column + firstLineShift : column, length);
  }

  private Node value(JsonToken token) throws IOException, SpecException {
    Span span = here(parser.currentTokenLocation(), 1);
    if (parser.isCurrentAlias()) {
      throw fail("HL0106", "YAML alias `*" + parser.getText() + "` is not supported", span,
          "write the value out where it is used; anchors and aliases are not expanded");
    }
    String anchor = parser.getObjectId() == null ? null : parser.getObjectId().toString();
    if (anchor != null) {
      throw fail("HL0106", "YAML anchor `&" + anchor + "` is not supported", span,
          "remove the anchor and write values out where they are used");
    }
    switch (token) {
      case START_OBJECT:
        return map(span);
      case START_ARRAY:
        return list(span);
      case VALUE_STRING:
        return scalar(span, ScalarNode.Kind.STRING);
      case VALUE_NUMBER_INT:
        return scalar(span, ScalarNode.Kind.INTEGER);
      case VALUE_NUMBER_FLOAT:
        return scalar(span, ScalarNode.Kind.FLOAT);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return scalar(span, ScalarNode.Kind.BOOLEAN);
      case VALUE_NULL:
        return new ScalarNode(span, "", ScalarNode.Kind.NULL);
      default:
        throw fail("HL0101", "unexpected YAML content", span, null);
    }
  }

  private ScalarNode scalar(Span start, ScalarNode.Kind kind) throws IOException {
    String text = parser.getText();
    if (text.length() <= CANONICAL_LENGTH) {
      text = canonical(text);
    }
    return new ScalarNode(new Span(file, start.line(), start.column(), Math.max(1, firstLine(text).length())), text, kind);
  }

  private MapNode map(Span span) throws IOException, SpecException {
    enter(span);
    Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
    JsonToken t;
    while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String key = canonical(parser.currentName());
      Span keySpan = here(parser.currentTokenLocation(), key.length());
      if ("<<".equals(key)) {
        throw fail("HL0106", "YAML merge key `<<` is not supported", keySpan,
            "write the merged keys out; merge keys are not expanded");
      }
      MapNode.Entry previous = entries.get(key);
      if (previous != null) {
        throw fail("HL0102", "duplicate key `" + key + "` (first at " + previous.keySpan() + ")", keySpan,
            "remove one of the two; YAML does not allow a key twice in one mapping");
      }
      Node value = value(parser.nextToken());
      entries.put(key, new MapNode.Entry(key, keySpan, value));
    }
    depth--;
    return new MapNode(span, entries);
  }

  private ListNode list(Span span) throws IOException, SpecException {
    enter(span);
    List<Node> items = new ArrayList<>();
    JsonToken t;
    while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
      items.add(value(t));
    }
    depth--;
    return new ListNode(span, items);
  }

  private void enter(Span span) throws SpecException {
    if (++depth > MAX_DEPTH) {
      throw fail("HL0104", "nesting deeper than " + MAX_DEPTH + " levels", span, "flatten the document");
    }
  }

  private Span here(JsonLocation loc, int length) {
    int line = Math.max(1, loc.getLineNr());
    return span(line, utf16(line, Math.max(1, loc.getColumnNr())), length);
  }

  private Span at(String text, int offset) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return span(line, col, 1);
  }

  private SpecException fail(String code, String message, Span span, String hint) {
    return SpecException.of(Diagnostic.error(code, message, span, hint));
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /**
   * The parser's own reason, in words: what it found ({@code found a tab}, {@code expected
   * the end of the block, but found a key at another indentation}) and, when it was inside
   * something that started elsewhere, what and where ({@code while parsing a block mapping
   * that starts at line 4}).
   */
  static String parserReason(MarkedYAMLException m) {
    String problem = m.getProblem() == null ? "unreadable" : m.getProblem().strip();
    if (problem.contains("\\t(TAB)")) {
      problem = "found a tab, which cannot start any token";
    }
    problem = problem
        .replace("<block end>", "the end of the block")
        .replace("'<block mapping start>'", "a key at another indentation")
        .replace("'<block sequence start>'", "a list at another indentation")
        .replace("'<block end>'", "the end of a block")
        .replace("'<scalar>'", "a value")
        .replace("'?'", "a key")
        .replace("'-'", "a list item `-`")
        .replace("'<document start>'", "`---`")
        .replace("end of stream", "end of the file")
        .replaceFirst("but got (\\S+)$", "but found `$1`");
    problem = cleanMessage(problem);
    if (m.getContext() != null && m.getContextMark() != null) {
      // The line of the context as the user counts it (the first line shifts under --set, not its number).
      problem += " (" + m.getContext().strip() + " that starts at line " + (m.getContextMark().getLine() + 1) + ")";
    }
    return problem;
  }

  /** What usually fixes what the parser reports. */
  static String parserHint(MarkedYAMLException m) {
    String problem = m.getProblem() == null ? "" : m.getProblem();
    String context = m.getContext() == null ? "" : m.getContext();
    if (problem.contains("\\t(TAB)")) {
      return "indent with spaces: YAML does not allow tabs for indentation";
    }
    if (problem.startsWith("expected <block end>") && context.contains("block collection")) {
      return "one block holds list items (`- `) or keys, not both: indent the keys under a list item, or the list under a key";
    }
    if (problem.startsWith("expected <block end>")) {
      return "the keys of one mapping start in the same column: line this one up with the keys above it, or indent it"
          + " under the key it belongs to";
    }
    if (problem.startsWith("mapping values are not allowed")) {
      return "quote a value that holds `: `, or line this key up with the keys above it";
    }
    if (context.contains("quoted scalar")) {
      return "close the quote that starts at line " + (m.getContextMark() == null ? "?" : m.getContextMark().getLine() + 1);
    }
    if (context.contains("flow")) {
      return "close the `{` or `[` that starts at line " + (m.getContextMark() == null ? "?" : m.getContextMark().getLine() + 1)
          + ", and separate its items with `,`";
    }
    return "check indentation and quoting around this place";
  }

  /** Jackson's messages carry a snippet of internal state after the first line; keep the sentence. */
  static String cleanMessage(String message) {
    if (message == null) {
      return "unreadable";
    }
    String first = firstLine(message).strip();
    int at = first.indexOf(" at [Source");
    if (at > 0) {
      first = first.substring(0, at);
    }
    if (!first.isEmpty() && Character.isUpperCase(first.charAt(0)) && (first.length() < 2 || !Character.isUpperCase(first.charAt(1)))) {
      first = Character.toLowerCase(first.charAt(0)) + first.substring(1);
    }
    return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
  }
}
