package dev.homelab.load;

import dev.homelab.diag.Diagnostic;
import dev.homelab.diag.SpecException;
import dev.homelab.diag.Sources;
import dev.homelab.diag.Span;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the spec files in {@code -f} order, merges them and applies {@code --set} overrides.
 *
 * <p>Merge rule: mappings merge key by key, recursively; a later file's scalar or list
 * replaces the earlier value whole (lists are not concatenated, so a later file can also
 * shorten a list). A key set to {@code null} in a later file keeps its null, which bind
 * treats as "not given".
 */
public final class SpecLoader {

  private final Sources sources = new Sources();

  /** The text of everything loaded so far, for quoting lines in findings. */
  public Sources sources() {
    return sources;
  }

  /** Reads a file; {@code name} is how findings refer to it. */
  public Node loadFile(Path path, String name) throws SpecException {
    byte[] bytes;
    try {
      long size = Files.size(path);
      if (size > YamlLoader.MAX_BYTES) {
        throw SpecException.of(Diagnostic.error("HL0104",
            "file is larger than " + (YamlLoader.MAX_BYTES / 1024 / 1024) + " MiB",
            new Span(name, 0, 0, 0), "a homelab spec is a few kilobytes; is this the right file?"));
      }
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw SpecException.of(Diagnostic.error("HL0100", "cannot read `" + name + "`: " + dev.homelab.diag.OsReason.of(e),
          new Span(name, 0, 0, 0), "check the file's permissions (`ls -l`) and that -f names the file you mean"));
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw SpecException.of(Diagnostic.error("HL0103", "file is not UTF-8 text",
          new Span(name, 0, 0, 0), "save the spec as UTF-8"));
    }
    return loadText(name, text);
  }

  /** Parses text as if it were a file named {@code name}. */
  public Node loadText(String name, String text) throws SpecException {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    sources.add(name, text);
    Node root = YamlLoader.parse(name, text);
    if (!(root instanceof MapNode)) {
      throw SpecException.of(Diagnostic.error("HL0107", "a spec file must be a mapping, not " + root.describe(),
          root.span(), "start with top-level keys such as `homelab:` and `hosts:`"));
    }
    return root;
  }

  /** Merges {@code later} over {@code earlier} by the rule in the class comment. */
  public static Node merge(Node earlier, Node later) {
    if (earlier instanceof MapNode a && later instanceof MapNode b) {
      Map<String, MapNode.Entry> merged = new LinkedHashMap<>(a.entries());
      for (MapNode.Entry e : b.entries().values()) {
        MapNode.Entry old = merged.get(e.key());
        Node value = old == null ? e.value() : merge(old.value(), e.value());
        merged.put(e.key(), new MapNode.Entry(e.key(), e.keySpan(), value));
      }
      return new MapNode(a.span(), merged);
    }
    return later;
  }

  /**
   * Applies one {@code path=value} override. The path is dot-separated keys, a key in double
   * quotes kept whole ({@code nixos."services.smartd.enable"}); the value is read as YAML ({@code 2284}, {@code true}, {@code [lan, tailscale]}).
   *
   * @param index the override's 1-based position on the command line, for its name
   */
  public Node applySet(Node root, String assignment, int index) throws SpecException {
    String name = "--set#" + index;
    sources.add(name, assignment);
    int eq = assignmentEquals(assignment);
    if (eq < 0 && assignment.chars().filter(c -> c == '"').count() % 2 == 1) {
      throw SpecException.of(Diagnostic.error("HL0108", "unterminated quote in --set `" + assignment + "`",
          new Span(name, 1, 1, assignment.length()), "close the quoted key: hosts.nuc.nixos.\"services.smartd.enable\"=false"));
    }
    if (eq <= 0) {
      throw SpecException.of(Diagnostic.error("HL0108", "--set needs `path=value`, got `" + assignment + "`",
          new Span(name, 1, 1, assignment.length()), "for example --set hosts.nuc.services.immich.port=2284"));
    }
    String path = assignment.substring(0, eq);
    List<String> keys = pathKeys(path);
    if (keys == null) {
      throw SpecException.of(Diagnostic.error("HL0108", "unterminated quote in --set path `" + path + "`",
          new Span(name, 1, 1, path.length()), "close the quoted key: hosts.nuc.nixos.\"services.smartd.enable\"=false"));
    }
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).isEmpty()) {
        throw SpecException.of(Diagnostic.error("HL0108", "empty key in --set path `" + path + "`",
            new Span(name, 1, 1, path.length()), "separate keys with single dots"));
      }
    }
    Node value = YamlLoader.parse(name, assignment.substring(eq + 1), eq + 1);
    Span keySpan = new Span(name, 1, 1, path.length());
    Node patch = value;
    for (int i = keys.size() - 1; i >= 0; i--) {
      Map<String, MapNode.Entry> one = new LinkedHashMap<>();
      one.put(keys.get(i), new MapNode.Entry(keys.get(i), keySpan, patch));
      patch = new MapNode(keySpan, one);
    }
    return merge(root, patch);
  }

  /** The first {@code =} outside double quotes, or -1. */
  private static int assignmentEquals(String assignment) {
    boolean quoted = false;
    for (int i = 0; i < assignment.length(); i++) {
      char c = assignment.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '=' && !quoted) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The keys of a {@code --set} path: split at dots, except inside double quotes, which make
   * one key of a dotted name ({@code nixos."services.smartd.enable"}); null when a quote is
   * left open.
   */
  static List<String> pathKeys(String path) {
    List<String> keys = new java.util.ArrayList<>();
    StringBuilder key = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '.' && !quoted) {
        keys.add(key.toString());
        key.setLength(0);
      } else {
        key.append(c);
      }
    }
    if (quoted) {
      return null;
    }
    keys.add(key.toString());
    return keys;
  }
}
