package dev.homelab.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The descriptions of the spec's keys, read from docs/spec.md, the one place they are written.
 * A line {@code <!-- schema: Lab -->} marks the next table (or YAML block) as the reference of
 * the record {@code dev.homelab.model.Lab}: each row's key (a component, or a dotted path into
 * a nested record) gets the row's effect, with its constraint when the table has one. In a
 * YAML block, each {@code key: ... # comment} line describes that key.
 */
public final class SpecDocs {

  /** The reference page in the jar (docs/spec.md, copied there by the build). */
  public static final String RESOURCE = "/dev/homelab/schema/spec.md";

  private static final Pattern MARKER = Pattern.compile("<!-- schema: ([A-Za-z]+) -->");
  private static final Pattern YAML_LINE = Pattern.compile("([A-Za-z][A-Za-z0-9]*):.*?#\\s*(.+)");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\([^)]+\\)");
  private static final String MODEL = "dev.homelab.model.";

  /** A described key: the record it belongs to, the component, the text and the line it is on. */
  public record Entry(Class<?> record, String component, String text, int line) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();
  private final Map<String, String> records = new LinkedHashMap<>();
  /** The headings whose first paragraph a record took already: a section of several tables describes none of them. */
  private final Map<Integer, Class<?>> introduced = new LinkedHashMap<>();

  private SpecDocs() {}

  /** The descriptions of the shipped docs/spec.md. */
  public static SpecDocs builtIn() {
    try (InputStream in = SpecDocs.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the marked tables of a reference page. */
  public static SpecDocs parse(String markdown) {
    SpecDocs docs = new SpecDocs();
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = MARKER.matcher(lines[i].strip());
      if (!m.matches()) {
        continue;
      }
      Class<?> record = docs.record(m.group(1), i + 1);
      if (record == null) {
        continue;
      }
      docs.intro(record, lines, i);
      int j = i + 1;
      while (j < lines.length && lines[j].isBlank()) {
        j++;
      }
      if (j < lines.length && lines[j].startsWith("```")) {
        j = docs.yamlBlock(record, lines, j + 1);
      } else if (j < lines.length && lines[j].startsWith("|")) {
        j = docs.table(record, lines, j);
      } else {
        docs.problems.add("line " + (i + 1) + ": the marker is not followed by a table or a YAML block");
      }
      i = j - 1;
    }
    return docs;
  }

  /** The description of a record component, or null. */
  public String describe(Class<?> record, String component) {
    Entry e = entries.get(record.getName() + "#" + component);
    return e == null ? null : e.text();
  }

  /** What the page says of a record as a whole: the first paragraph of its section, or null. */
  public String describeRecord(Class<?> record) {
    return records.get(record.getName());
  }

  /** Every described key, in the page's order. */
  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /** Markers and keys that name nothing in the model: the page and the records disagree. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  private Class<?> record(String name, int line) {
    try {
      Class<?> c = Class.forName(MODEL + name);
      if (c.isRecord()) {
        return c;
      }
    } catch (ClassNotFoundException e) {
      // reported below
    }
    problems.add("line " + line + ": `" + name + "` is not a record of " + MODEL.substring(0, MODEL.length() - 1));
    return null;
  }

  /** The first paragraph after the heading above the marker at {@code marker}, for its record. */
  private void intro(Class<?> record, String[] lines, int marker) {
    int heading = marker;
    while (heading >= 0 && !lines[heading].startsWith("#")) {
      heading--;
    }
    if (heading < 0) {
      return;
    }
    if (introduced.containsKey(heading)) {
      records.remove(introduced.get(heading).getName());
      return;
    }
    introduced.put(heading, record);
    int j = heading + 1;
    while (j < marker && lines[j].isBlank()) {
      j++;
    }
    StringBuilder text = new StringBuilder();
    for (; j < marker && !lines[j].isBlank(); j++) {
      if (lines[j].startsWith("|") || lines[j].startsWith("```") || lines[j].startsWith("<!--")) {
        return;
      }
      text.append(text.length() == 0 ? "" : " ").append(lines[j].strip());
    }
    if (text.length() > 0) {
      records.put(record.getName(), clean(text.toString()));
    }
  }

  private int yamlBlock(Class<?> record, String[] lines, int from) {
    int j = from;
    for (; j < lines.length && !lines[j].startsWith("```"); j++) {
      Matcher m = YAML_LINE.matcher(lines[j]);
      if (m.matches()) {
        put(record, m.group(1), clean(m.group(2)), j + 1);
      }
    }
    return j + 1;
  }

  private int table(Class<?> record, String[] lines, int from) {
    List<String> header = cells(lines[from]);
    int key = header.indexOf("key");
    int constraint = header.indexOf("constraint");
    int effect = -1;
    for (String name : List.of("effect", "meaning", "becomes in ZFS", "used for")) {
      if (header.contains(name)) {
        effect = header.indexOf(name);
        break;
      }
    }
    if (key < 0) {
      problems.add("line " + (from + 1) + ": the marked table has no `key` column");
    }
    int j = from + 2;
    for (; j < lines.length && lines[j].startsWith("|"); j++) {
      if (key < 0) {
        continue;
      }
      List<String> row = cells(lines[j]);
      String name = keyName(row.get(key));
      if (name == null) {
        continue;
      }
      StringBuilder text = new StringBuilder();
      if (effect >= 0 && effect < row.size()) {
        text.append(clean(row.get(effect)));
      }
      if (constraint >= 0 && constraint < row.size()) {
        String c = clean(row.get(constraint));
        if (!c.isEmpty() && !c.equals("—")) {
          text.append(text.length() == 0 ? "" : " ").append("(").append(c).append(")");
        }
      }
      put(record, name, text.toString(), j + 1);
    }
    return j;
  }

  private void put(Class<?> record, String dotted, String text, int line) {
    Class<?> owner = record;
    String[] parts = dotted.split("\\.");
    for (int p = 0; p < parts.length; p++) {
      RecordComponent c = component(owner, parts[p]);
      if (c == null) {
        problems.add("line " + line + ": `" + dotted + "` is not a key of " + owner.getSimpleName());
        return;
      }
      if (p == parts.length - 1) {
        if (!text.isEmpty()) {
          entries.put(owner.getName() + "#" + parts[p], new Entry(owner, parts[p], text, line));
        }
        return;
      }
      owner = recordOf(c.getGenericType());
      if (owner == null) {
        problems.add("line " + line + ": `" + dotted + "` goes into `" + parts[p] + "`, which is not a record");
        return;
      }
    }
  }

  private static RecordComponent component(Class<?> record, String name) {
    for (RecordComponent c : record.getRecordComponents()) {
      if (c.getName().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /** The record a component holds: itself, or the values of its map or list. */
  private static Class<?> recordOf(Type type) {
    if (type instanceof Class<?> c) {
      return c.isRecord() ? c : null;
    }
    if (type instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      return recordOf(args[args.length - 1]);
    }
    return null;
  }

  /** The key of a row: the first code span of its key cell, when it is a plain (dotted) name. */
  private static String keyName(String cell) {
    int open = cell.indexOf('`');
    int close = open < 0 ? -1 : cell.indexOf('`', open + 1);
    if (close < 0) {
      return null;
    }
    String name = cell.substring(open + 1, close);
    return name.matches("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*") ? name : null;
  }

  private static List<String> cells(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean code = false;
    String body = line.strip();
    body = body.substring(1, body.endsWith("|") && body.length() > 1 ? body.length() - 1 : body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '`') {
        code = !code;
      }
      if (c == '\\' && i + 1 < body.length() && body.charAt(i + 1) == '|') {
        cell.append('|');
        i++;
        continue;
      }
      if (c == '|' && !code) {
        out.add(cell.toString().strip());
        cell.setLength(0);
        continue;
      }
      cell.append(c);
    }
    out.add(cell.toString().strip());
    return out;
  }

  /** Markdown to the plain text an editor shows: links keep their words. */
  private static String clean(String text) {
    return LINK.matcher(text).replaceAll("$1").replace("**", "").replace("&lt;", "<").replace("&gt;", ">").strip();
  }
}
