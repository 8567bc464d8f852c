package dev.homelab.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.JsonFactory;
import dev.homelab.nix.NixValue;
import dev.homelab.nix.OptionLeaf;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NixOS options that exist (src/main/nixos-options/options.json, vendored with its
 * provenance, shipped as a compact index): answers whether a path is declared and whether a
 * value fits its type.
 */
public final class OptionCatalog {

  /** Where the build puts the index in the jar. */
  public static final String INDEX = "dev/homelab/nixos-options/options.idx";
  private static final Pattern ENUM_WORD = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** A trie node: children by segment, and the option's type where one ends here. */
  private static final class Node {
    final Map<String, Node> children = new HashMap<>();
    String type;
  }

  private final Node root = new Node();
  private int size;

  private OptionCatalog() {}

  /**
   * The option catalog in the jar: a compact index ({@value #INDEX}, one {@code path<TAB>type}
   * line per option) that the build derives from the vendored options.json.
   */
  public static OptionCatalog load() {
    OptionCatalog c = new OptionCatalog();
    try (InputStream in = OptionCatalog.class.getClassLoader().getResourceAsStream(INDEX)) {
      if (in == null) {
        throw new IllegalStateException(INDEX + " missing from the jar");
      }
      for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
          c.add(line.substring(0, tab), line.substring(tab + 1));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + INDEX, e);
    }
    return c;
  }

  /**
   * Builds the index from options.json (run by the build, see pom.xml): {@code args[0]} the
   * JSON, {@code args[1]} the index to write. Custom types ({@code typeApprox}) become
   * {@code anything}.
   */
  public static void main(String[] args) throws IOException {
    java.util.TreeMap<String, String> options = new java.util.TreeMap<>();
    JsonFactory f = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    try (InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(args[0]));
        JsonParser p = f.createParser(in)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String path = p.currentName();
        p.nextToken();
        String type = null;
        boolean approx = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken t = p.nextToken();
          if (field.equals("type") && t == JsonToken.VALUE_STRING) {
            type = p.getText();
          } else if (field.equals("typeApprox") && t == JsonToken.VALUE_TRUE) {
            approx = true;
          } else {
            p.skipChildren();
          }
        }
        options.put(path, (approx || type == null ? "anything" : type).replaceAll("[\\t\\n\\r]+", " "));
      }
    }
    StringBuilder b = new StringBuilder();
    options.forEach((path, type) -> b.append(path).append('\t').append(type).append('\n'));
    java.nio.file.Path out = java.nio.file.Path.of(args[1]);
    java.nio.file.Files.createDirectories(out.getParent());
    java.nio.file.Files.writeString(out, b.toString());
  }

  private void add(String path, String type) {
    Node n = root;
    for (String segment : split(path)) {
      n = n.children.computeIfAbsent(segment, k -> new Node());
    }
    n.type = type;
    size++;
  }

  /** How many options the catalog declares. */
  public int size() {
    return size;
  }

  /** What the catalog says of an option a spec sets: fine, wrong (with a hint), or not covered. */
  public record Verdict(Kind kind, String message, String hint) {

    /** The three answers. */
    public enum Kind {
      OK,
      ERROR,
      UNCOVERED
    }
  }

  /**
   * Judges an option path and value. Coverage is by module prefix: below a prefix some
   * catalogued module declares (`services.immich`), an unknown name is an error with the
   * closest name there; a misspelt prefix gets the closest prefix; a path under a prefix no
   * catalogued module declares is not covered.
   */
  public Verdict explain(List<String> path, NixValue value) {
    String problem = check(new OptionLeaf(path, value));
    if (problem == null) {
      return new Verdict(Verdict.Kind.OK, null, null);
    }
    Node node = root;
    int depth = 0;
    while (depth < path.size()) {
      String segment = path.get(depth);
      Node next = node.children.get(segment);
      if (next == null && !segment.equals("*")) {
        next = node.children.get("<name>");
      }
      if (next == null && segment.equals("*")) {
        next = node.children.get("*");
      }
      if (next == null) {
        break;
      }
      node = next;
      depth++;
    }
    String dotted = String.join(".", path);
    if (depth == path.size() || node.type != null && depth > 0) {
      return new Verdict(Verdict.Kind.ERROR, "`" + dotted + "`: " + problem, null);
    }
    List<String> names = node.children.keySet().stream().filter(k -> !k.equals("<name>") && !k.equals("*")).sorted().toList();
    String closest = dev.homelab.diag.Suggest.closest(path.get(depth), names).orElse(null);
    String prefix = String.join(".", path.subList(0, depth));
    if (depth < 2) {
      if (closest == null) {
        return new Verdict(Verdict.Kind.UNCOVERED, "`" + dotted + "` is under a prefix no catalogued module declares", null);
      }
      String guess = prefix.isEmpty() ? closest : prefix + "." + closest;
      return new Verdict(Verdict.Kind.ERROR, "`" + String.join(".", path.subList(0, depth + 1)) + "` is not a NixOS option prefix",
          "did you mean `" + guess + "`?");
    }
    return new Verdict(Verdict.Kind.ERROR, "`" + dotted + "` is not an option: `" + prefix + "` has no `" + path.get(depth) + "`",
        closest != null ? "did you mean `" + prefix + "." + closest + "`?"
            : names.isEmpty() ? null : "options there: " + String.join(", ", names.subList(0, Math.min(8, names.size()))));
  }

  /** Why a leaf does not fit, or null when it does. */
  public String check(OptionLeaf leaf) {
    return check(leaf.path(), 0, root, null, leaf.value());
  }

  /**
   * @param entryOf the type of the option whose entry ({@code <name>} or {@code *}) this node
   *     is, or null when the node was reached by its own name
   */
  private String check(List<String> path, int i, Node node, String entryOf, NixValue value) {
    if (i == path.size()) {
      if (node.type != null) {
        return fits(node.type, value) ? null : "value " + describe(value) + " does not fit type `" + node.type + "`";
      }
      if (entryOf != null && entryOf.startsWith("attribute set of ")) {
        String element = entryOf.substring("attribute set of ".length());
        return fits(element, value) ? null : "value " + describe(value) + " does not fit type `" + element + "`";
      }
      if (value instanceof NixValue.Attrs a && a.bindings().isEmpty() && !node.children.isEmpty()) {
        return null;
      }
      return "`" + String.join(".", path) + "` is not an option";
    }
    String segment = path.get(i);
    String firstError = null;
    for (String key : new String[] {segment, "<name>", "*"}) {
      Node child = node.children.get(key);
      if (child == null || (key.equals("<name>") && segment.equals("*")) || (key.equals("*") && !segment.equals("*"))) {
        continue;
      }
      String result = check(path, i + 1, child, key.equals(segment) ? null : node.type, value);
      if (result == null) {
        return null;
      }
      if (firstError == null) {
        firstError = result;
      }
    }
    // Below a freeform option (an open submodule, attrsOf of plain values) any path is
    // accepted, unless the option declares the structure of its entries (`<name>`); the
    // entries of an attrsOf (open submodule) accept any key too.
    boolean freeform = node.type != null && node != root && isFreeform(node.type) && !node.children.containsKey("<name>");
    boolean openEntry = entryOf != null && entryOf.contains("open submodule");
    if (freeform || openEntry) {
      return null;
    }
    return firstError != null ? firstError : "`" + String.join(".", path) + "` is not an option";
  }

  /**
   * Option types under which any further attribute path is accepted; a bare {@code attribute
   * set} is {@code types.attrs}, which takes any attributes at any depth.
   */
  private static boolean isFreeform(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    // nixpkgs-config: nixpkgs' own config module takes any attribute (freeformType lazyAttrsOf raw,
    // pkgs/top-level/config.nix at 032eb1b381b2dad9416d2ed9ce40207e027e0a37); check-meta.nix reads
    // allowUnfreePredicate from it.
    return t.contains("open submodule") || t.contains("attribute set of") || t.startsWith("anything")
        || t.equals("nixpkgs-config")
        || t.equals("attribute set") || t.equals("null or attribute set")
        || t.contains("json value") || t.contains("toml value") || t.contains("yaml") || t.contains("ini");
  }

  static boolean fits(String type, NixValue value) {
    String t = type.toLowerCase(Locale.ROOT);
    if (t.startsWith("anything") || t.contains("json value") || t.contains("unspecified")) {
      return true;
    }
    if (value instanceof NixValue.Apply a) {
      return fits(type, a.argument());
    }
    if (value instanceof NixValue.MkIf m) {
      return fits(type, m.value());
    }
    if (value instanceof NixValue.Bool) {
      return t.contains("boolean");
    }
    if (value instanceof NixValue.Int i) {
      if (t.contains("16 bit unsigned integer") && !t.contains(" or ")) {
        return i.value() >= 0 && i.value() <= 65535;
      }
      return t.contains("integer") || t.contains("port") || t.contains("number");
    }
    if (value instanceof NixValue.Str s) {
      if (t.startsWith("value \"") && t.endsWith("(singular enum)")) {
        // types.enum [ "disk" ]: the one word it takes.
        return enumWords(type).contains(s.value());
      }
      if (t.contains("one of") && !t.contains("string")) {
        return enumWords(type).contains(s.value());
      }
      return t.contains("string") || t.contains("path") || t.contains("lines") || t.contains("one of");
    }
    if (value instanceof NixValue.Interpolated) {
      return t.contains("string") || t.contains("path") || t.contains("lines");
    }
    if (value instanceof NixValue.Text) {
      return t.contains("strings concatenated") || t.contains("lines") || t.contains("string");
    }
    if (value instanceof NixValue.Path || value instanceof NixValue.SecretPath || value instanceof NixValue.TemplatePath) {
      return t.contains("path") || t.contains("string");
    }
    if (value instanceof NixValue.ListOf) {
      return t.contains("list of");
    }
    if (value instanceof NixValue.Attrs) {
      return t.contains("attribute set") || t.contains("submodule");
    }
    if (value instanceof NixValue.Ref r && r.code().startsWith("config.")) {
      // Another option's value: its own declaration types it.
      return true;
    }
    if (value instanceof NixValue.Ref) {
      return t.contains("package") || t.contains("path");
    }
    return false;
  }

  private static List<String> enumWords(String type) {
    Matcher m = ENUM_WORD.matcher(type);
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String describe(NixValue v) {
    return v.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  /** Splits a dotted path, keeping quoted segments ({@code "inherit"}) whole and unquoted. */
  static List<String> split(String path) {
    return dev.homelab.nix.NixData.path(path);
  }
}
