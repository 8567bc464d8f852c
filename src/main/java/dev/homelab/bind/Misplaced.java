package dev.homelab.bind;

import dev.homelab.diag.Diagnostics;
import dev.homelab.diag.Span;
import dev.homelab.diag.Suggest;
import dev.homelab.load.ListNode;
import dev.homelab.load.MapNode;
import dev.homelab.load.Node;
import dev.homelab.load.ScalarNode;
import dev.homelab.model.SecretRef;
import dev.homelab.model.Size;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recognises the most common YAML mistake, a block indented one or two levels too far in or
 * out: a key that is not allowed where it is (an unknown key of a record, or an entry of a
 * map of records that is no such record: a host named {@code services}, a service named
 * {@code tier}) but is a key of the block just above it (one or two levels down: a host's key
 * left beside the host, a service left among the host's keys) or of a block it is nested in
 * (one or two levels up: {@code backups:} indented under {@code hosts:}). Such a key, and the
 * keys after it that belong to the same place, get one error (HL0206) that names the spec path
 * they belong at and how far to move them; the binder then skips them, so the same mistake
 * does not also read as a cascade of unknown keys and wrong types.
 *
 * <p>Only keys that would be errors anyway are considered, and only a place where the moved
 * block fits (its keys are that place's keys) is proposed: a spec without errors never gets
 * this finding.
 */
final class Misplaced {

  /** One mapping being bound: its type (a record class or {@code Map<String, V>}), spec path, node and the key it is under. */
  record Frame(Type type, SpecPath path, MapNode node, MapNode.Entry via) {}

  /** A place a misplaced key fits: the mapping it belongs in, with its path and type. */
  private record Target(String path, Type type, MapNode node, String under, Span underSpan, boolean down, Frame frame) {}

  private Misplaced() {}

  /**
   * Reports every misplaced run of keys of the innermost frame of {@code stack} (outermost
   * first) and returns their keys, which the binder leaves out. {@code clean} collects, by
   * identity, the nodes found to fit their type entirely, for the frames bound inside them.
   */
  static Set<String> find(List<Frame> stack, Diagnostics diagnostics, Set<Node> clean) {
    for (Frame f : stack) {
      if (clean.contains(f.node())) {
        // Inside an entry already found to fit its map's type through and through: every key
        // below is at home, so nothing here is misplaced (a fleet's hosts are not scored again
        // for each mapping inside them).
        return Set.of();
      }
    }
    Frame here = stack.get(stack.size() - 1);
    List<MapNode.Entry> entries = new ArrayList<>(here.node().entries().values());
    Set<String> skip = new HashSet<>();
    for (int i = 0; i < entries.size(); ) {
      MapNode.Entry e = entries.get(i);
      Target t = legit(here, e, clean) ? null : target(stack, entries, i);
      if (t == null) {
        i++;
        continue;
      }
      List<MapNode.Entry> run = new ArrayList<>(List.of(e));
      int j = i + 1;
      while (j < entries.size() && (!legit(here, entries.get(j), clean) || trivial(here, entries.get(j)))
          && accepts(t, entries.get(j), here, true)) {
        run.add(entries.get(j));
        j++;
      }
      report(here, t, run, stack, diagnostics);
      for (MapNode.Entry r : run) {
        skip.add(r.key());
      }
      i = j;
    }
    return skip;
  }

  // ---- where a key is allowed

  /** True when the entry is at home in this frame: a key of the record, or an entry that is such a record. */
  private static boolean legit(Frame f, MapNode.Entry e, Set<Node> clean) {
    Class<?> record = recordClass(f.type());
    if (record != null) {
      return component(record, e.key()) != null;
    }
    Type value = mapValue(f.type());
    if (value == null) {
      return true;
    }
    boolean fits = fits(e.value(), value);
    if (fits) {
      // The whole entry fits: the mappings inside it need no look of their own.
      clean.add(e.value());
    }
    return fits;
  }

  /**
   * True for an entry of a map of records with nothing in it ({@code role:} among hosts):
   * a record with every default where it is, and as well the empty key of a run that belongs
   * elsewhere.
   */
  private static boolean trivial(Frame f, MapNode.Entry e) {
    return recordClass(f.type()) == null
        && (e.value() instanceof MapNode m && m.entries().isEmpty() || e.value() instanceof ScalarNode s && s.kind() == ScalarNode.Kind.NULL);
  }

  /** The first place the entry fits: below the key before it (one or two levels down), else an enclosing block (one or two up). */
  private static Target target(List<Frame> stack, List<MapNode.Entry> entries, int i) {
    Frame here = stack.get(stack.size() - 1);
    MapNode.Entry e = entries.get(i);
    if (i > 0) {
      MapNode.Entry prev = entries.get(i - 1);
      Type prevType = childType(here.type(), prev.key());
      if (before(prev, e) && prevType != null && openable(prev.value())) {
        Target one = new Target(SourceMap.child(here.path().toString(), prev.key()), prevType, mapOrNull(prev.value()), prev.key(),
            prev.keySpan(), true, here);
        if (accepts(one, e, here, false)) {
          return one;
        }
        if (prev.value() instanceof MapNode inner && !inner.entries().isEmpty()) {
          MapNode.Entry last = null;
          for (MapNode.Entry c : inner.entries().values()) {
            if (before(c, e)) {
              last = c;
            }
          }
          Type lastType = last == null ? null : childType(prevType, last.key());
          if (lastType != null && openable(last.value())) {
            Target two = new Target(SourceMap.child(one.path(), last.key()), lastType, mapOrNull(last.value()), last.key(),
                last.keySpan(), true, here);
            if (accepts(two, e, here, false)) {
              return two;
            }
          }
        }
      }
    }
    for (int k = 1; k <= 2 && stack.size() - 1 - k >= 0; k++) {
      // Up only through mappings nested in mappings (not out of a list item).
      if (stack.get(stack.size() - k).via() == null) {
        break;
      }
      Frame up = stack.get(stack.size() - 1 - k);
      MapNode.Entry sibling = stack.get(stack.size() - k).via();
      Target t = new Target(up.path().toString(), up.type(), up.node(), sibling.key(), sibling.keySpan(), false, up);
      if (accepts(t, e, here, false)) {
        return t;
      }
    }
    return null;
  }

  /**
   * True when the entry fits in the target: as one of its record's keys, or as an entry of
   * its map (then only a mapping, or within a run anything, and not a misspelt key of here).
   */
  private static boolean accepts(Target t, MapNode.Entry e, Frame here, boolean inRun) {
    if (t.node() != null && t.node().entries().containsKey(e.key())) {
      return false;
    }
    Class<?> record = recordClass(t.type());
    if (record != null) {
      RecordComponent c = component(record, e.key());
      return c != null && fitsLoosely(e.value(), c.getGenericType());
    }
    Type value = mapValue(t.type());
    if (value == null || recordClass(value) == null) {
      return false;
    }
    Class<?> hereRecord = recordClass(here.type());
    if (hereRecord != null && Suggest.didYouMean(e.key(), componentNames(hereRecord)) != null) {
      // `servics:` is a misspelt key of this record, not a service somewhere else.
      return false;
    }
    boolean mapping = e.value() instanceof MapNode m && !m.entries().isEmpty();
    return (mapping || inRun) && fitsLoosely(e.value(), value);
  }

  private static boolean before(MapNode.Entry a, MapNode.Entry b) {
    return a.keySpan().file().equals(b.keySpan().file()) && a.keySpan().line() < b.keySpan().line();
  }

  /** A key whose value can take more keys: nothing yet, or a mapping. */
  private static boolean openable(Node value) {
    return value instanceof MapNode || value instanceof ScalarNode s && s.kind() == ScalarNode.Kind.NULL;
  }

  private static MapNode mapOrNull(Node value) {
    return value instanceof MapNode m ? m : null;
  }

  // ---- the message

  private static void report(Frame here, Target t, List<MapNode.Entry> run, List<Frame> stack, Diagnostics diagnostics) {
    MapNode.Entry first = run.get(0);
    String names = names(run);
    boolean one = run.size() == 1;
    String as = recordClass(here.type()) != null
        ? (here.path().toString().isEmpty() ? (one ? "a top-level key" : "top-level keys") : (one ? "a key of `" : "keys of `") + here.path() + "`")
        : (one ? "an entry of `" : "entries of `") + here.path() + "`";
    String belongs = one ? "belongs at `" + SourceMap.child(t.path(), first.key()) + "`" : "belong under `" + t.path() + "`";
    String message = names + (one ? " is" : " are") + " indented as " + as + ", but " + belongs;
    String it = one ? "it" : "them";
    boolean flow = isFlow(here.node()) || isFlow(t.node());
    int want = column(t);
    int delta = want - first.keySpan().column();
    String hint;
    if (t.down()) {
      hint = !flow && want > 0 && delta > 0
          ? "indent " + it + " by " + spaces(delta) + ", under `" + t.under() + "`"
          : "move " + it + " into `" + t.under() + "`";
    } else {
      String level = t.path().isEmpty() ? "the top level, beside `" + t.under() + "`" : "the level of `" + t.under() + "`";
      hint = !flow && want > 0 && delta < 0
          ? "dedent " + it + " by " + spaces(-delta) + ", to " + level
          : "move " + it + " out, to " + level;
    }
    diagnostics.error("HL0206", message, first.keySpan(), hint);
  }

  /** The column the keys of the target mapping start at in the file, or 0 when unknown. */
  private static int column(Target t) {
    if (t.down()) {
      if (t.node() != null && !t.node().entries().isEmpty() && !isFlow(t.node())) {
        return t.node().entries().values().iterator().next().keySpan().column();
      }
      return t.underSpan().column() + 2;
    }
    return t.underSpan().column();
  }

  /** True for a mapping written in braces: empty (`{}`), or starting before its first key. */
  private static boolean isFlow(MapNode m) {
    if (m == null) {
      return false;
    }
    if (m.entries().isEmpty()) {
      return true;
    }
    Span first = m.entries().values().iterator().next().keySpan();
    return m.span().line() != first.line() || m.span().column() != first.column();
  }

  private static String spaces(int n) {
    return n == 1 ? "1 space" : n + " spaces";
  }

  private static String names(List<MapNode.Entry> run) {
    if (run.size() == 1) {
      return "`" + run.get(0).key() + "`";
    }
    if (run.size() <= 3) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < run.size(); i++) {
        b.append(i == 0 ? "" : i == run.size() - 1 ? " and " : ", ").append('`').append(run.get(i).key()).append('`');
      }
      return b.toString();
    }
    return "`" + run.get(0).key() + "`, `" + run.get(1).key() + "`, `" + run.get(2).key() + "` and " + (run.size() - 3) + " more keys";
  }

  // ---- how well a block fits a type

  /**
   * True when the binder would take the node as the type without an error of shape: every
   * key known, mappings, lists and scalars where the type has them. Looser than the binder
   * (it does not read numbers, sizes or enum words), so a node that does not fit is an error
   * anyway.
   */
  static boolean fits(Node node, Type type) {
    Score s = score(node, type);
    return s.unknown == 0;
  }

  /** True when most of the node fits the type: at least four known keys or values for each one that is not. */
  static boolean fitsLoosely(Node node, Type type) {
    Score s = score(node, type);
    return s.known > 0 && s.unknown * 4 <= s.known;
  }

  private static final class Score {
    int known;
    int unknown;
  }

  private static Score score(Node node, Type type) {
    Score s = new Score();
    add(s, node, type);
    return s;
  }

  private static void add(Score s, Node node, Type type) {
    if (node instanceof ScalarNode sc && sc.kind() == ScalarNode.Kind.NULL) {
      s.known++;
      return;
    }
    Class<?> raw = raw(type);
    if (raw == Object.class) {
      s.known++;
    } else if (raw == SecretRef.class) {
      boolean ok = node instanceof ScalarNode || node instanceof MapNode m && m.entries().keySet().equals(Set.of("secret"));
      count(s, ok);
    } else if (raw.isRecord() && raw != Size.class) {
      if (node instanceof MapNode m) {
        if (m.entries().isEmpty()) {
          s.known++;
        }
        for (MapNode.Entry e : m.entries().values()) {
          RecordComponent c = component(raw, e.key());
          if (c == null) {
            s.unknown++;
          } else {
            s.known++;
            add(s, e.value(), c.getGenericType());
          }
        }
      } else {
        count(s, node instanceof ScalarNode sc && sc.kind() == ScalarNode.Kind.BOOLEAN && component(raw, "enable") != null);
      }
    } else if (raw == List.class || raw == Set.class) {
      if (node instanceof ListNode l) {
        s.known++;
        for (Node item : l.items()) {
          add(s, item, argument(type, 0));
        }
      } else {
        s.unknown++;
      }
    } else if (raw == Map.class) {
      if (node instanceof MapNode m) {
        s.known++;
        for (MapNode.Entry e : m.entries().values()) {
          s.known++;
          add(s, e.value(), argument(type, 1));
        }
      } else {
        s.unknown++;
      }
    } else {
      count(s, node instanceof ScalarNode);
    }
  }

  private static void count(Score s, boolean ok) {
    if (ok) {
      s.known++;
    } else {
      s.unknown++;
    }
  }

  // ---- types

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    return Object.class;
  }

  private static Type argument(Type type, int index) {
    return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
  }

  /** The record class of a type, or null (maps, lists, scalars, sizes, secret references). */
  private static Class<?> recordClass(Type type) {
    Class<?> raw = raw(type);
    return raw.isRecord() && raw != Size.class && raw != SecretRef.class ? raw : null;
  }

  /** The value type of a {@code Map<String, V>}, or null. */
  private static Type mapValue(Type type) {
    return raw(type) == Map.class ? argument(type, 1) : null;
  }

  /** The type of the value under {@code key} in a mapping of this type: a record's component, a map's value. */
  private static Type childType(Type type, String key) {
    Class<?> record = recordClass(type);
    if (record != null) {
      RecordComponent c = component(record, key);
      return c == null ? null : c.getGenericType();
    }
    return mapValue(type);
  }

  /** Each record's components by name, read once. */
  private static final ClassValue<Map<String, RecordComponent>> COMPONENTS = new ClassValue<>() {
    @Override
    protected Map<String, RecordComponent> computeValue(Class<?> type) {
      Map<String, RecordComponent> out = new java.util.LinkedHashMap<>();
      for (RecordComponent c : type.getRecordComponents()) {
        out.put(c.getName(), c);
      }
      return out;
    }
  };

  private static RecordComponent component(Class<?> record, String name) {
    return COMPONENTS.get(record).get(name);
  }

  private static java.util.Collection<String> componentNames(Class<?> record) {
    return COMPONENTS.get(record).keySet();
  }
}
