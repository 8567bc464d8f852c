package dev.homelab.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Spans and findings are equal exactly when every component is, as records' own methods would say. */
class FindingEqualityTest {

  private static final Span AT = new Span("lab.yaml", 3, 5, 2);
  private static final Diagnostic FINDING = new Diagnostic("HL0301", Severity.ERROR, "a message", AT, "a hint", "hosts.nuc");

  @Test
  void spansDifferingInAnyComponentDiffer() {
    Span same = new Span("lab.yaml", 3, 5, 2);
    assertThat(same).isEqualTo(AT).hasSameHashCodeAs(AT);
    for (Span other : List.of(new Span("other.yaml", 3, 5, 2), new Span("lab.yaml", 4, 5, 2), new Span("lab.yaml", 3, 6, 2),
        new Span("lab.yaml", 3, 5, 3))) {
      assertThat(other).isNotEqualTo(AT);
    }
    assertThat(AT).isNotEqualTo(null).isNotEqualTo("lab.yaml:3:5");
    assertThat(new Span(null, 0, 0, 0)).isEqualTo(Span.NONE);
  }

  @Test
  void findingsDifferingInAnyComponentDiffer() {
    Diagnostic same = new Diagnostic("HL0301", Severity.ERROR, "a message", new Span("lab.yaml", 3, 5, 2), "a hint", "hosts.nuc");
    assertThat(same).isEqualTo(FINDING).hasSameHashCodeAs(FINDING);
    for (Diagnostic other : List.of(
        new Diagnostic("HL0302", Severity.ERROR, "a message", AT, "a hint", "hosts.nuc"),
        new Diagnostic("HL0301", Severity.WARNING, "a message", AT, "a hint", "hosts.nuc"),
        new Diagnostic("HL0301", Severity.ERROR, "another message", AT, "a hint", "hosts.nuc"),
        new Diagnostic("HL0301", Severity.ERROR, "a message", new Span("lab.yaml", 3, 6, 2), "a hint", "hosts.nuc"),
        new Diagnostic("HL0301", Severity.ERROR, "a message", AT, null, "hosts.nuc"),
        new Diagnostic("HL0301", Severity.ERROR, "a message", AT, "a hint", null),
        new Diagnostic("HL0301", Severity.ERROR, "a message", AT, "a hint", "hosts.pi"))) {
      assertThat(other).isNotEqualTo(FINDING);
    }
    // Normalised components compare as normalised: a blank hint is no hint, an empty path no path.
    assertThat(new Diagnostic("HL0301", Severity.ERROR, "a message", AT, " ", ""))
        .isEqualTo(new Diagnostic("HL0301", Severity.ERROR, "a message", AT, null, null));
  }
}
