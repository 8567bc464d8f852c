package dev.homelab.catalog;

import dev.homelab.bind.Binder;
import dev.homelab.diag.SpecException;
import dev.homelab.diag.Span;
import dev.homelab.load.ListNode;
import dev.homelab.load.MapNode;
import dev.homelab.load.Node;
import dev.homelab.load.ScalarNode;
import dev.homelab.load.SpecLoader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service descriptors parsed at build time: every {@code templates/services/<kind>/service.yaml}
 * as the node tree the YAML loader makes of it (values, keys and their places), in one
 * binary file, so a run reads a kind's tree back instead of parsing YAML. Binding the tree
 * to a {@link ServiceDescriptor} is the same as for a parsed file.
 *
 * <p>The file: the magic {@code HLD1}, the number of kinds, each kind's name and the length
 * of its block, then the blocks. A block is one tree: a tag (map, list, scalar), the place
 * (file, line, column, length), then the entries, items or text and YAML type. Strings are
 * written once per block and then referred to by number.
 */
public final class DescriptorIndex {

  /** The resource the build writes and a run reads. */
  public static final String RESOURCE = "templates/services/descriptors.idx";

  private static final int MAGIC = 0x484c4431; // "HLD1"
  private static final int MAP = 0;
  private static final int LIST = 1;
  private static final int SCALAR = 2;

  private final Map<String, byte[]> blocks;

  private DescriptorIndex(Map<String, byte[]> blocks) {
    this.blocks = blocks;
  }

  /** The index in the jar. */
  static DescriptorIndex builtIn() {
    try (InputStream in = DescriptorIndex.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path (the build writes it)");
      }
      return read(in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
  }

  static DescriptorIndex read(byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
    if (in.readInt() != MAGIC) {
      throw new IOException(RESOURCE + " is not a descriptor index");
    }
    int count = in.readInt();
    List<String> kinds = new ArrayList<>(count);
    int[] lengths = new int[count];
    for (int i = 0; i < count; i++) {
      kinds.add(in.readUTF());
      lengths[i] = in.readInt();
    }
    Map<String, byte[]> blocks = new HashMap<>();
    for (int i = 0; i < count; i++) {
      byte[] block = new byte[lengths[i]];
      in.readFully(block);
      blocks.put(kinds.get(i), block);
    }
    return new DescriptorIndex(blocks);
  }

  /** The tree of a kind's descriptor, or null when the index has no such kind. */
  Node tree(String kind) {
    byte[] block = blocks.get(kind);
    if (block == null) {
      return null;
    }
    try {
      return new Reader(block).node();
    } catch (IOException e) {
      throw new IllegalStateException(RESOURCE + ": the entry of " + kind + " is damaged", e);
    }
  }

  /** The kinds the index holds. */
  java.util.Set<String> kinds() {
    return blocks.keySet();
  }

  /**
   * Writes the index of every kind listed in {@code index.txt} of a services folder; each
   * descriptor is also bound, so a broken one fails the build. Arguments: the folder, the
   * output file.
   */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    Path out = Path.of(args[1]);
    List<String> kinds = Files.readAllLines(root.resolve("index.txt")).stream()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().toList();
    Map<String, byte[]> blocks = new LinkedHashMap<>();
    for (String kind : kinds) {
      String name = "templates/services/" + kind + "/service.yaml";
      String text = Files.readString(root.resolve(kind).resolve("service.yaml"), StandardCharsets.UTF_8);
      try {
        Node tree = new SpecLoader().loadText(name, text);
        ServiceDescriptor d = Binder.bind(tree, ServiceDescriptor.class).value();
        if (!kind.equals(d.kind())) {
          throw new IllegalStateException(name + " declares kind " + d.kind());
        }
        blocks.put(kind, write(tree));
      } catch (SpecException e) {
        throw new IllegalStateException("catalog entry " + name + " is invalid: " + e.diagnostics().sorted(), e);
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(bytes);
    data.writeInt(MAGIC);
    data.writeInt(blocks.size());
    for (Map.Entry<String, byte[]> e : blocks.entrySet()) {
      data.writeUTF(e.getKey());
      data.writeInt(e.getValue().length);
    }
    for (byte[] block : blocks.values()) {
      data.write(block);
    }
    data.flush();
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.write(out, bytes.toByteArray());
  }

  /** The block of one tree. */
  static byte[] write(Node tree) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new Writer(new DataOutputStream(bytes)).node(tree);
    return bytes.toByteArray();
  }

  private static final class Writer {
    private final DataOutputStream out;
    private final Map<String, Integer> strings = new HashMap<>();

    Writer(DataOutputStream out) {
      this.out = out;
    }

    void node(Node n) throws IOException {
      if (n instanceof MapNode m) {
        out.writeByte(MAP);
        span(m.span());
        out.writeInt(m.entries().size());
        for (MapNode.Entry e : m.entries().values()) {
          string(e.key());
          span(e.keySpan());
          node(e.value());
        }
      } else if (n instanceof ListNode l) {
        out.writeByte(LIST);
        span(l.span());
        out.writeInt(l.items().size());
        for (Node item : l.items()) {
          node(item);
        }
      } else {
        ScalarNode s = (ScalarNode) n;
        out.writeByte(SCALAR);
        span(s.span());
        string(s.text());
        out.writeByte(s.kind().ordinal());
      }
      out.flush();
    }

    private void span(Span s) throws IOException {
      string(s.file());
      out.writeInt(s.line());
      out.writeInt(s.column());
      out.writeInt(s.length());
    }

    /** -1 for null, a number for a string written before, else -2 and the string. */
    private void string(String s) throws IOException {
      if (s == null) {
        out.writeInt(-1);
        return;
      }
      Integer known = strings.get(s);
      if (known != null) {
        out.writeInt(known);
        return;
      }
      strings.put(s, strings.size());
      out.writeInt(-2);
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(utf8.length);
      out.write(utf8);
    }
  }

  private static final class Reader {
    private static final ScalarNode.Kind[] KINDS = ScalarNode.Kind.values();
    private final DataInputStream in;
    private final List<String> strings = new ArrayList<>();

    Reader(byte[] block) {
      in = new DataInputStream(new java.io.ByteArrayInputStream(block));
    }

    Node node() throws IOException {
      int tag = in.readByte();
      Span span = span();
      switch (tag) {
        case MAP -> {
          int n = in.readInt();
          Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) {
            String key = string();
            Span keySpan = span();
            entries.put(key, new MapNode.Entry(key, keySpan, node()));
          }
          return new MapNode(span, entries);
        }
        case LIST -> {
          int n = in.readInt();
          List<Node> items = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            items.add(node());
          }
          return new ListNode(span, items);
        }
        case SCALAR -> {
          String text = string();
          return new ScalarNode(span, text, KINDS[in.readByte()]);
        }
        default -> throw new IOException("unknown node tag " + tag);
      }
    }

    private Span span() throws IOException {
      return new Span(string(), in.readInt(), in.readInt(), in.readInt());
    }

    private String string() throws IOException {
      int ref = in.readInt();
      if (ref == -1) {
        return null;
      }
      if (ref >= 0) {
        return strings.get(ref);
      }
      byte[] utf8 = new byte[in.readInt()];
      in.readFully(utf8);
      String s = new String(utf8, StandardCharsets.UTF_8);
      strings.add(s);
      return s;
    }
  }
}
