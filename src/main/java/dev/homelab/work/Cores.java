package dev.homelab.work;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Work shared among the machine's cores when there is enough of it: each item handled whole
 * by one thread, the results in the items' order, so the outcome never depends on which
 * thread did what. Below a stage's threshold the calling thread does everything (a lab's few
 * hosts or files are done before other threads would have started).
 */
public final class Cores {

  private Cores() {}

  /** Work on one item that may fail on a file. */
  @FunctionalInterface
  public interface IoFunction<T, R> {
    R apply(T item) throws IOException;
  }

  /**
   * {@code fn} applied to each item, on every core from {@code parallelFrom} items; the results
   * in the items' order. An exception of the function reaches the caller: on one thread the
   * first stops the rest; on every core each item is still done (or fails) before the call
   * returns, so no thread goes on working after it, and the exception of the first item that
   * failed, in the items' order, is the one thrown, whichever thread met it first.
   */
  public static <T, R> List<R> map(List<T> items, int parallelFrom, Function<? super T, ? extends R> fn) {
    Object[] out = new Object[items.size()];
    if (items.size() < parallelFrom) {
      for (int i = 0; i < items.size(); i++) {
        out[i] = fn.apply(items.get(i));
      }
    } else {
      Throwable[] failed = new Throwable[items.size()];
      // Each thread takes the next item as it finishes one, so the threads end within one
      // item of each other (a stream's fixed quarters of the list left one thread with the
      // last quarter, a lab's largest file at its end, while the other waited).
      AtomicInteger next = new AtomicInteger();
      Runnable worker = () -> {
        for (int i = next.getAndIncrement(); i < out.length; i = next.getAndIncrement()) {
          try {
            out[i] = fn.apply(items.get(i));
          } catch (RuntimeException | Error e) {
            failed[i] = e;
          }
        }
      };
      List<ForkJoinTask<?>> helpers = new ArrayList<>();
      for (int t = 0; t < ForkJoinPool.getCommonPoolParallelism(); t++) {
        helpers.add(ForkJoinPool.commonPool().submit(worker));
      }
      worker.run();
      // Every item is taken once the caller's loop ends; joining waits for those still being done.
      helpers.forEach(ForkJoinTask::join);
      for (Throwable t : failed) {
        if (t instanceof RuntimeException e) {
          throw e;
        } else if (t instanceof Error e) {
          throw e;
        }
      }
    }
    @SuppressWarnings("unchecked")
    List<R> results = (List<R>) Arrays.asList(out);
    return results;
  }

  /** As {@link #map}, for work on files: the first {@link IOException} reaches the caller as itself. */
  public static <T, R> List<R> mapIo(List<T> items, int parallelFrom, IoFunction<? super T, ? extends R> fn)
      throws IOException {
    try {
      return map(items, parallelFrom, item -> {
        try {
          return fn.apply(item);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
