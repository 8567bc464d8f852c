package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Comment wrapping takes the words between single spaces as {@code String.split(" ")} gives
 * them (two spaces hold an empty word, spaces at the end none) and fills lines of at most
 * {@link Headers#WIDTH} columns, a longer word alone on its line.
 */
class HeadersWrapTest {

  /** The wrapping as it was written first: split, then fill. */
  static List<String> reference(String text, String prefix) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(prefix);
    for (String word : text.split(" ")) {
      if (line.length() > prefix.length() && line.length() + 1 + word.length() > Headers.WIDTH) {
        lines.add(line.toString());
        line = new StringBuilder(prefix);
      }
      if (line.length() > prefix.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  @Test
  void wrapsAsSplittingAtSpacesDoes() {
    Random random = new Random(42);
    List<String> texts = new ArrayList<>(List.of("", " ", "   ", "a", " a", "a ", "a  b", "  a  b  ", "x".repeat(150),
        "x".repeat(97) + " y", "x".repeat(98) + " y", "x".repeat(150) + " y " + "z".repeat(120)));
    for (int i = 0; i < 2000; i++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(60);
      for (int j = 0; j < n; j++) {
        int r = random.nextInt(10);
        b.append(r < 3 ? " " : r < 4 ? "y".repeat(random.nextInt(40)) : "w");
      }
      texts.add(b.toString());
    }
    for (String text : texts) {
      for (String prefix : List.of("# ", "", "    ")) {
        assertThat(Headers.wrap(text, prefix)).as("[%s] with [%s]", text, prefix).isEqualTo(reference(text, prefix));
      }
    }
    assertThat(Headers.wrap("one two  three ")).containsExactly("# one two  three");
  }
}
