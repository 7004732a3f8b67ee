package se.krebit.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Releases many callers at once at a library and records how many token requests it makes and how
 * long its slowest caller waits: the refresh storm of issue 8.
 *
 * <p>Why a harness and not JMH: the quantities are properties of one event (a count, and a maximum
 * over callers), not of an operation repeated millions of times. JMH's {@code SingleShotTime} would
 * need one JMH worker thread per caller and reports per-thread averages, hiding exactly the slowest
 * caller. So each round here starts {@code N} platform threads, parks all of them on a latch, puts
 * the library into the scenario's state, opens the latch, and times each caller's own token call with
 * {@code System.nanoTime()}. A thread's wake-up delay is not part of its wait; it shows in
 * {@code releaseToLast}. Every round uses a fresh library instance and a fresh stub.
 *
 * <p>Run {@code java -cp benchmarks.jar se.krebit.benchmarks.RefreshStorm [--rounds 5] [--warmup 1]
 * [--callers 64,1000] [--latency-ms 50] [--out DIR]}; it prints a Markdown table and, with
 * {@code --out}, writes it to {@code storm.md} and every round to {@code storm.csv}.
 */
public final class RefreshStorm {
  /** Where callers find the library when they are released. */
  public enum Scenario {
    /** No valid token exists: every caller needs one. */
    COLD,
    /** A valid token is cached but has just crossed the library's refresh-ahead boundary. */
    REFRESH_AHEAD
  }

  private static final Duration CALLER_BOUND = Duration.ofSeconds(60);

  private RefreshStorm() {}

  /**
   * Runs one round.
   *
   * @param latency how long the stub takes per token request
   * @param hold if not null, requests after priming also wait for it; lets a test keep a refresh in
   *     flight until all callers are back without relying on timing
   */
  public static StormResult run(
      Scenario scenario, Contender contender, int callers, Duration latency, @Nullable CountDownLatch hold)
      throws InterruptedException, IOException {
    Contender.Subject subject =
        scenario == Scenario.COLD ? contender.cold(latency) : contender.atRefreshAhead(latency, hold);
    long[] waits = new long[callers];
    long[] returnedAt = new long[callers];
    String[] served = new String[callers];
    AtomicInteger failures = new AtomicInteger();
    CountDownLatch ready = new CountDownLatch(callers);
    CountDownLatch go = new CountDownLatch(1);
    Thread[] threads = new Thread[callers];
    for (int i = 0; i < callers; i++) {
      int caller = i;
      Runnable body =
          () -> {
            ready.countDown();
            try {
              go.await();
            } catch (InterruptedException e) {
              failures.incrementAndGet();
              return;
            }
            long started = System.nanoTime();
            try {
              served[caller] = subject.call.token();
            } catch (Exception e) {
              failures.incrementAndGet();
            } finally {
              returnedAt[caller] = System.nanoTime();
              waits[caller] = returnedAt[caller] - started;
            }
          };
      // Small stacks: 1,000 parked callers should cost little memory.
      threads[i] = new Thread(null, body, "storm-caller-" + i, 256 * 1024);
      threads[i].setDaemon(true);
      threads[i].start();
    }
    ready.await();
    String old = subject.server.lastIssued();
    subject.beforeRelease();
    long released = System.nanoTime();
    go.countDown();
    long deadline = released + CALLER_BOUND.toNanos();
    int stuck = 0;
    for (Thread thread : threads) {
      thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      if (thread.isAlive()) {
        thread.interrupt();
        stuck++;
      }
    }
    int requests = subject.server.requests();
    if (stuck > 0) {
      // Their slots may still be written; report what is known and count them as failures.
      return new StormResult(scenario, contender, callers, requests, CALLER_BOUND.toNanos(), CALLER_BOUND.toNanos(),
          CALLER_BOUND.toNanos(), callers, 0, failures.get() + stuck);
    }
    long[] sorted = waits.clone();
    Arrays.sort(sorted);
    long lastReturn = Arrays.stream(returnedAt).max().orElse(released);
    long half = latency.toNanos() / 2;
    int waited = (int) Arrays.stream(waits).filter(w -> w >= half).count();
    int servedOld = old == null ? 0 : (int) Arrays.stream(served).filter(v -> Objects.equals(v, old)).count();
    return new StormResult(scenario, contender, callers, requests, sorted[callers - 1], sorted[callers / 2],
        lastReturn - released, waited, servedOld, failures.get());
  }

  /** Runs every scenario, caller count and contender; see the class comment for the options. */
  public static void main(String[] args) throws InterruptedException, IOException {
    Options options = Options.parse(args);
    List<StormResult> all = new ArrayList<>();
    List<StormTable.Row> rows = new ArrayList<>();
    for (Scenario scenario : Scenario.values()) {
      for (int callers : options.callers) {
        for (Contender contender : Contender.values()) {
          for (int i = 0; i < options.warmup; i++) {
            run(scenario, contender, callers, options.latency, null); // class loading and JIT, not recorded
          }
          List<StormResult> rounds = new ArrayList<>();
          for (int i = 0; i < options.rounds; i++) {
            rounds.add(run(scenario, contender, callers, options.latency, null));
          }
          all.addAll(rounds);
          StormTable.Row row = StormTable.Row.of(rounds);
          rows.add(row);
          System.out.println(row.describe());
        }
      }
    }
    String table = StormTable.markdown(rows, options.rounds, options.latency);
    System.out.println();
    System.out.println(table);
    if (options.out != null) {
      Files.createDirectories(options.out);
      Files.writeString(options.out.resolve("storm.md"), table, StandardCharsets.UTF_8);
      try (PrintStream csv = new PrintStream(Files.newOutputStream(options.out.resolve("storm.csv")), true, "UTF-8")) {
        StormTable.csv(all, csv);
      }
    }
    int failures = all.stream().mapToInt(StormResult::failures).sum();
    if (failures > 0) {
      System.err.println(failures + " callers failed or timed out; see the failures column");
      System.exit(1);
    }
  }

  private static final class Options {
    int rounds = 5;
    int warmup = 1;
    int[] callers = {64, 1000};
    Duration latency = Duration.ofMillis(50);
    @Nullable Path out;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--rounds" -> o.rounds = Integer.parseInt(value);
          case "--warmup" -> o.warmup = Integer.parseInt(value);
          case "--callers" -> o.callers = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
          case "--latency-ms" -> o.latency = Duration.ofMillis(Long.parseLong(value));
          case "--out" -> o.out = Path.of(value);
          default -> throw new IllegalArgumentException(
              "unknown option " + args[i] + "; use --rounds, --warmup, --callers, --latency-ms, --out");
        }
        i++;
      }
      if (o.rounds < 1) {
        throw new IllegalArgumentException("--rounds must be at least 1");
      }
      return o;
    }
  }
}
