package se.krebit.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every thread of this JVM spent between {@link #start} and {@link #stop}: CPU time and bytes
 * allocated summed over all Java threads (the calling threads and whatever a client starts: the JDK
 * HttpClient's selector and executor threads, OkHttp's reader and watchdog, our timers), plus the
 * threads started and, as a cross-check, the process's CPU time.
 *
 * <p>Why per-thread sums and not the process's CPU: process CPU also counts the JIT compiler and the
 * garbage collector, whose work after warm-up depends on heap size and compilation luck more than on
 * the client; allocation, which is what drives the collector, is reported on its own. Threads that
 * die during a measurement take their counters with them, so a sampler reads every thread's counters
 * every {@link #SAMPLE_MILLIS} ms and keeps each thread's last reading: a thread that dies loses at
 * most its last few milliseconds, and {@link Cost#threadsDied} says how many did. The sampler's own
 * thread is left out of the sums. The process CPU is reported net of an idle baseline measured by
 * {@link #idleProcessCpuRate}, so the two columns can be compared.
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
  private final long wallBefore;
  private volatile boolean running = true;

  private ClientThreadCost() {
    THREADS.setThreadCpuTimeEnabled(true);
    THREADS.setThreadAllocatedMemoryEnabled(true);
    sampler = new Thread(this::sampleUntilStopped, "client-thread-cost-sampler");
    sampler.setDaemon(true);
    sampler.start();
    startedBefore = THREADS.getTotalStartedThreadCount();
    read(baseline);
    processCpuBefore = OS.getProcessCpuTime();
    wallBefore = System.nanoTime();
  }

  /** Starts measuring every thread of this JVM. */
  static ClientThreadCost start() {
    return new ClientThreadCost();
  }

  /**
   * The process's CPU nanoseconds per wall nanosecond while nothing but the JVM's own housekeeping
   * runs, measured over {@code millis}: what {@link Cost#processCpuNanos} subtracts.
   */
  static double idleProcessCpuRate(long millis) throws InterruptedException {
    long cpu = OS.getProcessCpuTime();
    long wall = System.nanoTime();
    Thread.sleep(millis);
    return (double) (OS.getProcessCpuTime() - cpu) / (System.nanoTime() - wall);
  }

  /** Stops the sampler and returns what was spent since {@link #start}. */
  Cost stop(double idleCpuRate) throws InterruptedException {
    long wall = System.nanoTime() - wallBefore;
    long processCpu = OS.getProcessCpuTime() - processCpuBefore;
    long started = THREADS.getTotalStartedThreadCount() - startedBefore;
    running = false;
    sampler.join();
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
    return new Cost(cpu, allocated, started, Math.round(processCpu - idleCpuRate * wall), wall, died);
  }

  private void sampleUntilStopped() {
    while (running) {
      read(latest);
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
   * What all threads spent: CPU and allocation summed over every thread, threads started, the
   * process's CPU net of its idle rate, the wall time, and how many threads died meanwhile.
   */
  record Cost(long cpuNanos, long allocatedBytes, long threadsStarted, long processCpuNanos, long wallNanos, int threadsDied) {}
}
