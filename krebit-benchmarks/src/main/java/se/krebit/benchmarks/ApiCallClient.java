package se.krebit.benchmarks;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import se.krebit.benchmarks.ApiCallContenders.Contender;

/**
 * The client side of {@link ApiCallCost}: in a JVM of its own, for each contender named, warms it
 * up and then makes the measured calls from {@code --threads} calling threads while {@link
 * ClientThreadCost} watches every thread of the JVM; prints one {@code result …} line per
 * contender.
 *
 * <p>Usage: {@code java -cp benchmarks.jar se.krebit.benchmarks.ApiCallClient --base URI --clients
 * jdk,okhttp,krebit --threads N --warmup CALLS --calls CALLS}. Calls are counted over all threads.
 */
public final class ApiCallClient {
  private ApiCallClient() {}

  /** See the class comment. */
  public static void main(String[] args) throws Exception {
    URI base = null;
    List<String> clients = ApiCallContenders.ALL;
    int threads = 1;
    int warmup = 10_000;
    int calls = 50_000;
    for (int i = 0; i < args.length; i++) {
      String value = args[++i];
      switch (args[i - 1]) {
        case "--base" -> base = URI.create(value);
        case "--clients" -> clients = List.of(value.split(","));
        case "--threads" -> threads = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--calls" -> calls = Integer.parseInt(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
      }
    }
    if (base == null) {
      throw new IllegalArgumentException("--base is required");
    }
    for (String name : clients) {
      try (Contender contender = ApiCallContenders.create(name, base)) {
        String id = contender.userId();
        runCalls(contender, threads, warmup, 0);
        double idle = ClientThreadCost.idleRate(500);
        ClientThreadCost.Cost cost = runCalls(contender, threads, calls, idle);
        System.out.printf(
            "result client=%s threads=%d calls=%d cpuNs=%d allocBytes=%d started=%d liveThreadCpuNs=%d processCpuNs=%d wallNs=%d died=%d user=%s%n",
            name,
            threads,
            calls,
            cost.cpuNanos(),
            cost.allocatedBytes(),
            cost.threadsStarted(),
            cost.liveThreadCpuNanos(),
            cost.processCpuNanos(),
            cost.wallNanos(),
            cost.threadsDied(),
            id);
        System.out.flush();
      }
    }
  }

  /**
   * Makes {@code calls} calls from {@code threads} threads, started and parked before the
   * measurement starts so that starting them is not counted, and returns what every thread spent
   * meanwhile.
   */
  private static ClientThreadCost.Cost runCalls(
      Contender contender, int threads, int calls, double idleCpuRate) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    CyclicBarrier end = new CyclicBarrier(threads + 1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> callers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int share = calls / threads + (t < calls % threads ? 1 : 0);
      Thread caller =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < share; i++) {
                    contender.call();
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                } finally {
                  try {
                    end.await();
                  } catch (Exception ignored) {
                    // The main thread is gone; nothing left to tell.
                  }
                }
              },
              "caller-" + t);
      caller.start();
      callers.add(caller);
    }
    ClientThreadCost cost = ClientThreadCost.start();
    start.await();
    end.await();
    ClientThreadCost.Cost spent = cost.stop(idleCpuRate);
    for (Thread caller : callers) {
      caller.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a call failed", failure.get());
    }
    return spent;
  }
}
