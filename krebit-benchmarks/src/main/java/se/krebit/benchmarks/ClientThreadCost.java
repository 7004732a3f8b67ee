package se.krebit.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the Java threads of this JVM spent between {@link #start} and {@link #stop}: CPU time and
 * bytes allocated over all of them (the calling threads and whatever a client starts: the JDK
 * HttpClient's selector and executor threads, OkHttp's reader and watchdog, our timers, threads
 * that lived for one call), plus the threads started.
 *
 * <p>CPU, the choice: the process's CPU time ({@code OperatingSystemMXBean.getProcessCpuTime})
 * minus the CPU of the JVM's internal threads (garbage collector, JIT compilers, VM thread:
 * HotSpot's {@code HotspotThreadMBean}, which needs {@code --add-exports
 * java.management/sun.management=ALL-UNNAMED}), minus this class's sampler, minus an idle baseline
 * ({@link #idleRate}). That counts every Java thread however briefly it lived, which a sum of
 * {@code ThreadMXBean.getThreadCpuTime} over live threads cannot: a thread started and ended
 * between two readings leaves no trace there (a client that starts a thread per call showed half
 * its CPU missing). Compiler and collector are left out: after warm-up they depend on compilation
 * luck and heap size more than on the client, and the allocation that drives the collector is
 * reported on its own. The live-thread sum is kept as a cross-check ({@link
 * Cost#liveThreadCpuNanos}).
 *
 * <p>Allocation: {@code getThreadAllocatedBytes} summed over all threads. Threads that die take
 * their counters with them, so a sampler reads every thread's counters every {@link #SAMPLE_MILLIS}
 * ms and keeps each one's last reading: a thread that dies loses what it allocated after its last
 * reading, and {@link Cost#threadsDied} counts the threads seen to die (JDK 17 has no total over
 * dead threads).
 */
final class ClientThreadCost {
  static final long SAMPLE_MILLIS = 5;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final Map<Long, long[]> baseline = new HashMap<>();
  private final Map<Long, long[]> latest = new ConcurrentHashMap<>();
  private final Thread sampler;
  private final long startedBefore;
  private final long processCpuBefore;
  private final long internalCpuBefore;
  private final long wallBefore;
  private volatile boolean running = true;
  private volatile long samplerOwnCpu;

  private ClientThreadCost() {
    THREADS.setThreadCpuTimeEnabled(true);
    THREADS.setThreadAllocatedMemoryEnabled(true);
    sampler = new Thread(this::sampleUntilStopped, "client-thread-cost-sampler");
    sampler.setDaemon(true);
    sampler.start();
    startedBefore = THREADS.getTotalStartedThreadCount();
    read(baseline);
    internalCpuBefore = internalCpu();
    processCpuBefore = OS.getProcessCpuTime();
    wallBefore = System.nanoTime();
  }

  /** Starts measuring every thread of this JVM. */
  static ClientThreadCost start() {
    return new ClientThreadCost();
  }

  /** CPU nanoseconds of the JVM's own threads (GC, JIT compilers, VM thread), from HotSpot. */
  static long internalCpu() {
    try {
      // Reflection: javac's --release 17 cannot see sun.management; the client JVM exports it at
      // run time.
      Object bean =
          Class.forName("sun.management.ManagementFactoryHelper")
              .getMethod("getHotspotThreadMBean")
              .invoke(null);
      Map<?, ?> times =
          (Map<?, ?>)
              Class.forName("sun.management.HotspotThreadMBean")
                  .getMethod("getInternalThreadCpuTimes")
                  .invoke(bean);
      long sum = 0;
      for (Object nanos : times.values()) {
        sum += Math.max(0, (Long) nanos);
      }
      return sum;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "HotSpot's internal thread times are unreadable: run on HotSpot with --add-exports java.management/sun.management=ALL-UNNAMED",
          e);
    }
  }

  /**
   * The Java threads' CPU nanoseconds (process minus internal threads) per wall nanosecond while no
   * call runs, measured over {@code millis}: what {@link #stop} subtracts.
   */
  static double idleRate(long millis) throws InterruptedException {
    long cpu = OS.getProcessCpuTime() - internalCpu();
    long wall = System.nanoTime();
    Thread.sleep(millis);
    return Math.max(
        0, (double) (OS.getProcessCpuTime() - internalCpu() - cpu) / (System.nanoTime() - wall));
  }

  /** Stops the sampler and returns what was spent since {@link #start}. */
  Cost stop(double idleCpuRate) throws InterruptedException {
    long wall = System.nanoTime() - wallBefore;
    long processCpu = OS.getProcessCpuTime() - processCpuBefore;
    long internal = internalCpu() - internalCpuBefore;
    long started = THREADS.getTotalStartedThreadCount() - startedBefore;
    running = false;
    sampler.join();
    long samplerCpu = samplerCpu();
    read(latest);
    long cpu = 0;
    long allocated = 0;
    int died = 0;
    java.util.Set<Long> alive = new java.util.HashSet<>();
    for (long id : THREADS.getAllThreadIds()) {
      alive.add(id);
    }
    for (Map.Entry<Long, long[]> thread : latest.entrySet()) {
      long[] before = baseline.getOrDefault(thread.getKey(), new long[2]);
      cpu += thread.getValue()[0] - before[0];
      allocated += thread.getValue()[1] - before[1];
      if (!alive.contains(thread.getKey())) {
        died++;
      }
    }
    long javaThreads = Math.round(processCpu - internal - samplerCpu - idleCpuRate * wall);
    return new Cost(javaThreads, allocated, started, cpu, processCpu, wall, died);
  }

  private long samplerCpu() {
    // The sampler has ended: its CPU is gone from ThreadMXBean, so it keeps its own tally.
    return samplerOwnCpu;
  }

  private void sampleUntilStopped() {
    while (running) {
      read(latest);
      samplerOwnCpu = THREADS.getCurrentThreadCpuTime();
      try {
        Thread.sleep(SAMPLE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void read(Map<Long, long[]> into) {
    long[] ids = THREADS.getAllThreadIds();
    long[] cpu = THREADS.getThreadCpuTime(ids);
    long[] allocated = THREADS.getThreadAllocatedBytes(ids);
    long self = sampler.getId();
    for (int i = 0; i < ids.length; i++) {
      // -1: the thread died between the two reads; its previous reading stands.
      if (ids[i] != self && cpu[i] >= 0 && allocated[i] >= 0) {
        into.put(ids[i], new long[] {cpu[i], allocated[i]});
      }
    }
  }

  /**
   * What the Java threads spent: CPU (all of them, see the class comment) and allocation, threads
   * started, the cross-checks (CPU summed over threads seen alive, the whole process's CPU), the
   * wall time, and how many threads were seen to die.
   */
  record Cost(
      long cpuNanos,
      long allocatedBytes,
      long threadsStarted,
      long liveThreadCpuNanos,
      long processCpuNanos,
      long wallNanos,
      int threadsDied) {}
}
