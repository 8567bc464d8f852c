package dev.homelab.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.model.constraints.Cidr;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The field constraints of the records: what each constraint accepts and the spec path of a failure. */
class FieldConstraintsTest {

  record Inner(@NotBlank(message = "blank") String name, @Min(value = 1, message = "low") @Max(value = 9, message = "high") Integer n) {}

  record Outer(
      @NotNull(message = "missing") String id,
      @Pattern(regexp = "[a-z]+", message = "lower") String word,
      List<@Pattern(regexp = "[0-9]+", message = "digits") String> numbers,
      Map<@Pattern(regexp = "[a-z]+", message = "key") String, @Valid Inner> byName,
      List<@Valid Inner> list,
      @Valid Inner one,
      List<@Cidr String> ranges,
      @NotEmpty(message = "empty") Set<String> tags) {}

  record Unsupported(@Size(max = 3, message = "long") String s) {}

  private static Map<String, Inner> map(String k, Inner v) {
    Map<String, Inner> m = new LinkedHashMap<>();
    m.put(k, v);
    return m;
  }

  @Test
  void aValidRecordHasNoViolation() {
    Outer ok = new Outer("x", "abc", List.of("1", "22"), map("a", new Inner("n", 3)), List.of(new Inner("m", 9)),
        new Inner("o", 1), List.of("10.0.0.0/8"), Set.of("t"));
    assertThat(FieldConstraints.validate(ok)).isEmpty();
  }

  @Test
  void nullPassesEveryConstraintButTheNotOnes() {
    Outer nulls = new Outer(null, null, null, null, null, null, null, null);
    assertThat(FieldConstraints.validate(nulls)).extracting(FieldConstraints.Violation::path, FieldConstraints.Violation::message)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("id", "missing"), org.assertj.core.groups.Tuple.tuple("tags", "empty"));
  }

  @Test
  void eachFailureCarriesTheSpecPathOfItsValue() {
    Outer bad = new Outer("x", "ABC", List.of("1", "x2"), map("Bad", new Inner(" ", 0)), List.of(new Inner("m", 1), new Inner("", 10)),
        new Inner(null, 5), List.of("10.0.0.0/8", "10.0.0.300/8"), Set.of());
    assertThat(FieldConstraints.validate(bad)).extracting(v -> v.path() + " " + (v.problem() != null ? "(value constraint)" : v.message()))
        .containsExactlyInAnyOrder(
            "word lower",
            "numbers[1] digits",
            "byName.Bad key",
            "byName.Bad.name blank",
            "byName.Bad.n low",
            "list[1].name blank",
            "list[1].n high",
            "one.name blank",
            "ranges[1] (value constraint)",
            "tags empty");
    FieldConstraints.Violation range = FieldConstraints.validate(bad).stream().filter(v -> v.path().equals("ranges[1]")).findFirst().orElseThrow();
    assertThat(range.problem()).isNotNull();
    assertThat(range.message()).contains("10.0.0.300/8");
  }

  @Test
  void aConstraintThatIsNotCheckedIsRefused() {
    assertThatThrownBy(() -> FieldConstraints.validate(new Unsupported("abcd")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("@jakarta.validation.constraints.Size")
        .hasMessageContaining("Unsupported.s");
  }

  @Test
  void everyRecordOfTheModelHasOnlyConstraintsThatAreChecked() {
    // Every record reachable from Spec, through components and their type arguments.
    Set<Class<?>> seen = new HashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>(List.of(dev.homelab.model.Spec.class));
    int constrained = 0;
    while (!todo.isEmpty()) {
      Class<?> c = todo.pop();
      if (!c.isRecord() || !seen.add(c)) {
        continue;
      }
      constrained += FieldConstraints.describe(c).size();
      for (var rc : c.getRecordComponents()) {
        addTypes(rc.getGenericType(), todo);
      }
    }
    assertThat(seen).hasSizeGreaterThan(40);
    assertThat(constrained).isGreaterThan(80);
  }

  private static void addTypes(Type t, Deque<Class<?>> todo) {
    if (t instanceof Class<?> c) {
      todo.add(c);
    } else if (t instanceof ParameterizedType p) {
      addTypes(p.getRawType(), todo);
      for (Type a : p.getActualTypeArguments()) {
        addTypes(a, todo);
      }
    }
  }
}
