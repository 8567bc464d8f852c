package dev.homelab.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.JsonFactory;
import dev.homelab.nix.Binding;
import dev.homelab.nix.NixValue;
import dev.homelab.nix.OptionLeaf;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The NixOS options that exist (src/main/nixos-options/options.json, vendored with its
 * provenance, shipped as a compact index): answers whether a path is declared, whether a
 * value fits its type, which module flake declares it, and whether the catalog knows every
 * option below a prefix (complete.json: the prefixes whose declaring module files were read
 * whole). Which NixOS releases have an option is {@link NixosReleases}'s, built from the same
 * files into an index of its own.
 */
public final class OptionCatalog {

  /** Where the build puts the index in the jar. */
  public static final String INDEX = "dev/homelab/nixos-options/options.idx";

  /**
   * The option trees the output's modules are evaluated in, each its own catalog: a NixOS
   * host's modules (options.json), a darwin host's (nix-darwin, darwin-options.json), and a
   * person's {@code home/<person>.nix} (home-manager, home-manager-options.json).
   */
  public enum Tree {
    NIXOS(INDEX, "NixOS"),
    DARWIN("dev/homelab/nixos-options/darwin-options.idx", "nix-darwin"),
    HOME_MANAGER("dev/homelab/nixos-options/home-manager-options.idx", "home-manager");

    /** The index the build derives into the jar. */
    public final String index;
    /** The module system's name, for messages. */
    public final String title;

    Tree(String index, String title) {
      this.index = index;
      this.title = title;
    }
  }
  /** An index line that names a complete prefix instead of an option. */
  private static final String COMPLETE = "@complete";

  /** A trie node: children by segment, and the option's type and source where one ends here. */
  private static final class Node {
    final Map<String, Node> children = new HashMap<>();
    String type;
    /** The module flake that declares the option here ({@code owner/name}), "" for nixpkgs. */
    String source;
    /** The one source of every option at and below this node, or null when they differ. */
    String flake;
  }

  private final Node root = new Node();
  /** The option tree this catalog holds. */
  private Tree tree = Tree.NIXOS;
  private final List<List<String>> complete = new ArrayList<>();
  private final Map<String, OptionType> types = new ConcurrentHashMap<>();
  private int size;

  private OptionCatalog() {}

  /** The catalog in the jar, read once. */
  public static OptionCatalog builtIn() {
    return Shared.INSTANCE;
  }

  /** The catalog of a tree in the jar, read once. */
  public static OptionCatalog builtIn(Tree tree) {
    return switch (tree) {
      case NIXOS -> Shared.INSTANCE;
      case DARWIN -> SharedDarwin.INSTANCE;
      case HOME_MANAGER -> SharedHome.INSTANCE;
    };
  }

  private static final class Shared {
    static final OptionCatalog INSTANCE = load();
  }

  private static final class SharedDarwin {
    static final OptionCatalog INSTANCE = load(Tree.DARWIN);
  }

  private static final class SharedHome {
    static final OptionCatalog INSTANCE = load(Tree.HOME_MANAGER);
  }

  /** The NixOS catalog in the jar. */
  public static OptionCatalog load() {
    return load(Tree.NIXOS);
  }

  /**
   * The option catalog in the jar: a compact index ({@value #INDEX}) that the build derives
   * from the vendored options.json and complete.json: one {@code path<TAB>type[<TAB>flake]}
   * line per option, one {@code @complete<TAB>prefix} line per complete prefix.
   */
  public static OptionCatalog load(Tree tree) {
    OptionCatalog c = new OptionCatalog();
    c.tree = tree;
    try (InputStream in = OptionCatalog.class.getClassLoader().getResourceAsStream(tree.index)) {
      if (in == null) {
        throw new IllegalStateException(tree.index + " missing from the jar");
      }
      for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        String[] f = line.split("\t", -1);
        if (f.length < 2 || f[0].isEmpty()) {
          continue;
        }
        if (f[0].equals(COMPLETE)) {
          c.complete.add(split(f[1]));
        } else {
          c.add(f[0], f[1], f.length > 2 ? f[2] : "");
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + tree.index, e);
    }
    flake(c.root);
    return c;
  }

  /** Fills in {@link Node#flake} below a node; returns the node's. */
  private static String flake(Node n) {
    String one = n.type != null ? n.source : "";
    boolean first = n.type == null;
    boolean mixed = false;
    for (Node child : n.children.values()) {
      String f = flake(child);
      if (first) {
        one = f;
        first = false;
      } else if (f == null || !f.equals(one)) {
        mixed = true;
      }
    }
    n.flake = mixed || one == null ? null : one;
    return n.flake;
  }

  /**
   * Builds an index (run by the build, see pom.xml): {@code args[0]} options.json,
   * {@code args[1]} the index to write, {@code args[2]} complete.json (optional: a catalog
   * without one lists no complete prefix), {@code args[3]} releases.json (optional; the NixOS
   * catalog's). Custom types ({@code typeApprox}) become {@code anything}; an option declared by
   * a module flake ({@code owner/name:file} declarations) keeps the flake's {@code owner/name}.
   * With releases.json, the options dated by release ({@code since}, {@code until}) and the
   * module prefixes it dates go to {@value NixosReleases#INDEX} beside the index.
   */
  public static void main(String[] args) throws IOException {
    java.util.TreeMap<String, String> options = new java.util.TreeMap<>();
    java.util.TreeMap<String, String> dated = new java.util.TreeMap<>();
    JsonFactory f = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    try (InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(args[0]));
        JsonParser p = f.createParser(in)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String path = p.currentName();
        p.nextToken();
        String type = null;
        String source = "";
        String since = "";
        String until = "";
        boolean approx = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken t = p.nextToken();
          if (field.equals("type") && t == JsonToken.VALUE_STRING) {
            type = p.getText();
          } else if (field.equals("since") && t == JsonToken.VALUE_STRING) {
            since = p.getText();
          } else if (field.equals("until") && t == JsonToken.VALUE_STRING) {
            until = p.getText();
          } else if (field.equals("typeApprox") && t == JsonToken.VALUE_TRUE) {
            approx = true;
          } else if (field.equals("declarations") && t == JsonToken.START_ARRAY) {
            while (p.nextToken() == JsonToken.VALUE_STRING) {
              int colon = p.getText().indexOf(':');
              if (colon > 0) {
                source = p.getText().substring(0, colon);
              }
            }
          } else {
            p.skipChildren();
          }
        }
        String line = (approx || type == null ? "anything" : type).replaceAll("[\\t\\n\\r]+", " ");
        if (!source.isEmpty()) {
          line += "\t" + source;
        }
        options.put(path, line);
        if (!since.isEmpty() || !until.isEmpty()) {
          dated.put(path, NixosReleases.OPTION + "\t" + since + "\t" + until + "\t");
        }
      }
    }
    StringBuilder b = new StringBuilder();
    options.forEach((path, rest) -> b.append(path).append('\t').append(rest).append('\n'));
    if (args.length > 2) {
      complete(f, args[2], b);
    }
    java.nio.file.Path out = java.nio.file.Path.of(args[1]);
    java.nio.file.Files.createDirectories(out.getParent());
    java.nio.file.Files.writeString(out, b.toString());
    if (args.length > 3) {
      java.nio.file.Files.writeString(out.resolveSibling(NixosReleases.INDEX.substring(NixosReleases.INDEX.lastIndexOf('/') + 1)),
          NixosReleases.index(java.nio.file.Path.of(args[3]), dated));
    }
  }

  private static void complete(JsonFactory f, String file, StringBuilder b) throws IOException {
    try (InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(file));
        JsonParser p = f.createParser(in)) {
      p.nextToken();
      java.util.TreeSet<String> prefixes = new java.util.TreeSet<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        prefixes.add(p.currentName());
        p.nextToken();
        p.skipChildren();
      }
      prefixes.forEach(prefix -> b.append(COMPLETE).append('\t').append(prefix).append('\n'));
    }
  }

  private void add(String path, String type, String source) {
    Node n = root;
    if (path.indexOf('"') < 0) {
      // No quoted segment: the dots split it (most of the index; NixData.path for the rest).
      int start = 0;
      for (int dot = path.indexOf('.'); ; dot = path.indexOf('.', start)) {
        String segment = dot < 0 ? path.substring(start) : path.substring(start, dot);
        Node child = n.children.get(segment);
        if (child == null) {
          child = new Node();
          n.children.put(segment, child);
        }
        n = child;
        if (dot < 0) {
          break;
        }
        start = dot + 1;
      }
    } else {
      for (String segment : split(path)) {
        n = n.children.computeIfAbsent(segment, k -> new Node());
      }
    }
    n.type = type;
    n.source = source;
    size++;
  }

  /** How many options the catalog declares. */
  public int size() {
    return size;
  }

  /** What the catalog says of an option a spec sets: fine, wrong (with a hint), or unchecked. */
  public record Verdict(Kind kind, String message, String hint) {

    /** The three answers. */
    public enum Kind {
      OK,
      /** The option does not exist, or the value does not fit it. */
      ERROR,
      /** The catalog does not list the option, and does not know everything there: Nix checks it. */
      UNCHECKED
    }
  }

  /**
   * Judges an option path and value. A path below a complete prefix (one whose declaring
   * module files were all read whole, complete.json) must be an option the catalog lists: an
   * unknown name there is an error with the closest name. Anywhere else the catalog may simply
   * not list the option, so an unknown name is unchecked (a warning, still with the closest
   * name). A known option with a value its type does not take is an error everywhere.
   */
  public Verdict explain(List<String> path, NixValue value) {
    String problem = check(new OptionLeaf(path, value));
    if (problem == null) {
      return new Verdict(Verdict.Kind.OK, null, null);
    }
    Node node = root;
    int depth = 0;
    while (depth < path.size()) {
      Node next = step(node, path.get(depth));
      if (next == null) {
        break;
      }
      node = next;
      depth++;
    }
    String dotted = display(path);
    if (depth == path.size() || node.type != null && depth > 0) {
      OptionType type = node.type != null && depth == path.size() ? type(node.type) : null;
      String hint = type != null && type.wantsList() && !(value instanceof NixValue.ListOf)
          ? "`" + dotted + "` takes a list: write the value in brackets, `[ ... ]`" : null;
      return new Verdict(Verdict.Kind.ERROR, "`" + dotted + "`: " + problem, hint);
    }
    List<String> names = node.children.keySet().stream().filter(k -> !k.equals("<name>") && !k.equals("*")).sorted().toList();
    String closest = dev.homelab.diag.Suggest.closest(path.get(depth), names).orElse(null);
    String prefix = display(path.subList(0, depth));
    String guess = closest == null ? null : "did you mean `" + (prefix.isEmpty() ? closest : prefix + "." + closest) + "`?";
    if (isComplete(path.subList(0, depth))) {
      return new Verdict(Verdict.Kind.ERROR, "`" + dotted + "` is not an option: `" + prefix + "` has no `" + path.get(depth) + "`",
          guess != null ? guess : names.isEmpty() ? null : "options there: " + String.join(", ", names.subList(0, Math.min(8, names.size()))));
    }
    return new Verdict(Verdict.Kind.UNCHECKED, "`" + dotted + "` is not in the catalog; checked by Nix at build",
        guess != null ? guess : "make sure your " + tree.title + " release has the option");
  }

  /** Whether the catalog lists an option at this path or below it (by exact names, no {@code <name>} entries). */
  public boolean lists(List<String> path) {
    Node node = root;
    for (String segment : path) {
      node = node.children.get(segment);
      if (node == null) {
        return false;
      }
    }
    return true;
  }

  /** A path as Nix writes it: a segment that is no identifier in quotes ({@code "photos.example.org"}). */
  public static String display(List<String> path) {
    List<String> out = new ArrayList<>();
    for (String segment : path) {
      out.add(segment.equals("*") || segment.equals("<name>") ? segment : dev.homelab.nix.NixFormat.attrName(segment));
    }
    return String.join(".", out);
  }

  /** The child a path segment leads to: by its name, else an entry of {@code <name>} or {@code *}. */
  private static Node step(Node node, String segment) {
    Node next = node.children.get(segment);
    if (next == null && !segment.equals("*")) {
      next = node.children.get("<name>");
    }
    if (next == null && segment.equals("*")) {
      next = node.children.get("*");
    }
    return next;
  }

  /** Whether the catalog lists every option below this prefix (it is at or below a complete one). */
  boolean isComplete(List<String> prefix) {
    for (List<String> c : complete) {
      if (c.size() <= prefix.size() && matches(c, prefix.subList(0, c.size()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(List<String> pattern, List<String> path) {
    for (int i = 0; i < pattern.size(); i++) {
      String p = pattern.get(i);
      String s = path.get(i);
      boolean ok = p.equals(s) || p.equals("<name>") && !s.equals("*") || p.equals("*") && s.equals("*");
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * The module flake that declares the option at this path ({@code nix-community/home-manager}),
   * or null for a nixpkgs option or one the catalog cannot place: the one source of every
   * option below the deepest catalog node the path reaches.
   */
  public String flakeOf(List<String> path) {
    Node node = root;
    for (String segment : path) {
      Node next = step(node, segment);
      if (next == null) {
        break;
      }
      node = next;
    }
    return node == root || node.flake == null || node.flake.isEmpty() ? null : node.flake;
  }

  /**
   * Why the option at this path is not in the channel's NixOS release ({@code nixos-25.05};
   * {@code nixos-unstable} is newer than every release), or null when it is, or when no
   * release is recorded for it or its module: see {@link NixosReleases}.
   */
  public String notInRelease(List<String> path, String channel) {
    return NixosReleases.builtIn().notInRelease(path, channel);
  }

  /** The release a channel follows ({@code 25.05}), or null for an unstable channel (newer than every release). */
  public static String release(String channel) {
    return NixosReleases.release(channel);
  }

  /**
   * The bindings with each value as Nix takes it at its option: a string (or list of strings)
   * where only a package fits becomes the package reference {@code pkgs.<path>}.
   */
  public List<Binding> typed(List<Binding> bindings) {
    return typed(List.of(), bindings);
  }

  private List<Binding> typed(List<String> prefix, List<Binding> bindings) {
    List<Binding> out = new ArrayList<>();
    for (Binding b : bindings) {
      List<String> path = new ArrayList<>(prefix);
      path.addAll(b.path());
      NixValue v = b.value();
      if (v instanceof NixValue.Attrs a && !a.bindings().isEmpty()) {
        v = new NixValue.Attrs(typed(path, a.bindings()));
      } else {
        OptionType type = typeAt(path);
        if (type != null) {
          v = type.typed(v);
        }
      }
      out.add(new Binding(b.path(), v, b.comment()));
    }
    return out;
  }

  /** The type at the end of a path: an option's, or the element type of an attribute set option's entry. */
  private OptionType typeAt(List<String> path) {
    Node node = root;
    for (int i = 0; i < path.size(); i++) {
      Node next = step(node, path.get(i));
      if (next == null) {
        if (i == path.size() - 1 && node.type != null && node.type.startsWith("attribute set of ")) {
          return type(node.type.substring("attribute set of ".length()));
        }
        return null;
      }
      node = next;
    }
    return node.type != null ? type(node.type) : null;
  }

  private OptionType type(String description) {
    return types.computeIfAbsent(description, OptionType::parse);
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
        return fits(node.type, value);
      }
      if (entryOf != null && entryOf.startsWith("attribute set of ")) {
        return fits(entryOf.substring("attribute set of ".length()), value);
      }
      if (value instanceof NixValue.Attrs a && a.bindings().isEmpty() && !node.children.isEmpty()) {
        return null;
      }
      return "`" + display(path) + "` is not an option";
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
    return firstError != null ? firstError : "`" + display(path) + "` is not an option";
  }

  /** Why a value does not fit a type, or null. */
  private String fits(String type, NixValue value) {
    if (type(type).fits(value)) {
      return null;
    }
    if (value instanceof NixValue.Str s && type.contains("package") && !OptionType.isPackagePath(s.value())) {
      return notAPackage(s.value()) + ", so it does not fit type `" + type + "`";
    }
    OptionType element = type(type).listElement();
    if (value instanceof NixValue.ListOf list && element != null) {
      for (int i = 0; i < list.items().size(); i++) {
        NixValue item = list.items().get(i);
        if (!element.fits(item)) {
          String why = item instanceof NixValue.Str s && type.contains("package") && !OptionType.isPackagePath(s.value())
              ? notAPackage(s.value()) : describe(item) + " does not fit";
          return "item " + (i + 1) + " of the list: " + why + "; the type is `" + type + "`";
        }
      }
    }
    return "value " + describe(value) + " does not fit type `" + type + "`";
  }

  /**
   * Whether a spec's string is a package's attribute path in nixpkgs (identifiers joined by
   * dots, no keyword, no {@code pkgs.} of its own), which the plan may write as {@code pkgs.<path>}.
   */
  public static boolean isPackagePath(String s) {
    return OptionType.isPackagePath(s);
  }

  /** Why a string names no package (for a string {@link #isPackagePath} refuses). */
  public static String notAPackage(String s) {
    if (s.startsWith("pkgs.") && OptionType.isPackagePath(s.substring("pkgs.".length()))) {
      return "`" + s + "` names the package with `pkgs.`: write its attribute path alone, `" + s.substring("pkgs.".length())
          + "` (homelab writes `pkgs.` before it)";
    }
    return "`" + s + "` is not a package attribute path (such as `htop` or `python3Packages.requests`)";
  }

  /**
   * Option types under which any further attribute path is accepted; a bare {@code attribute
   * set} is {@code types.attrs}, which takes any attributes at any depth (also as {@code null or}
   * and as the elements of a list).
   */
  private static boolean isFreeform(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    // nixpkgs-config: nixpkgs' own config module takes any attribute (freeformType lazyAttrsOf raw,
    // pkgs/top-level/config.nix at 032eb1b381b2dad9416d2ed9ce40207e027e0a37); check-meta.nix reads
    // allowUnfreePredicate from it.
    return t.contains("open submodule") || t.contains("attribute set of") || t.startsWith("anything")
        || t.equals("nixpkgs-config")
        || t.equals("attribute set") || t.equals("null or attribute set") || t.equals("null or (attribute set)")
        // types.listOf types.attrs (services.prometheus.alertmanagers): each element takes any attributes.
        || t.equals("list of (attribute set)")
        || t.contains("json value") || t.contains("toml value") || t.contains("yaml") || t.contains("ini");
  }

  private static String describe(NixValue v) {
    if (v instanceof NixValue.Str || v instanceof NixValue.Interpolated || v instanceof NixValue.Text) {
      return "string";
    }
    if (v instanceof NixValue.Int) {
      return "integer";
    }
    if (v instanceof NixValue.Bool) {
      return "boolean";
    }
    if (v instanceof NixValue.ListOf) {
      return "list";
    }
    if (v instanceof NixValue.Attrs) {
      return "attribute set";
    }
    return v.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  /** Splits a dotted path, keeping quoted segments ({@code "inherit"}) whole and unquoted. */
  public static List<String> split(String path) {
    return dev.homelab.nix.NixData.path(path);
  }
}
