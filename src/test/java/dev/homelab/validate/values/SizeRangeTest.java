package dev.homelab.validate.values;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.model.Size;
import org.junit.jupiter.api.Test;

/** A size counts in 63 bits: up to just under 8192P it is read exactly, beyond it refused, never wrapped. */
class SizeRangeTest {

  @Test
  void theLargestSizesAreReadExactly() {
    assertThat(Size.parse("8191P").bytes()).isEqualTo(8191L << 50);
    assertThat(Size.parse("9223372036854775807").bytes()).isEqualTo(Long.MAX_VALUE);
    assertThat(Size.tooLarge("8191P")).isFalse();
  }

  @Test
  void beyondThemASizeIsRefusedNotWrapped() {
    for (String text : new String[] {"8192P", "9223372036854775808", "99999999999999999999999999P", "16384P"}) {
      assertThat(Size.parse(text)).as(text).isNull();
      assertThat(Size.tooLarge(text)).as(text).isTrue();
    }
  }

  @Test
  void textThatIsNoSizeIsNotTooLarge() {
    assertThat(Size.parse("4X")).isNull();
    assertThat(Size.tooLarge("4X")).isFalse();
  }
}
