package dev.homelab.load;

import dev.homelab.diag.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A quick reader for the plain YAML nearly every spec is written in: block mappings and
 * lists, flow mappings and lists on one line, plain and quoted scalars on one line, comments
 * and blank lines. It gives the very tree {@link YamlLoader}'s full parser gives, places and
 * scalar types included, in a fraction of its time (a fleet's spec of a megabyte is read in
 * tens of milliseconds where the full parser takes a third of a second before it is compiled).
 *
 * <p>It only ever accepts: on anything else (an anchor, a block scalar, a multi-line or
 * escaped scalar, a tab, a document marker, a duplicate key, a wrong indentation, any error)
 * it gives up, and the full parser reads the text and reports what is wrong in its words.
 * Scalar types are those the full parser resolves (SnakeYAML's YAML 1.1 resolver, as Jackson
 * calls it); an integer in any form but plain decimal digits is also left to it.
 */
final class PlainYaml {

  /**
   * Texts above SnakeYAML's default limit of 3 MiB of code points are left to the full
   * parser, which refuses them: the quick reader must not accept what the full one would not.
   */
  static final int MAX_CHARS = 3 * 1024 * 1024;

  /** SnakeYAML refuses deeper nesting (its default limit is 50); such a text is left to it. */
  private static final int MAX_DEPTH = 40;

  /** SnakeYAML looks for a simple key's `:` within 1,024 characters. */
  private static final int MAX_KEY = 1000;

  private static final Resolver RESOLVER = new Resolver();

  /** Giving up: the text is outside what this reader takes, and the full parser reads it. */
  private static final class Outside extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Outside() {
      super(null, null, false, false);
    }
  }

  private static final Outside OUTSIDE = new Outside();

  private final YamlLoader loader;
  private final char[] c;
  private final int end;
  private int pos;
  /** The current line (1-based) and the index of its first character. */
  private int line = 1;
  private int lineStart;
  private int depth;
  /** Each short plain scalar's type, resolved once however often the text repeats it. */
  private final Map<String, ScalarNode.Kind> kinds = new HashMap<>();

  private PlainYaml(YamlLoader loader, String text) {
    this.loader = loader;
    // One NUL past the end, which no rule takes: a construct the text ends inside stops there.
    this.c = java.util.Arrays.copyOf(text.toCharArray(), text.length() + 1);
    this.end = text.length();
  }

  /** The tree of {@code text}, or null when the full parser has to read it. */
  static Node read(YamlLoader loader, String text) {
    if (text.length() > MAX_CHARS) {
      return null;
    }
    PlainYaml reader = new PlainYaml(loader, text);
    try {
      return reader.document();
    } catch (Outside e) {
      return null;
    }
  }

  private Node document() {
    for (int i = 0; i < end; i++) {
      if (!allowed(c[i])) {
        throw OUTSIDE;
      }
    }
    if (content() < 0) {
      throw OUTSIDE;
    }
    Node root;
    if (isEntry()) {
      root = sequence(column());
    } else if (keyAhead()) {
      root = mapping(column());
    } else {
      root = inline(false);
      endOfLine();
    }
    if (content() >= 0) {
      throw OUTSIDE;
    }
    return root;
  }

  /**
   * Characters the reader takes anywhere: printable ones on one line. Tabs, carriage returns,
   * YAML 1.1's other line breaks, byte-order marks and surrogates are left to the full parser.
   */
  private static boolean allowed(char ch) {
    if (ch >= 0x20 && ch < 0x7f) {
      return true;
    }
    if (ch == '\n') {
      return true;
    }
    return ch >= 0xa0 && ch != 0x2028 && ch != 0x2029 && !Character.isSurrogate(ch) && ch != 0xfeff
        && ch < 0xfffe;
  }

  private int column() {
    return pos - lineStart;
  }

  private Span span(int atLine, int atColumn, int length) {
    return loader.span(atLine, atColumn + 1, length);
  }

  private boolean blank(int p) {
    return p >= end || c[p] == ' ' || c[p] == '\n';
  }

  /** At a list entry: `-` and a blank. */
  private boolean isEntry() {
    return c[pos] == '-' && blank(pos + 1);
  }

  private void newline(int p) {
    pos = p + 1;
    line++;
    lineStart = pos;
  }

  /**
   * Moves to the first character of the next line that holds more than blanks and a comment
   * (or stays at the one it is at) and gives its column, or -1 at the end of the text.
   */
  private int content() {
    while (true) {
      int p = pos;
      while (p < end && c[p] == ' ') {
        p++;
      }
      if (p == end) {
        pos = end;
        return -1;
      }
      char ch = c[p];
      if (ch == '\n') {
        newline(p);
        continue;
      }
      if (comment(p)) {
        while (p < end && c[p] != '\n') {
          p++;
        }
        if (p == end) {
          pos = end;
          return -1;
        }
        newline(p);
        continue;
      }
      if (p == lineStart && (ch == '%' || marker(p, '-') || marker(p, '.'))) {
        throw OUTSIDE;
      }
      pos = p;
      return p - lineStart;
    }
  }

  /** A `#` that starts a comment: at the start of a line or after a blank. */
  private boolean comment(int p) {
    return c[p] == '#' && (p == lineStart || c[p - 1] == ' ');
  }

  private boolean marker(int p, char ch) {
    return p + 2 < end && c[p] == ch && c[p + 1] == ch && c[p + 2] == ch && blank(p + 3);
  }

  /** The rest of the line is blanks and perhaps a comment after a blank; moves past it. */
  private void endOfLine() {
    int p = pos;
    while (p < end && c[p] == ' ') {
      p++;
    }
    if (p < end && comment(p)) {
      while (p < end && c[p] != '\n') {
        p++;
      }
    }
    if (p == end) {
      pos = end;
      return;
    }
    if (c[p] != '\n') {
      throw OUTSIDE;
    }
    newline(p);
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw OUTSIDE;
    }
  }

  /** A block mapping whose keys start at column {@code indent}; the reader is at its first key. */
  private MapNode mapping(int indent) {
    Span span = span(line, indent, 1);
    enter();
    Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
    while (true) {
      int keyLine = line;
      String key = key(false);
      Span keySpan = span(keyLine, indent, key.length());
      if (entries.containsKey(key)) {
        throw OUTSIDE;
      }
      entries.put(key, new MapNode.Entry(key, keySpan, blockValue(indent)));
      int next = content();
      if (next < indent) {
        break;
      }
      if (next > indent) {
        throw OUTSIDE;
      }
    }
    depth--;
    return new MapNode(span, entries);
  }

  /** The value after a block mapping's key (the reader is just past its `:`). */
  private Node blockValue(int indent) {
    int colonLine = line;
    int afterColon = column();
    int p = pos;
    while (p < end && c[p] == ' ') {
      p++;
    }
    if (p < end && c[p] != '\n' && !comment(p)) {
      pos = p;
      Node value = inline(false);
      endOfLine();
      return value;
    }
    endOfLine();
    int next = content();
    if (next > indent) {
      return isEntry() ? sequence(next) : mapping(next);
    }
    if (next == indent && isEntry()) {
      // A list whose entries start in the key's column.
      return sequence(next);
    }
    // Nothing: null, placed just after the `:` as the full parser places it.
    return new ScalarNode(span(colonLine, afterColon, 1), "", ScalarNode.Kind.NULL);
  }

  /** A block list whose entries' `-` are in column {@code indent}; the reader is at the first. */
  private ListNode sequence(int indent) {
    Span span = span(line, indent, 1);
    enter();
    List<Node> items = new ArrayList<>();
    while (true) {
      pos++;
      while (pos < end && c[pos] == ' ') {
        pos++;
      }
      if (pos == end || c[pos] == '\n' || c[pos] == '#' || isEntry()) {
        // An empty entry, or a list in a list: left to the full parser.
        throw OUTSIDE;
      }
      if (keyAhead()) {
        items.add(mapping(column()));
      } else {
        items.add(inline(false));
        endOfLine();
      }
      int next = content();
      if (next < indent) {
        break;
      }
      if (next > indent) {
        throw OUTSIDE;
      }
      if (!isEntry()) {
        // The key after a list that starts in its parent key's column.
        break;
      }
    }
    depth--;
    return new ListNode(span, items);
  }

  /** True when the reader is at a key: a scalar on this line followed by `:` and a blank. */
  private boolean keyAhead() {
    char first = c[pos];
    if (first == '[' || first == '{') {
      return false;
    }
    if (first == '"' || first == '\'') {
      int p = pos + 1;
      while (p < end && c[p] != '\n') {
        if (c[p] == first) {
          if (first == '\'' && p + 1 < end && c[p + 1] == '\'') {
            p += 2;
            continue;
          }
          return p + 1 < end && c[p + 1] == ':' && blank(p + 2);
        }
        p++;
      }
      return false;
    }
    for (int p = pos; p < end && c[p] != '\n'; p++) {
      if (c[p] == ':' && blank(p + 1)) {
        return true;
      }
      if (comment(p)) {
        return false;
      }
    }
    return false;
  }

  /** A key and its `:`, in block ({@code flow} false) or flow context; the reader ends past the `:`. */
  private String key(boolean flow) {
    int start = pos;
    String key;
    if (c[pos] == '"' || c[pos] == '\'') {
      key = quoted();
    } else {
      if (!plainStart(flow)) {
        throw OUTSIDE;
      }
      int last = plainEnd(flow);
      key = new String(c, start, last - start);
    }
    if (pos - start > MAX_KEY || pos >= end || c[pos] != ':' || !blank(pos + 1) || key.isEmpty()
        || key.equals("<<")) {
      throw OUTSIDE;
    }
    pos++;
    return loader.canonical(key);
  }

  /**
   * A scalar, or in flow context also a flow collection, on this line; in block context a flow
   * collection too. The reader ends just after it.
   */
  private Node inline(boolean flow) {
    char ch = c[pos];
    if (ch == '[') {
      return flowList();
    }
    if (ch == '{') {
      return flowMapping();
    }
    int atLine = line;
    int atColumn = column();
    if (ch == '"' || ch == '\'') {
      return scalar(atLine, atColumn, quoted(), ScalarNode.Kind.STRING);
    }
    if (!plainStart(flow)) {
      throw OUTSIDE;
    }
    int start = pos;
    int last = plainEnd(flow);
    String text = new String(c, start, last - start);
    ScalarNode.Kind kind = kind(text);
    if (kind == ScalarNode.Kind.NULL) {
      return new ScalarNode(span(atLine, atColumn, 1), "", kind);
    }
    return scalar(atLine, atColumn, text, kind);
  }

  private ScalarNode scalar(int atLine, int atColumn, String text, ScalarNode.Kind kind) {
    if (text.length() <= YamlLoader.CANONICAL_LENGTH) {
      text = loader.canonical(text);
    }
    return new ScalarNode(span(atLine, atColumn, Math.max(1, text.length())), text, kind);
  }

  /** A plain scalar may start here: not at an indicator, nor at `-` before a blank. */
  private boolean plainStart(boolean flow) {
    char ch = c[pos];
    if (pos >= end) {
      return false;
    }
    if (ch == '-') {
      return !blank(pos + 1) && !(flow && flowIndicator(c[pos + 1]));
    }
    return "?:,[]{}#&*!|>'\"%@`".indexOf(ch) < 0 && ch != ' ' && ch != '\n';
  }

  private static boolean flowIndicator(char ch) {
    return ch == ',' || ch == '[' || ch == ']' || ch == '{' || ch == '}';
  }

  /**
   * Reads a plain scalar's words (and the blanks between them) to where it ends on this line,
   * as SnakeYAML's scanner ends it; the reader stops after the blanks that follow it. Gives
   * the end of its last word.
   */
  private int plainEnd(boolean flow) {
    int last;
    while (true) {
      while (pos < end) {
        char ch = c[pos];
        if (ch == ' ' || ch == '\n') {
          break;
        }
        if (ch == ':' && (blank(pos + 1) || flow && flowIndicator(c[pos + 1]))) {
          break;
        }
        if (flow && (flowIndicator(ch) || ch == '?')) {
          break;
        }
        pos++;
      }
      last = pos;
      while (pos < end && c[pos] == ' ') {
        pos++;
      }
      if (pos == end || pos == last || c[pos] == '\n' || c[pos] == '#' || c[pos] == ':'
          || flow && (flowIndicator(c[pos]) || c[pos] == '?')) {
        return last;
      }
    }
  }

  /** A quoted scalar on one line, without escapes; the reader ends after its closing quote. */
  private String quoted() {
    char quote = c[pos];
    StringBuilder doubled = null;
    int start = ++pos;
    while (true) {
      if (pos >= end || c[pos] == '\n' || quote == '"' && c[pos] == '\\') {
        throw OUTSIDE;
      }
      if (c[pos] == quote) {
        if (quote == '\'' && pos + 1 < end && c[pos + 1] == '\'') {
          if (doubled == null) {
            doubled = new StringBuilder();
          }
          doubled.append(c, start, pos + 1 - start);
          pos += 2;
          start = pos;
          continue;
        }
        String tail = new String(c, start, pos - start);
        pos++;
        return doubled == null ? tail : doubled.append(tail).toString();
      }
      pos++;
    }
  }

  /** A flow list on one line; the reader is at its `[` and ends after its `]`. */
  private ListNode flowList() {
    Span span = span(line, column(), 1);
    enter();
    List<Node> items = new ArrayList<>();
    flowEntries(']', () -> items.add(inline(true)));
    depth--;
    return new ListNode(span, items);
  }

  /** A flow mapping on one line; the reader is at its `{` and ends after its `}`. */
  private MapNode flowMapping() {
    Span span = span(line, column(), 1);
    enter();
    Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
    flowEntries('}', () -> {
      int keyColumn = column();
      String key = key(true);
      Span keySpan = span(line, keyColumn, key.length());
      if (entries.containsKey(key)) {
        throw OUTSIDE;
      }
      skipSpaces();
      if (c[pos] == ',' || c[pos] == '}') {
        throw OUTSIDE;
      }
      entries.put(key, new MapNode.Entry(key, keySpan, inline(true)));
    });
    depth--;
    return new MapNode(span, entries);
  }

  /**
   * The entries of a flow collection, each read by {@code entry}, separated by `,` up to
   * {@code close}: the reader is at the opening bracket and ends after the closing one.
   */
  private void flowEntries(char close, Runnable entry) {
    pos++;
    skipSpaces();
    if (c[pos] == close) {
      pos++;
      return;
    }
    while (true) {
      entry.run();
      skipSpaces();
      char ch = c[pos++];
      if (ch == close) {
        return;
      }
      if (ch != ',') {
        throw OUTSIDE;
      }
      skipSpaces();
    }
  }

  private void skipSpaces() {
    while (c[pos] == ' ') {
      pos++;
    }
  }

  /** What the full parser resolves a plain scalar to; an integer it would decode is left to it. */
  private ScalarNode.Kind kind(String text) {
    if (text.length() > YamlLoader.CANONICAL_LENGTH) {
      return resolve(text);
    }
    ScalarNode.Kind known = kinds.get(text);
    if (known == null) {
      known = resolve(text);
      kinds.put(text, known);
    }
    return known;
  }

  private static ScalarNode.Kind resolve(String text) {
    Tag tag = RESOLVER.resolve(NodeId.scalar, text, true);
    if (tag == Tag.INT) {
      if (!decimal(text)) {
        throw OUTSIDE;
      }
      return ScalarNode.Kind.INTEGER;
    }
    if (tag == Tag.FLOAT) {
      return ScalarNode.Kind.FLOAT;
    }
    if (tag == Tag.BOOL) {
      return ScalarNode.Kind.BOOLEAN;
    }
    if (tag == Tag.NULL) {
      return ScalarNode.Kind.NULL;
    }
    return ScalarNode.Kind.STRING;
  }

  /** `0`, or digits not starting with 0, perhaps after a `-`. */
  private static boolean decimal(String text) {
    int i = text.startsWith("-") ? 1 : 0;
    if (i == text.length() || text.charAt(i) == '0' && text.length() > i + 1) {
      return false;
    }
    for (; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
