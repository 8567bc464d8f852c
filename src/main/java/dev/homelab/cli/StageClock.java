package dev.homelab.cli;

import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * With {@code HOMELAB_TIMINGS=1} in the environment, the time each stage of a run took, the
 * CPU time of the whole process in each (the compiler's and the collector's threads included,
 * so above the stage's time when several cores worked), the collector's share and the JVM's
 * start, printed on stderr when the command ends: where a slow run spends its time, without a
 * profiler. Off by default, and then it costs nothing.
 */
public final class StageClock {

  private static final boolean ON = "1".equals(System.getenv("HOMELAB_TIMINGS"));
  private static final Map<String, Long> STAGES = new LinkedHashMap<>();
  /** The CPU time of the whole process (every thread: the compiler's and the collector's too) per stage. */
  private static final Map<String, Long> CPU = new LinkedHashMap<>();
  private static long last = ON ? System.nanoTime() : 0;
  private static long lastCpu = ON ? cpu() : 0;

  private StageClock() {}

  /** Ends the stage {@code name}: the time since the previous mark (or the command's start) is its. */
  public static void mark(String name) {
    if (!ON) {
      return;
    }
    long now = System.nanoTime();
    long cpuNow = cpu();
    STAGES.merge(name, now - last, Long::sum);
    CPU.merge(name, cpuNow - lastCpu, Long::sum);
    last = now;
    lastCpu = cpuNow;
  }

  private static long cpu() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }

  /** Restarts the clock without charging the time to a stage (the command begins). */
  public static void start() {
    if (ON) {
      STAGES.clear();
      CPU.clear();
      last = System.nanoTime();
      lastCpu = cpu();
    }
  }

  /** Prints the stages, the collector's pauses and the JVM's uptime; nothing when off. */
  public static void print(PrintWriter err) {
    if (!ON) {
      return;
    }
    StringBuilder line = new StringBuilder("timings:");
    STAGES.forEach((name, nanos) -> line.append(' ').append(name).append(' ').append(nanos / 1_000_000).append(" ms (cpu ")
        .append(CPU.getOrDefault(name, 0L) / 1_000_000).append("),"));
    long gc = 0;
    long collections = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      gc += Math.max(0, b.getCollectionTime());
      collections += Math.max(0, b.getCollectionCount());
    }
    line.append(" of which collecting ").append(gc).append(" ms (").append(collections).append(" collections);");
    line.append(" JVM up ").append(ManagementFactory.getRuntimeMXBean().getUptime()).append(" ms, heap used ")
        .append((Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20).append(" MiB of ")
        .append(Runtime.getRuntime().totalMemory() >> 20).append(" MiB");
    err.println(line);
    err.flush();
  }
}
