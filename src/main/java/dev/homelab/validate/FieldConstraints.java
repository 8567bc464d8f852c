package dev.homelab.validate;

import dev.homelab.validate.values.Problem;
import dev.homelab.validate.values.ValueConstraints;
import jakarta.validation.Constraint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks the field constraints declared on the spec records: the Jakarta constraint
 * annotations the model uses ({@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty},
 * {@code @Pattern}, {@code @Min}, {@code @Max}), the value constraints of
 * {@code dev.homelab.model.constraints} (checked by {@link ValueConstraints}), and
 * {@code @Valid}, which descends into a record, or into the elements of a list or the values
 * of a map.
 *
 * <p>A constraint is read from a record component's field, or from a type argument of its type
 * ({@code List<@Cidr String>}, {@code Map<@Pattern(...) String, V>}, {@code Map<String, @Valid
 * Host>}); null satisfies every constraint but {@code @NotNull}, {@code @NotBlank} and
 * {@code @NotEmpty}, as in Bean Validation. What each record declares is read once per run.
 * A constraint annotation this class does not know is refused when its record is first
 * read, so a new one cannot pass unchecked.
 */
public final class FieldConstraints {

  /** One failed constraint: the spec path of the value, the message, and a value constraint's problem. */
  public record Violation(String path, String message, Problem problem) {}

  private FieldConstraints() {}

  /** Every constraint {@code root} and the records it holds fail, in no particular order. */
  public static List<Violation> validate(Object root) {
    List<Violation> out = new ArrayList<>();
    if (root != null) {
      record(root, "", out);
    }
    return out;
  }

  /** Reads the constraints of a record class, refusing one this class cannot check; for tests. */
  static List<String> describe(Class<?> type) {
    List<String> out = new ArrayList<>();
    for (Component c : components(type)) {
      out.add(c.field.getName() + " " + c.checks);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------

  /** What a value must satisfy: constraints on it, whether to descend, and its type arguments' checks. */
  private record Checks(List<Annotation> constraints, boolean cascade, Checks key, Checks element) {

    boolean isEmpty() {
      return constraints.isEmpty() && !cascade && key == null && element == null;
    }

    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      constraints.forEach(a -> parts.add("@" + a.annotationType().getSimpleName()));
      if (cascade) {
        parts.add("@Valid");
      }
      if (key != null) {
        parts.add("key" + key);
      }
      if (element != null) {
        parts.add("element" + element);
      }
      return parts.toString();
    }
  }

  private record Component(Field field, Checks checks) {}

  private static final Map<Class<?>, List<Component>> COMPONENTS = new ConcurrentHashMap<>();
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private static List<Component> components(Class<?> type) {
    List<Component> known = COMPONENTS.get(type);
    if (known == null) {
      known = read(type);
      COMPONENTS.put(type, known);
    }
    return known;
  }

  private static List<Component> read(Class<?> type) {
    List<Component> out = new ArrayList<>();
    for (RecordComponent rc : type.getRecordComponents()) {
      Field field;
      try {
        field = type.getDeclaredField(rc.getName());
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException("record " + type.getName() + " has no field " + rc.getName(), e);
      }
      String where = type.getName() + "." + rc.getName();
      // Type arguments can carry constraints only in a generic type: spare reading the
      // annotated type (a parse of the class file's type annotations) of every other field.
      AnnotatedType annotated = field.getGenericType() instanceof java.lang.reflect.ParameterizedType ? field.getAnnotatedType() : null;
      Checks checks = checks(field.getAnnotations(), annotated, where);
      if (!checks.isEmpty()) {
        field.setAccessible(true);
        out.add(new Component(field, checks));
      }
    }
    return List.copyOf(out);
  }

  /** The checks of a value declared with these annotations and this (annotated) type. */
  private static Checks checks(Annotation[] declared, AnnotatedType type, String where) {
    List<Annotation> constraints = new ArrayList<>();
    boolean cascade = false;
    for (Annotation a : declared) {
      if (a instanceof Valid) {
        cascade = true;
      } else if (isConstraint(a)) {
        supported(a, where);
        constraints.add(a);
      }
    }
    Checks key = null;
    Checks element = null;
    if (type instanceof AnnotatedParameterizedType p) {
      AnnotatedType[] args = p.getAnnotatedActualTypeArguments();
      Class<?> raw = raw(p);
      if (Map.class.isAssignableFrom(raw) && args.length == 2) {
        key = nonEmpty(checks(args[0].getAnnotations(), args[0], where + "<key>"));
        element = nonEmpty(checks(args[1].getAnnotations(), args[1], where + "<value>"));
      } else if (Collection.class.isAssignableFrom(raw) && args.length == 1) {
        element = nonEmpty(checks(args[0].getAnnotations(), args[0], where + "<element>"));
      } else {
        for (AnnotatedType arg : args) {
          if (!checks(arg.getAnnotations(), arg, where).isEmpty()) {
            throw new IllegalStateException("constraints inside " + p.getType() + " of " + where + " are not checked");
          }
        }
      }
    }
    return new Checks(List.copyOf(constraints), cascade, key, element);
  }

  private static Checks nonEmpty(Checks c) {
    return c.isEmpty() ? null : c;
  }

  private static Class<?> raw(AnnotatedParameterizedType p) {
    java.lang.reflect.Type t = ((java.lang.reflect.ParameterizedType) p.getType()).getRawType();
    return (Class<?>) t;
  }

  private static boolean isConstraint(Annotation a) {
    return a.annotationType().isAnnotationPresent(Constraint.class);
  }

  private static void supported(Annotation a, String where) {
    if (a instanceof NotNull || a instanceof NotBlank || a instanceof NotEmpty || a instanceof jakarta.validation.constraints.Pattern
        || a instanceof Min || a instanceof Max || ValueConstraints.knows(a)) {
      if (a instanceof jakarta.validation.constraints.Pattern p && p.flags().length > 0) {
        throw new IllegalStateException("@Pattern flags on " + where + " are not supported");
      }
      return;
    }
    throw new IllegalStateException("constraint @" + a.annotationType().getName() + " on " + where
        + " is not supported by " + FieldConstraints.class.getName());
  }

  // ---------------------------------------------------------------------------------------

  private static void record(Object value, String path, List<Violation> out) {
    if (!value.getClass().isRecord()) {
      return;
    }
    for (Component c : components(value.getClass())) {
      Object v;
      try {
        v = c.field.get(value);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
      check(v, c.checks, path.isEmpty() ? c.field.getName() : path + "." + c.field.getName(), out);
    }
  }

  private static void check(Object value, Checks checks, String path, List<Violation> out) {
    for (Annotation a : checks.constraints) {
      Violation v = violation(a, value, path);
      if (v != null) {
        out.add(v);
      }
    }
    if (value == null) {
      return;
    }
    if (value instanceof Map<?, ?> map) {
      if (checks.key != null || checks.element != null || checks.cascade) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
          String at = path + "." + e.getKey();
          if (checks.key != null) {
            check(e.getKey(), checks.key, at, out);
          }
          if (checks.element != null) {
            check(e.getValue(), checks.element, at, out);
          } else if (checks.cascade && e.getValue() != null) {
            record(e.getValue(), at, out);
          }
        }
      }
    } else if (value instanceof Collection<?> items) {
      if (checks.element != null || checks.cascade) {
        int i = 0;
        for (Object item : items) {
          // A list element has its index; a set's elements have no place of their own.
          String at = value instanceof List<?> ? path + "[" + i + "]" : path;
          if (checks.element != null) {
            check(item, checks.element, at, out);
          } else if (item != null) {
            record(item, at, out);
          }
          i++;
        }
      }
    } else if (checks.cascade) {
      record(value, path, out);
    }
  }

  private static Violation violation(Annotation a, Object value, String path) {
    if (a instanceof NotNull n) {
      return value == null ? new Violation(path, n.message(), null) : null;
    }
    if (a instanceof NotBlank n) {
      return value == null || value.toString().trim().isEmpty() ? new Violation(path, n.message(), null) : null;
    }
    if (a instanceof NotEmpty n) {
      return empty(value) ? new Violation(path, n.message(), null) : null;
    }
    if (value == null) {
      return null;
    }
    if (a instanceof jakarta.validation.constraints.Pattern p) {
      Pattern compiled = PATTERNS.computeIfAbsent(p.regexp(), Pattern::compile);
      return compiled.matcher(value.toString()).matches() ? null : new Violation(path, p.message(), null);
    }
    if (a instanceof Min m) {
      return compare(value, m.value()) < 0 ? new Violation(path, m.message(), null) : null;
    }
    if (a instanceof Max m) {
      return compare(value, m.value()) > 0 ? new Violation(path, m.message(), null) : null;
    }
    Problem p = ValueConstraints.check(a, value.toString());
    return p == null ? null : new Violation(path, p.message(), p);
  }

  private static boolean empty(Object value) {
    if (value == null) {
      return true;
    }
    if (value instanceof CharSequence s) {
      return s.length() == 0;
    }
    if (value instanceof Collection<?> c) {
      return c.isEmpty();
    }
    if (value instanceof Map<?, ?> m) {
      return m.isEmpty();
    }
    return false;
  }

  private static int compare(Object value, long bound) {
    if (value instanceof Double || value instanceof Float) {
      return Double.compare(((Number) value).doubleValue(), bound);
    }
    if (value instanceof java.math.BigDecimal d) {
      return d.compareTo(java.math.BigDecimal.valueOf(bound));
    }
    if (value instanceof java.math.BigInteger b) {
      return b.compareTo(java.math.BigInteger.valueOf(bound));
    }
    if (value instanceof Number n) {
      return Long.compare(n.longValue(), bound);
    }
    throw new IllegalStateException("@Min/@Max on a " + value.getClass().getName());
  }
}
