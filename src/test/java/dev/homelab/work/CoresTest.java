package dev.homelab.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Work shared among the cores: results in the items' order, and failures as one thread would meet them. */
class CoresTest {

  private static final List<Integer> ITEMS = IntStream.range(0, 2_000).boxed().toList();

  @Test
  void resultsComeInTheItemsOrderOnEveryCoreAndOnOne() {
    List<Integer> expected = ITEMS.stream().map(i -> i * 3).toList();
    assertThat(Cores.map(ITEMS, 1, i -> i * 3)).isEqualTo(expected);
    assertThat(Cores.map(ITEMS, Integer.MAX_VALUE, i -> i * 3)).isEqualTo(expected);
    assertThat(Cores.map(List.<Integer>of(), 1, i -> i)).isEmpty();
  }

  @RepeatedTest(20)
  void onEveryCoreEveryItemIsDoneAndTheFirstFailureInOrderIsThrown() {
    AtomicInteger done = new AtomicInteger();
    assertThatThrownBy(() -> Cores.map(ITEMS, 1, i -> {
      done.incrementAndGet();
      if (i == 1_500 || i == 700) {
        throw new IllegalStateException("item " + i);
      }
      return i;
    })).isInstanceOf(IllegalStateException.class).hasMessage("item 700");
    // Nothing is left running when the call returns.
    assertThat(done.get()).isEqualTo(ITEMS.size());
  }

  @Test
  void onOneThreadTheFirstFailureStopsTheRest() {
    AtomicInteger done = new AtomicInteger();
    assertThatThrownBy(() -> Cores.map(ITEMS, Integer.MAX_VALUE, i -> {
      done.incrementAndGet();
      if (i == 10) {
        throw new IllegalStateException("item " + i);
      }
      return i;
    })).hasMessage("item 10");
    assertThat(done.get()).isEqualTo(11);
  }

  @Test
  void aFileFailureReachesTheCallerAsItself() {
    IOException refused = new IOException("no space left on device");
    assertThatThrownBy(() -> Cores.mapIo(ITEMS, 1, i -> {
      if (i == 42) {
        throw refused;
      }
      return i;
    })).isSameAs(refused);
  }
}
