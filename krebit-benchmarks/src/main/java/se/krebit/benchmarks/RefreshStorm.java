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
import org.jspecify.annotations.Nullable;

/**
 * Releases many callers at once at a library and records how many token requests it makes and how
 * long its slowest caller waits: the refresh storm of issue 8.
 *
 * <p>Why a harness and not JMH: the quantities are properties of one event (a count, and a maximum
 * over callers), not of an operation repeated millions of times. JMH's {@code SingleShotTime} would
 * need one JMH worker thread per caller and reports per-thread averages, hiding exactly the slowest
 * caller. So each round parks {@code N} long-lived caller threads ({@link CallerPool}) on a latch,
 * puts the library into the scenario's state, opens the latch, and times each caller's own token
 * call with {@code System.nanoTime()}. A thread's wake-up delay is not part of its wait; it shows
 * in {@code releaseToLast}. Every round uses a fresh library instance and a fresh stub; the same
 * callers serve the warm-up and the measured rounds of one scenario and caller count.
 *
 * <p>Each contender runs in a JVM of its own (see {@link #runInChildJvm}); {@code --in-process}
 * runs them all in this one, which is quicker but lets one library's JIT state colour the next
 * one's numbers.
 *
 * <p>Run {@code java -cp benchmarks.jar se.krebit.benchmarks.RefreshStorm [--rounds 5] [--warmup 1]
 * [--callers 64,1000] [--latency-ms 50] [--out DIR] [--in-process]}; it prints a Markdown table
 * and, with {@code --out}, writes it to {@code storm.md} and every round to {@code storm.csv}.
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
  private static final Duration SETTLE = Duration.ofMillis(50);

  private RefreshStorm() {}

  /**
   * Runs one round on fresh caller threads (see {@link CallerPool} for why the harness itself
   * reuses them); for tests, which assert counts, not timings.
   *
   * @param latency how long the stub takes per token request
   * @param hold if not null, requests after priming also wait for it; lets a test keep a refresh in
   *     flight until all callers are back without relying on timing
   */
  public static StormResult run(
      Scenario scenario,
      Contender contender,
      int callers,
      Duration latency,
      @Nullable CountDownLatch hold)
      throws InterruptedException, IOException {
    try (CallerPool pool = new CallerPool(callers)) {
      return run(pool, scenario, contender, latency, hold);
    }
  }

  /** Runs one round with the callers of {@code pool}. */
  static StormResult run(
      CallerPool pool,
      Scenario scenario,
      Contender contender,
      Duration latency,
      @Nullable CountDownLatch hold)
      throws InterruptedException, IOException {
    int callers = pool.size();
    Contender.Subject subject =
        scenario == Scenario.COLD
            ? contender.cold(latency)
            : contender.atRefreshAhead(latency, hold);
    CallerPool.Round round = new CallerPool.Round(subject.call, callers);
    pool.arm(round);
    String old = subject.server.lastIssued();
    subject.beforeRelease();
    long released = System.nanoTime();
    round.go.countDown();
    boolean allBack = CallerPool.awaitDone(round, CALLER_BOUND.toNanos(), TimeUnit.NANOSECONDS);
    if (!allBack) {
      throw new IllegalStateException(
          contender
              + ": "
              + round.done.getCount()
              + " of "
              + callers
              + " callers had not returned after "
              + CALLER_BOUND.toSeconds()
              + " s");
    }
    // A background refresh (ours) may still be on its way to the stub when the last caller is back:
    // let the round settle before counting, and before the next round starts.
    Thread.sleep(latency.toMillis() + SETTLE.toMillis());
    int requests = subject.server.requests();
    long[] sorted = round.waits.clone();
    Arrays.sort(sorted);
    long lastReturn = Arrays.stream(round.returnedAt).max().orElse(released);
    long half = latency.toNanos() / 2;
    int waited = (int) Arrays.stream(round.waits).filter(w -> w >= half).count();
    int servedOld =
        old == null
            ? 0
            : (int) Arrays.stream(round.served).filter(v -> Objects.equals(v, old)).count();
    return new StormResult(
        scenario,
        contender,
        callers,
        requests,
        sorted[callers - 1],
        sorted[callers / 2],
        lastReturn - released,
        waited,
        servedOld,
        round.failures.get());
  }

  /** Runs every scenario, caller count and contender; see the class comment for the options. */
  public static void main(String[] args) throws InterruptedException, IOException {
    Options options = Options.parse(args);
    if (options.contender != null) {
      // A child JVM: one contender, results as CSV lines on standard output for the parent.
      for (StormResult result : runContender(options.contender, options)) {
        System.out.println(RESULT_PREFIX + result.toCsv());
      }
      return;
    }
    List<StormResult> all = new ArrayList<>();
    for (Contender contender : Contender.values()) {
      all.addAll(
          options.inProcess ? runContender(contender, options) : runInChildJvm(contender, args));
    }
    List<StormTable.Row> rows = new ArrayList<>();
    for (Scenario scenario : Scenario.values()) {
      for (int callers : options.callers) {
        for (Contender contender : Contender.values()) {
          List<StormResult> rounds =
              all.stream()
                  .filter(
                      r ->
                          r.scenario() == scenario
                              && r.callers() == callers
                              && r.contender() == contender)
                  .toList();
          if (!rounds.isEmpty()) {
            rows.add(StormTable.Row.of(rounds));
          }
        }
      }
    }
    String table = StormTable.markdown(rows, options.rounds, options.latency);
    System.out.println();
    System.out.println(table);
    if (options.out != null) {
      Files.createDirectories(options.out);
      Files.writeString(options.out.resolve("storm.md"), table, StandardCharsets.UTF_8);
      try (PrintStream csv =
          new PrintStream(Files.newOutputStream(options.out.resolve("storm.csv")), true, "UTF-8")) {
        StormTable.csv(all, csv);
      }
    }
    int failures = all.stream().mapToInt(StormResult::failures).sum();
    if (failures > 0) {
      System.err.println(failures + " callers failed or timed out; see the failures column");
      System.exit(1);
    }
  }

  private static final String RESULT_PREFIX = "storm-result,";

  /**
   * Every scenario and caller count for one contender, in this JVM; warm-up rounds are not
   * returned.
   */
  private static List<StormResult> runContender(Contender contender, Options options)
      throws InterruptedException, IOException {
    List<StormResult> results = new ArrayList<>();
    for (Scenario scenario : Scenario.values()) {
      for (int callers : options.callers) {
        List<StormResult> rounds = new ArrayList<>();
        try (CallerPool pool = new CallerPool(callers)) {
          for (int i = 0; i < options.warmup; i++) {
            run(
                pool,
                scenario,
                contender,
                options.latency,
                null); // class loading and JIT, not recorded
          }
          for (int i = 0; i < options.rounds; i++) {
            rounds.add(run(pool, scenario, contender, options.latency, null));
          }
        }
        results.addAll(rounds);
        System.out.println(StormTable.Row.of(rounds).describe());
      }
    }
    return results;
  }

  /**
   * Runs one contender in a JVM of its own, as JMH forks: in one shared JVM, the JIT state left by
   * the libraries measured before (their classes, call sites and compiled code) was seen to slow
   * the next library's first calls in new threads by hundreds of microseconds.
   */
  private static List<StormResult> runInChildJvm(Contender contender, String[] args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), RefreshStorm.class.getName()));
    command.addAll(List.of(args));
    command.addAll(List.of("--contender", contender.name()));
    Process child =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<StormResult> results = new ArrayList<>();
    try (var lines =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith(RESULT_PREFIX)) {
          results.add(StormResult.fromCsv(line.substring(RESULT_PREFIX.length())));
        } else {
          System.out.println(line);
        }
      }
    }
    int exit = child.waitFor();
    if (exit != 0) {
      throw new IllegalStateException("the storm JVM for " + contender + " exited with " + exit);
    }
    return results;
  }

  private static final class Options {
    int rounds = 5;
    int warmup = 1;
    int[] callers = {64, 1000};
    Duration latency = Duration.ofMillis(50);
    @Nullable Path out;
    @Nullable Contender contender;
    boolean inProcess;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--rounds" -> o.rounds = Integer.parseInt(value);
          case "--warmup" -> o.warmup = Integer.parseInt(value);
          case "--callers" ->
              o.callers = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
          case "--latency-ms" -> o.latency = Duration.ofMillis(Long.parseLong(value));
          case "--out" -> o.out = Path.of(value);
          case "--contender" -> o.contender = Contender.valueOf(value);
          case "--in-process" -> {
            o.inProcess = true;
            continue;
          }
          default ->
              throw new IllegalArgumentException(
                  "unknown option "
                      + args[i]
                      + "; use --rounds, --warmup, --callers, --latency-ms, --out, --in-process");
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
