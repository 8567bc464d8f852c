package dev.homelab.nix;

import java.util.List;

/**
 * The one way values become Nix text: whole literals per context (double-quoted string,
 * indented string, attribute name, path) and values laid out as nixfmt (RFC 166) lays
 * them out, so generated files are already formatted.
 */
public final class NixFormat {

  private static final List<String> KEYWORDS =
      List.of("if", "then", "else", "assert", "with", "let", "in", "rec", "inherit", "or");

  /** Comments wrap before this column, as RFC 166's soft limit. */
  static final int COMMENT_WIDTH = 100;

  /** The call a {@link NixValue.NameIn} predicate makes of its parameter {@code pkg}. */
  private static final String NAME_IN_CALL = "builtins.elem (lib.getName pkg)";

  private NixFormat() {}

  /** Splits a comment line at spaces so it fits in {@code width} columns. */
  static List<String> wrapComment(String text, int width) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        out.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    out.add(line.toString());
    return out;
  }

  /** A double-quoted string literal: quotes, backslashes, {@code ${} and control characters escaped. */
  public static String string(String s) {
    return appendString(new StringBuilder(s.length() + 2), s).toString();
  }

  /** {@link #string} written onto {@code b}. */
  private static StringBuilder appendString(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '$' -> {
          if (i + 1 < s.length() && s.charAt(i + 1) == '{') {
            b.append("\\$");
          } else {
            b.append('$');
          }
        }
        default -> b.append(c);
      }
    }
    return b.append('"');
  }

  /** An attribute name: bare when it is an identifier, otherwise a quoted string. */
  public static String attrName(String name) {
    return isIdentifier(name) ? name : string(name);
  }

  /** {@link #attrName} written onto {@code b}. */
  private static StringBuilder appendAttrName(StringBuilder b, String name) {
    return isIdentifier(name) ? b.append(name) : appendString(b, name);
  }

  /** Whether a name is a Nix identifier that is no keyword, so it can be written bare. */
  public static boolean isIdentifier(String name) {
    return isIdentifier(name, 0, name.length()) && !KEYWORDS.contains(name);
  }

  /**
   * Whether {@code name[from, to)} has the form of an identifier ({@code [A-Za-z_][A-Za-z0-9_'-]*},
   * keywords included): a character loop, as every attribute name of every file is asked.
   */
  private static boolean isIdentifier(String name, int from, int to) {
    if (from >= to) {
      return false;
    }
    char first = name.charAt(from);
    if (!(first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z' || first == '_')) {
      return false;
    }
    for (int i = from + 1; i < to; i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '\'' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** Whether a text is identifiers joined by dots ({@code pkgs.rclone}), none of them a keyword. */
  public static boolean isNamePath(String code) {
    return isNamePath(code, 0, code.length(), true);
  }

  /** The same for {@code text[from, to)}; with {@code noKeywords}, no segment may be a keyword. */
  private static boolean isNamePath(String text, int from, int to, boolean noKeywords) {
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || text.charAt(i) == '.') {
        if (!isIdentifier(text, start, i) || noKeywords && KEYWORDS.contains(text.substring(start, i))) {
          return false;
        }
        start = i + 1;
      }
    }
    return true;
  }

  /** A dotted attribute path. */
  public static String attrPath(List<String> path) {
    return appendAttrPath(new StringBuilder(), path).toString();
  }

  /** {@link #attrPath} written onto {@code b}. */
  private static StringBuilder appendAttrPath(StringBuilder b, List<String> path) {
    for (int i = 0; i < path.size(); i++) {
      if (i > 0) {
        b.append('.');
      }
      appendAttrName(b, path.get(i));
    }
    return b;
  }

  /**
   * One line of an indented string's content: {@code ''} and {@code ${} escaped so the text
   * cannot end the string or interpolate.
   */
  public static String indentedLine(String line) {
    if (line.indexOf('\'') < 0 && line.indexOf('$') < 0) {
      return line;
    }
    StringBuilder b = new StringBuilder(line.length() + 8);
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '\'') {
        int run = 0;
        while (i < line.length() && line.charAt(i) == '\'') {
          run++;
          i++;
        }
        // Each pair of quotes is written ''' (two quotes); a quote left over is written as it
        // is, unless an escape that starts with '' follows: then ' and '' would read as '''.
        b.append("'''".repeat(run / 2));
        if (run % 2 == 1) {
          b.append(line.startsWith("${", i) ? "${\"'\"}" : "'");
        }
      } else if (c == '$' && line.startsWith("${", i)) {
        b.append("''${");
        i += 2;
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }

  /**
   * Keeps the leading spaces of an indented string's lines (already escaped by
   * {@link #indentedLine}): Nix removes the indentation all its lines share and empties lines
   * of spaces only, so those spaces are written as escapes ({@code ''\ }), which are never
   * indentation: every space of a line of spaces only, and the leading spaces of the first line
   * when every line with text starts with a space. Changes {@code lines} in place.
   */
  static void keepIndentation(List<String> lines) {
    boolean allIndented = false;
    int first = -1;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isEmpty()) {
        continue;
      }
      if (l.isBlank() && l.chars().allMatch(c -> c == ' ')) {
        lines.set(i, "''\\ ".repeat(l.length()));
        continue;
      }
      if (first < 0) {
        first = i;
        allIndented = true;
      }
      allIndented &= l.startsWith(" ");
    }
    if (allIndented) {
      String l = lines.get(first);
      int spaces = 0;
      while (l.charAt(spaces) == ' ') {
        spaces++;
      }
      lines.set(first, "''\\ ".repeat(spaces) + l.substring(spaces));
    }
  }

  /**
   * A function's argument set ending in {@code ...}, laid out as nixfmt does: on one line up
   * to two names, one name per line beyond.
   */
  public static String functionArgs(List<String> names, int indent) {
    if (names.size() <= 2) {
      List<String> all = new java.util.ArrayList<>(names);
      all.add("...");
      return "{ " + String.join(", ", all) + " }";
    }
    String pad = " ".repeat(indent);
    StringBuilder b = new StringBuilder("{\n");
    for (String n : names) {
      b.append(pad).append("  ").append(n).append(",\n");
    }
    return b.append(pad).append("  ...\n").append(pad).append('}').toString();
  }

  /** A value as it follows {@code = } at the given indentation (in spaces). */
  public static String value(NixValue v, int indent) {
    StringBuilder b = new StringBuilder();
    write(b, v, indent);
    return b.toString();
  }

  /** The bindings of an attribute set, one per line at {@code indent}, each ending in a newline. */
  public static String bindings(List<Binding> bindings, int indent) {
    StringBuilder b = new StringBuilder();
    writeBindings(b, bindings, indent);
    return b.toString();
  }

  /**
   * The layouts nixfmt gives a binding whose value does not stay after {@code head = }: the
   * value, written in place from {@code valueStart}, is taken back (to the head's end,
   * {@code headEnd}) and written again. False, with nothing changed, when the value stays.
   */
  private static boolean laidOutElsewhere(StringBuilder b, int headEnd, int valueStart, String pad,
      NixValue value, boolean tooLong, int indent) {
    if (value instanceof NixValue.NameIn n && (tooLong || n.names().size() > 1)) {
      // A lambda that does not fit, or whose list has several items (nixfmt always expands
      // those), moves below `=`, its parameter on a line of its own.
      b.setLength(headEnd);
      b.append('\n').append(pad).append("  pkg:\n").append(pad).append("  ")
          .append(NAME_IN_CALL).append(" [\n");
      for (String name : n.names()) {
        b.append(pad).append("    ").append(string(name)).append('\n');
      }
      b.append(pad).append("  ];\n");
      return true;
    }
    if (!tooLong) {
      return false;
    }
    if (value instanceof NixValue.Interpolated in && !in.indented()) {
      b.setLength(headEnd);
      b.append(' ').append(breakInterpolation(in, indent)).append(";\n");
      return true;
    }
    if (value instanceof NixValue.ListOf l && l.items().size() == 1) {
      // A one-item list that does not fit goes one item per line.
      b.setLength(headEnd);
      b.append(" [\n").append(pad).append("  ").append(item(l.items().get(0), indent + 2))
          .append('\n').append(pad).append("];\n");
      return true;
    }
    if (isAtom(value)) {
      // A value that does not fit after `=` moves to the next line.
      String text = b.substring(valueStart);
      b.setLength(headEnd);
      b.append('\n').append(pad).append("  ").append(text).append(";\n");
      return true;
    }
    return false;
  }

  /** Indentations up to this many spaces are made once. */
  private static final String[] PADS = new String[65];

  static {
    for (int i = 0; i < PADS.length; i++) {
      PADS[i] = " ".repeat(i);
    }
  }

  private static String pad(int indent) {
    return indent < PADS.length ? PADS[indent] : " ".repeat(indent);
  }

  private static void writeBindings(StringBuilder b, List<Binding> bindings, int indent) {
    String pad = pad(indent);
    Binding previous = null;
    for (Binding binding : bindings) {
      if (previous != null && (!binding.comment().isEmpty() || isBlock(binding.value()) || isBlock(previous.value()))) {
        b.append('\n');
      }
      for (String c : binding.comment()) {
        for (String line : wrapComment(c, COMMENT_WIDTH - indent - 2)) {
          b.append(pad).append('#');
          if (!line.isEmpty()) {
            b.append(' ').append(line);
          }
          b.append('\n');
        }
      }
      // The head (`path =`) and the value are written in place (no text of their own to copy
      // in, level after level of a nested set); the few layouts that set the value elsewhere
      // take it back.
      int start = b.length();
      b.append(pad);
      appendAttrPath(b, binding.path()).append(" =");
      int headEnd = b.length();
      b.append(' ');
      int valueStart = b.length();
      write(b, binding.value(), indent);
      int valueLength = b.length() - valueStart;
      // nixfmt measures a line without its indentation against its 100 columns.
      boolean tooLong = b.indexOf("\n", valueStart) < 0 && headEnd - start - indent + 1 + valueLength + 1 > COMMENT_WIDTH;
      if (!laidOutElsewhere(b, headEnd, valueStart, pad, binding.value(), tooLong, indent)) {
        b.append(";\n");
      }
      previous = binding;
    }
  }

  /** Values that span several lines get a blank line around them inside a set. */
  private static boolean isBlock(NixValue v) {
    return v instanceof NixValue.Attrs a && a.bindings().size() > 1
        || v instanceof NixValue.Attrs a2 && a2.bindings().size() == 1 && isBlock(a2.bindings().get(0).value())
        || v instanceof NixValue.Text
        || v instanceof NixValue.Interpolated in && in.indented()
        || v instanceof NixValue.MkIf m && isBlock(m.value());
  }

  private static void write(StringBuilder b, NixValue v, int indent) {
    String pad = pad(indent);
    if (v instanceof NixValue.Str s) {
      appendString(b, s.value());
    } else if (v instanceof NixValue.Int i) {
      b.append(i.value());
    } else if (v instanceof NixValue.Bool bool) {
      b.append(bool.value());
    } else if (v instanceof NixValue.Path p) {
      b.append(p.value());
    } else if (v instanceof NixValue.Ref r) {
      b.append(r.code());
    } else if (v instanceof NixValue.SecretPath s) {
      appendAttrName(b.append("config.sops.secrets."), s.name()).append(".path");
    } else if (v instanceof NixValue.Placeholder p) {
      appendAttrName(b.append("config.sops.placeholder."), p.name());
    } else if (v instanceof NixValue.TemplatePath t) {
      appendAttrName(b.append("config.sops.templates."), t.name()).append(".path");
    } else if (v instanceof NixValue.Interpolated in && in.indented()) {
      writeIndented(b, in, pad);
    } else if (v instanceof NixValue.Interpolated in) {
      b.append('"').append(String.join("", quotedPieces(in))).append('"');
    } else if (v instanceof NixValue.NameIn n) {
      b.append("pkg: ").append(NAME_IN_CALL).append(' ');
      writeList(b, NixValue.strings(n.names()), indent, pad);
    } else if (v instanceof NixValue.Apply a) {
      b.append(a.function().code()).append(' ');
      boolean wrap = a.argument() instanceof NixValue.Apply || a.argument() instanceof NixValue.Int i && i.value() < 0;
      if (wrap) {
        b.append('(');
      }
      write(b, a.argument(), indent);
      if (wrap) {
        b.append(')');
      }
    } else if (v instanceof NixValue.MkIf m) {
      b.append("lib.mkIf ").append(m.negated() ? "(!" + m.condition().code() + ")" : m.condition().code()).append(' ');
      boolean wrap = m.value() instanceof NixValue.Apply || m.value() instanceof NixValue.MkIf;
      if (wrap) {
        b.append('(');
      }
      write(b, m.value(), indent);
      if (wrap) {
        b.append(')');
      }
    } else if (v instanceof NixValue.ListOf l) {
      writeList(b, l, indent, pad);
    } else if (v instanceof NixValue.Attrs a) {
      if (a.bindings().isEmpty()) {
        b.append("{ }");
      } else {
        b.append("{\n");
        writeBindings(b, a.bindings(), indent + 2);
        b.append(pad).append('}');
      }
    } else if (v instanceof NixValue.Text t) {
      b.append("''\n");
      List<String> lines = new java.util.ArrayList<>();
      t.lines().forEach(line -> lines.add(indentedLine(line)));
      keepIndentation(lines);
      for (String line : lines) {
        if (line.isEmpty()) {
          b.append('\n');
        } else {
          b.append(pad).append("  ").append(line).append('\n');
        }
      }
      b.append(pad).append("''");
    } else {
      throw new IllegalArgumentException("unknown value " + v);
    }
  }

  /**
   * An indented string of text and interpolations, one line per newline; a line longer than
   * the width (without its indentation) breaks its first interpolation, as nixfmt does.
   */
  private static void writeIndented(StringBuilder b, NixValue.Interpolated in, String pad) {
    List<List<String>> lines = new java.util.ArrayList<>();
    List<String> line = new java.util.ArrayList<>();
    for (NixValue part : in.parts()) {
      if (part instanceof NixValue.Str s) {
        String[] pieces = s.value().split("\n", -1);
        for (int i = 0; i < pieces.length; i++) {
          if (i > 0) {
            lines.add(line);
            line = new java.util.ArrayList<>();
          }
          if (!pieces[i].isEmpty()) {
            line.add(indentedLine(pieces[i]));
          }
        }
      } else {
        line.add("${" + value(part, 0) + "}");
      }
    }
    lines.add(line);
    List<String> firsts = new java.util.ArrayList<>();
    lines.forEach(l -> firsts.add(l.isEmpty() ? "" : l.get(0)));
    keepIndentation(firsts);
    for (int n = 0; n < lines.size(); n++) {
      if (!lines.get(n).isEmpty()) {
        lines.get(n).set(0, firsts.get(n));
      }
    }
    String inner = pad + "  ";
    b.append("''\n");
    for (int n = 0; n < lines.size(); n++) {
      List<String> l = lines.get(n);
      String text = String.join("", l);
      if (n == lines.size() - 1 && text.isEmpty()) {
        break;
      }
      if (text.isEmpty()) {
        b.append('\n');
        continue;
      }
      b.append(inner).append(text.length() > COMMENT_WIDTH ? brokenAtFirstInterpolation(l, inner) : text).append('\n');
    }
    if (!lines.get(lines.size() - 1).isEmpty()) {
      // Content without a final newline: the closing quote follows the last line.
      b.setLength(b.length() - 1);
      b.append("''");
      return;
    }
    b.append(pad).append("''");
  }

  private static void writeList(StringBuilder b, NixValue.ListOf l, int indent, String pad) {
    if (l.items().isEmpty()) {
      b.append("[ ]");
      return;
    }
    if (l.items().size() == 1 && isSimple(l.items().get(0))) {
      b.append("[ ");
      write(b, l.items().get(0), indent);
      b.append(" ]");
      return;
    }
    b.append("[\n");
    for (NixValue item : l.items()) {
      b.append(pad).append("  ");
      boolean wrap = item instanceof NixValue.Apply || item instanceof NixValue.MkIf;
      if (wrap) {
        b.append('(');
      }
      b.append(item(item, indent + 2));
      if (wrap) {
        b.append(')');
      }
      b.append('\n');
    }
    b.append(pad).append(']');
  }

  /** A list item on its own line at {@code indent}. */
  private static String item(NixValue item, int indent) {
    String flat = value(item, indent);
    if (item instanceof NixValue.Interpolated in && !in.indented() && !flat.contains("\n") && flat.length() > COMMENT_WIDTH) {
      return breakInterpolation(in, indent);
    }
    return flat;
  }

  /**
   * A double-quoted string's pieces: its literal text escaped, and {@code ${...}} for each
   * reference (a literal piece never starts with {@code ${}: it is escaped).
   */
  private static List<String> quotedPieces(NixValue.Interpolated in) {
    List<String> pieces = new java.util.ArrayList<>();
    for (int i = 0; i < in.parts().size(); i++) {
      NixValue part = in.parts().get(i);
      if (part instanceof NixValue.Str s) {
        String q = string(s.value());
        q = q.substring(1, q.length() - 1);
        // `$` right before an interpolation would make `$${`, Nix's escape for a literal `${`.
        if (q.endsWith("$") && i + 1 < in.parts().size()) {
          q = q.substring(0, q.length() - 1) + "\\$";
        }
        pieces.add(q);
      } else {
        pieces.add("${" + value(part, 0) + "}");
      }
    }
    return pieces;
  }

  /** A double-quoted string too long for its line, laid out as nixfmt does (see below). */
  private static String breakInterpolation(NixValue.Interpolated in, int indent) {
    return '"' + brokenAtFirstInterpolation(quotedPieces(in), " ".repeat(indent)) + '"';
  }

  /**
   * A line of string pieces too long for nixfmt's width, as nixfmt lays it out: its first
   * interpolation that is not a plain name or path of names broken, {@code ${} ending the line, the expression on its own line two
   * spaces deeper than {@code pad}, {@code }} back at {@code pad}. Unchanged without one.
   */
  private static String brokenAtFirstInterpolation(List<String> pieces, String pad) {
    int k = 0;
    // nixfmt never breaks a simple interpolation: a name or a path of plain names (`pkgs.rclone`).
    while (k < pieces.size() && (!pieces.get(k).startsWith("${")
        || isNamePath(pieces.get(k), 2, pieces.get(k).length() - 1, false))) {
      k++;
    }
    if (k == pieces.size()) {
      return String.join("", pieces);
    }
    String expr = pieces.get(k).substring(2, pieces.get(k).length() - 1);
    return String.join("", pieces.subList(0, k)) + "${\n" + pad + "  " + expr + "\n" + pad + "}"
        + String.join("", pieces.subList(k + 1, pieces.size()));
  }

  /** Values nixfmt moves to the next line when a binding is too long (strings stay). */
  private static boolean isAtom(NixValue v) {
    return v instanceof NixValue.Int || v instanceof NixValue.Bool || v instanceof NixValue.Path
        || v instanceof NixValue.Ref || v instanceof NixValue.SecretPath || v instanceof NixValue.TemplatePath;
  }

  private static boolean isSimple(NixValue v) {
    return v instanceof NixValue.Str || v instanceof NixValue.Int || v instanceof NixValue.Bool
        || v instanceof NixValue.Path || v instanceof NixValue.Ref || v instanceof NixValue.SecretPath
        || v instanceof NixValue.TemplatePath || v instanceof NixValue.Interpolated;
  }
}
