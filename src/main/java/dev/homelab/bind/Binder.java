package dev.homelab.bind;

import dev.homelab.diag.Diagnostics;
import dev.homelab.diag.SpecException;
import dev.homelab.diag.Suggest;
import dev.homelab.load.ListNode;
import dev.homelab.load.MapNode;
import dev.homelab.load.Node;
import dev.homelab.load.ScalarNode;
import dev.homelab.model.Named;
import dev.homelab.model.SecretRef;
import dev.homelab.model.Size;
import dev.homelab.model.Spec;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the loaded tree into the immutable spec records. The YAML key is the record
 * component's name; unknown keys, wrong types and unknown enum words are located errors
 * with a hint. Every finding is collected before the stage fails.
 */
public final class Binder {

  private final Diagnostics diagnostics = new Diagnostics();
  /** The mappings being bound, outermost first, for {@link Misplaced}. */
  private final List<Misplaced.Frame> frames = new ArrayList<>();
  /** The nodes {@link Misplaced} found to fit their type entirely, by identity. */
  private final Set<Node> clean = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  /** The entry whose value is bound next; null for a list item or the root. */
  private MapNode.Entry via;

  private Binder() {}

  /** A bound record and where each of its values came from. */
  public record Bound<T>(T value, SourceMap sourceMap) {}

  /** Binds a whole spec. */
  public static Bound<Spec> bind(Node root) throws SpecException {
    return bind(root, Spec.class);
  }

  /** Binds a tree to any record type of the model or the catalog. */
  public static <T extends Record> Bound<T> bind(Node root, Class<T> type) throws SpecException {
    Binder b = new Binder();
    T value = type.cast(b.value(root, type, SpecPath.ROOT));
    if (b.diagnostics.hasErrors()) {
      throw new SpecException(b.diagnostics);
    }
    return new Bound<>(value, new SourceMap(root));
  }

  private Object value(Node node, Type type, SpecPath path) {
    if (node instanceof ScalarNode s && s.kind() == ScalarNode.Kind.NULL) {
      return null;
    }
    Class<?> raw = rawClass(type);
    if (raw == Object.class) {
      return generic(node, path);
    }
    if (raw == SecretRef.class) {
      return secret(node, path);
    }
    if (raw.isRecord() && raw != Size.class) {
      return record(node, raw, path);
    }
    if (raw == List.class || raw == Set.class) {
      return collection(node, type, raw, path);
    }
    if (raw == Map.class) {
      return map(node, type, path);
    }
    if (!(node instanceof ScalarNode s)) {
      return mismatch(node, expected(raw), path);
    }
    return scalar(s, raw, path);
  }

  private Object scalar(ScalarNode s, Class<?> raw, SpecPath path) {
    if (raw == String.class) {
      return s.text();
    }
    if (raw == Integer.class || raw == int.class) {
      if (s.kind() != ScalarNode.Kind.INTEGER) {
        return mismatch(s, "a whole number", path);
      }
      try {
        return Integer.valueOf(s.text().replace("_", ""));
      } catch (NumberFormatException e) {
        diagnostics.error("HL0202", "number `" + s.text() + "` is out of range", s.span(), "use a whole number below 2147483648");
        return null;
      }
    }
    if (raw == Boolean.class || raw == boolean.class) {
      if (s.kind() != ScalarNode.Kind.BOOLEAN) {
        return mismatch(s, "`true` or `false`", path);
      }
      String t = s.text().toLowerCase(Locale.ROOT);
      return t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("y");
    }
    if (raw == Size.class) {
      Size size = Size.parse(s.text());
      if (size == null && Size.tooLarge(s.text())) {
        diagnostics.error("HL0202", "size `" + s.text() + "` is out of range", s.span(),
            "a size is below 8192P (2^63 bytes; ZFS counts in 64 bits): check the number and its unit");
      } else if (size == null) {
        diagnostics.error("HL0203", "`" + s.text() + "` is not a size", s.span(), "write a size as ZFS does: `500G`, `3T`, `1.5T`");
      }
      return size;
    }
    if (raw.isEnum() && Named.class.isAssignableFrom(raw)) {
      List<String> words = new ArrayList<>();
      for (Object c : raw.getEnumConstants()) {
        Named n = (Named) c;
        if (n.wire().equals(s.text())) {
          return c;
        }
        words.add(n.wire());
      }
      String hint = Suggest.didYouMean(s.text(), words);
      diagnostics.error("HL0204", "`" + s.text() + "` is not one of " + quoteAll(words), s.span(),
          hint != null ? hint : "use one of " + quoteAll(words));
      return null;
    }
    throw new IllegalStateException("no binding for " + raw.getName());
  }

  /** A record type's components, their generic types and its canonical constructor, read once. */
  private record Shape(RecordComponent[] components, Map<String, Integer> index, Type[] types, Constructor<?> constructor) {

    static Shape of(Class<?> raw) {
      RecordComponent[] components = raw.getRecordComponents();
      Map<String, Integer> index = new LinkedHashMap<>();
      Type[] types = new Type[components.length];
      Class<?>[] erased = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        index.put(components[i].getName(), i);
        types[i] = components[i].getGenericType();
        erased[i] = components[i].getType();
      }
      try {
        return new Shape(components, index, types, raw.getDeclaredConstructor(erased));
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("no canonical constructor in " + raw.getName(), e);
      }
    }
  }

  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      return Shape.of(type);
    }
  };

  private Object record(Node node, Class<?> raw, SpecPath path) {
    Shape shape = SHAPES.get(raw);
    RecordComponent[] components = shape.components();
    Map<String, Integer> byName = shape.index();
    MapNode map;
    if (node instanceof ScalarNode s && s.kind() == ScalarNode.Kind.BOOLEAN && byName.containsKey("enable")) {
      // `tailscale: true` is short for `tailscale: { enable: true }`.
      Map<String, MapNode.Entry> one = new LinkedHashMap<>();
      one.put("enable", new MapNode.Entry("enable", s.span(), s));
      map = new MapNode(s.span(), one);
    } else if (node instanceof MapNode m) {
      map = m;
    } else {
      return mismatch(node, "a mapping with keys " + quoteAll(List.copyOf(byName.keySet())), path);
    }
    Object[] args = new Object[components.length];
    Set<String> misplaced = map == node ? enter(raw, path, map) : Set.of();
    for (MapNode.Entry e : map.entries().values()) {
      if (misplaced.contains(e.key())) {
        continue;
      }
      Integer index = byName.get(e.key());
      SpecPath childPath = path.key(e.key());
      if (index == null) {
        String hint = Suggest.didYouMean(e.key(), byName.keySet());
        diagnostics.error("HL0201", "unknown key `" + e.key() + "`" + where(path), e.keySpan(),
            hint != null ? hint : "known keys here: " + quoteAll(List.copyOf(byName.keySet())));
        continue;
      }
      via = e;
      Node v = e.value();
      if (v instanceof ScalarNode one && one.kind() != ScalarNode.Kind.NULL
          && components[index].isAnnotationPresent(dev.homelab.model.OneOrMany.class)) {
        // `from: restic` is short for `from: [restic]`.
        v = new ListNode(one.span(), List.of(one));
      }
      args[index] = value(v, shape.types()[index], childPath);
    }
    if (map == node) {
      frames.remove(frames.size() - 1);
    }
    for (int i = 0; i < components.length; i++) {
      if (args[i] == null && components[i].getType().isPrimitive()) {
        args[i] = components[i].getType() == boolean.class ? Boolean.FALSE : Integer.valueOf(0);
      }
    }
    try {
      return shape.constructor().newInstance(args);
    } catch (InvocationTargetException e) {
      diagnostics.error("HL0202", e.getCause().getMessage(), node.span(), null);
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + raw.getName(), e);
    }
  }

  private Object collection(Node node, Type type, Class<?> raw, SpecPath path) {
    if (!(node instanceof ListNode list)) {
      return mismatch(node, "a list", path);
    }
    Type element = typeArgument(type, 0);
    List<Object> items = new ArrayList<>();
    Set<Object> seen = new LinkedHashSet<>();
    for (int i = 0; i < list.items().size(); i++) {
      Node item = list.items().get(i);
      SpecPath itemPath = path.index(i);
      via = null;
      Object v = value(item, element, itemPath);
      if (v == null) {
        continue;
      }
      if (raw == Set.class && !seen.add(v)) {
        diagnostics.error("HL0205", "`" + ((ScalarNode) item).text() + "` is listed twice", item.span(), "remove the second one");
        continue;
      }
      items.add(v);
    }
    return raw == Set.class ? new LinkedHashSet<>(items) : items;
  }

  private Object map(Node node, Type type, SpecPath path) {
    if (!(node instanceof MapNode m)) {
      return mismatch(node, "a mapping of names", path);
    }
    Type valueType = typeArgument(type, 1);
    Map<String, Object> out = new LinkedHashMap<>();
    Set<String> misplaced = enter(type, path, m);
    for (MapNode.Entry e : m.entries().values()) {
      if (misplaced.contains(e.key())) {
        continue;
      }
      SpecPath childPath = path.key(e.key());
      via = e;
      Object v = value(e.value(), valueType, childPath);
      if (v == null && rawClass(valueType).isRecord() && e.value() instanceof ScalarNode s && s.kind() == ScalarNode.Kind.NULL) {
        // `name:` with nothing after it declares the entry with every default.
        v = value(new MapNode(e.value().span(), Map.of()), valueType, childPath);
      }
      if (v != null) {
        out.put(e.key(), v);
      }
    }
    frames.remove(frames.size() - 1);
    return out;
  }

  /**
   * Starts binding a mapping of {@code type} (a record class or a map type): reports the keys
   * that sit at the wrong indentation (HL0206) and returns them, to be left out. The caller
   * removes the frame when the mapping is done.
   */
  private Set<String> enter(Type type, SpecPath path, MapNode node) {
    frames.add(new Misplaced.Frame(type, path, node, via));
    return Misplaced.find(frames, diagnostics, clean);
  }

  private SecretRef secret(Node node, SpecPath path) {
    if (node instanceof MapNode m) {
      for (MapNode.Entry e : m.entries().values()) {
        if (!e.key().equals("secret")) {
          diagnostics.error("HL0201", "unknown key `" + e.key() + "` in a secret reference", e.keySpan(),
              "a secret reference is exactly `{ secret: NAME }`");
        }
      }
      Node name = m.get("secret");
      if (name instanceof ScalarNode s && s.kind() == ScalarNode.Kind.STRING) {
        return SecretRef.named(s.text());
      }
      mismatch(name == null ? node : name, "a secret name: `{ secret: NAME }`", path);
      return null;
    }
    if (node instanceof ScalarNode) {
      // Keep only the fact that something was pasted here, never the value itself.
      return new SecretRef(null, true);
    }
    return (SecretRef) mismatch(node, "a secret reference `{ secret: NAME }`", path);
  }

  private Object generic(Node node, SpecPath path) {
    if (node instanceof MapNode m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (MapNode.Entry e : m.entries().values()) {
        SpecPath childPath = path.key(e.key());
        out.put(e.key(), generic(e.value(), childPath));
      }
      return out;
    }
    if (node instanceof ListNode l) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < l.items().size(); i++) {
        SpecPath itemPath = path.index(i);
        out.add(generic(l.items().get(i), itemPath));
      }
      return out;
    }
    ScalarNode s = (ScalarNode) node;
    return switch (s.kind()) {
      case INTEGER -> parseLong(s);
      case BOOLEAN -> scalar(s, Boolean.class, path);
      case NULL -> null;
      default -> s.text();
    };
  }

  private Object parseLong(ScalarNode s) {
    try {
      return Long.valueOf(s.text().replace("_", ""));
    } catch (NumberFormatException e) {
      return s.text();
    }
  }

  private Object mismatch(Node node, String expected, SpecPath path) {
    diagnostics.error("HL0202", "expected " + expected + ", found " + node.describe() + where(path), node.span(), null);
    return null;
  }

  private static String where(SpecPath path) {
    String p = path.toString();
    return p.isEmpty() ? " at the top level" : " in `" + p + "`";
  }

  private static String expected(Class<?> raw) {
    if (raw == String.class) {
      return "a string";
    }
    if (raw == Integer.class || raw == int.class) {
      return "a whole number";
    }
    if (raw == Boolean.class) {
      return "`true` or `false`";
    }
    if (raw == Size.class) {
      return "a size such as `500G`";
    }
    return "a single value";
  }

  private static String quoteAll(List<String> words) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      if (i > 0) {
        b.append(i == words.size() - 1 ? " or " : ", ");
      }
      b.append('`').append(words.get(i)).append('`');
    }
    return b.toString();
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (type instanceof java.lang.reflect.AnnotatedType a) {
      return rawClass(a.getType());
    }
    return Object.class;
  }

  private static Type typeArgument(Type type, int index) {
    if (type instanceof ParameterizedType p) {
      return p.getActualTypeArguments()[index];
    }
    return Object.class;
  }
}
