package dev.homelab.validate.rules;

import dev.homelab.bind.SpecPath;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Walks every string value of a bound spec with where it is, for rules about content.
 * Secret references are not values (their names are checked where they are used).
 */
final class SpecStrings {

  private SpecStrings() {}

  static void walk(Object value, BiConsumer<SpecPath, String> visit) {
    walk(value, SpecPath.ROOT, visit);
  }

  private static void walk(Object value, SpecPath path, BiConsumer<SpecPath, String> visit) {
    if (value == null || value instanceof dev.homelab.model.SecretRef
        || value instanceof Map<?, ?> ref && ref.size() == 1 && ref.containsKey("secret")) {
      return;
    }
    if (value instanceof String s) {
      visit.accept(path, s);
    } else if (value instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (mayHoldStrings(e.getValue())) {
          walk(e.getValue(), path.key(String.valueOf(e.getKey())), visit);
        }
      }
    } else if (value instanceof Collection<?> c) {
      List<Object> items = new ArrayList<>(c);
      for (int i = 0; i < items.size(); i++) {
        if (mayHoldStrings(items.get(i))) {
          walk(items.get(i), path.index(i), visit);
        }
      }
    } else if (value instanceof Record r) {
      for (RecordComponent rc : COMPONENTS.get(r.getClass())) {
        try {
          Object v = rc.getAccessor().invoke(r);
          if (mayHoldStrings(v)) {
            walk(v, path.key(rc.getName()), visit);
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /**
   * Whether a value is a string or may hold one: the path of anything else (nothing, a number,
   * a flag, a word of a fixed set) is not made at all, since a fleet's spec has hundreds of
   * thousands of such values.
   */
  private static boolean mayHoldStrings(Object value) {
    return value instanceof String || value instanceof Map || value instanceof Collection || value instanceof Record;
  }

  /**
   * Each record class's components, asked of the class once: a fleet's spec holds thousands of
   * records of a few dozen classes, and every ask copies the array and checks access again.
   */
  private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
    @Override
    protected RecordComponent[] computeValue(Class<?> type) {
      return type.getRecordComponents();
    }
  };
}
