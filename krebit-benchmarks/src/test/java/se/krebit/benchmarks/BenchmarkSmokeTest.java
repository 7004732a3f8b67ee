package se.krebit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import se.krebit.benchmarks.RefreshStorm.Scenario;

/**
 * Keeps the benchmarks from rotting: every benchmark runs once, briefly, and the storm harness's
 * request counts for our source are asserted. Timings are never asserted here; they belong in
 * BENCHMARKS.md, measured on a quiet machine. The stores run on the in-memory store and H2 always,
 * and on PostgreSQL when {@code KREBIT_TEST_POSTGRES_URL} is set; with {@code CI=true} it must be.
 */
class BenchmarkSmokeTest {

  @Test
  void everyHotPathBenchmarkRunsAndReportsItsAllocation() throws RunnerException {
    // In-process (no fork) and one short iteration: seconds, and the surefire classpath needs no
    // forwarding.
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .include(HotPathBenchmark.class.getName() + "\\.")
                    .forks(0)
                    .warmupIterations(0)
                    .measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(100))
                    .threads(1)
                    .addProfiler(GCProfiler.class)
                    .shouldFailOnError(true)
                    .verbosity(VerboseMode.SILENT)
                    .build())
            .run();

    long benchmarks =
        Arrays.stream(HotPathBenchmark.class.getMethods())
            .filter(method -> method.isAnnotationPresent(Benchmark.class))
            .count();
    assertThat(results).hasSize((int) benchmarks * 2); // throughput and average time of each
    assertThat(results)
        .allSatisfy(
            run -> {
              assertThat(run.getPrimaryResult().getScore()).isPositive();
              assertThat(run.getSecondaryResults().keySet())
                  .anyMatch(name -> name.endsWith("gc.alloc.rate.norm"));
            });
    assertThat(HotPathTable.markdown(results))
        .contains("Krebit", "google-auth", "Spring Security", "CachedSupplier");
  }

  @Test
  void theScaleReportSeesNoWorkForIdleUsersOneTaskForAllAndABoundedBurst() throws Exception {
    ScaleReport.Row row = ScaleReport.measure("memory", 300, Duration.ofSeconds(1));

    assertThat(row.idleTokenRequests()).as("token requests for idle users").isZero();
    assertThat(row.idleStoreCalls()).as("store calls for idle users").isZero();
    assertThat(row.tasksActive())
        .as("scheduled tasks while 300 users are active: the one sweep")
        .isEqualTo(1);
    assertThat(row.tasksIdle()).as("scheduled tasks once every user is released").isZero();
    assertThat(ScaleReport.markdown(List.of(row))).contains("| memory | 300 |");
    ScaleReport.Burst burst = ScaleReport.burst(300);
    assertThat(burst.peakThreads())
        .isPositive()
        .isLessThanOrEqualTo(se.krebit.auth.TokenRequestPool.DEFAULT_MAX_THREADS);
    assertThat(burst.peakInFlight())
        .isPositive()
        .isLessThanOrEqualTo(se.krebit.auth.TokenRequestPool.DEFAULT_MAX_THREADS);
  }

  @Test
  void theApiOverheadBenchmarksRunAgainstTheFakeServer() throws RunnerException {
    // Each run's teardown fails it if the token source asked for a second token.
    Collection<RunResult> results =
        runBriefly(ApiOverheadBenchmark.class, new OptionsBuilder().addProfiler(GCProfiler.class));

    assertThat(results).hasSize(3 * 2); // bare, bare + Jackson, me(); throughput and average time
    assertThat(results)
        .allSatisfy(run -> assertThat(run.getPrimaryResult().getScore()).isPositive());
    assertThat(ApiOverheadTable.markdown(results))
        .contains(
            "| 1 | **Krebit** `KrebitClient.me()` |", "| 1 | bare `HttpClient`: body as `String` |")
        .containsPattern("\\| 1 \\| [0-9.]+ % \\|");
  }

  @Test
  void theStoreBenchmarksRunOnEveryStore() throws RunnerException {
    List<String> stores = new ArrayList<>(List.of("memory", "h2-tink", "h2-plaintext"));
    if (StoreReport.postgresConfigured()) {
      stores.addAll(List.of("postgresql-tink", "postgresql-plaintext"));
    } else {
      assertThat(System.getenv("CI"))
          .as(
              "CI=true, so the stores must be benchmarked on PostgreSQL too: .ci/run exports KREBIT_TEST_POSTGRES_URL")
          .isNotEqualToIgnoringCase("true");
    }

    // One mode: each trial sets up a database, which is most of the time here.
    Collection<RunResult> results =
        runBriefly(
            TokenStoreBenchmark.class,
            new OptionsBuilder()
                .mode(Mode.AverageTime)
                .param("store", stores.toArray(String[]::new))
                .param("users", "10"));

    assertThat(results).hasSize(stores.size() * 3); // load, save, refresh
    assertThat(results)
        .allSatisfy(run -> assertThat(run.getPrimaryResult().getScore()).isPositive());
    String table = StoreTable.markdown(results);
    assertThat(table)
        .contains(
            "| `save` | in-memory `InMemoryTokenStore` |",
            "| `load` | `JdbcTokenStore` on H2 (in memory) | Tink");
    if (stores.contains("postgresql-tink")) {
      assertThat(table).contains("| `refresh` | `JdbcTokenStore` on PostgreSQL | plaintext |");
    }
  }

  /**
   * In-process (no fork) and one 100 ms iteration: seconds, and the surefire classpath needs no
   * forwarding.
   */
  private static Collection<RunResult> runBriefly(Class<?> benchmark, ChainedOptionsBuilder options)
      throws RunnerException {
    return new Runner(
            options
                .include(benchmark.getName() + "\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .threads(1)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build())
        .run();
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 1000})
  void ourSourceMakesExactlyOneTokenRequestForAStormOf(int callers) throws Exception {
    StormResult storm =
        RefreshStorm.run(Scenario.COLD, Contender.KREBIT, callers, Duration.ofMillis(50), null);

    assertThat(storm.failures()).isZero();
    assertThat(storm.requests()).isEqualTo(1);
  }

  @Test
  void ourCallersAreServedTheOldTokenWhileTheRefreshAheadRequestIsHeldOpen() throws Exception {
    // The refresh never completes until every caller is back, so no caller can have waited for it.
    CountDownLatch hold = new CountDownLatch(1);
    try {
      StormResult storm =
          RefreshStorm.run(Scenario.REFRESH_AHEAD, Contender.KREBIT, 64, Duration.ZERO, hold);

      assertThat(storm.failures()).isZero();
      assertThat(storm.requests()).isEqualTo(1);
      assertThat(storm.servedOldToken()).isEqualTo(64);
    } finally {
      hold.countDown();
    }
  }

  @ParameterizedTest
  @EnumSource(Contender.class)
  void everyContenderGetsThroughBothScenarios(Contender contender) throws Exception {
    for (Scenario scenario : Scenario.values()) {
      StormResult storm = RefreshStorm.run(scenario, contender, 8, Duration.ofMillis(1), null);

      assertThat(storm.failures()).as("%s %s", contender, scenario).isZero();
      if (contender == Contender.CONTROL) {
        assertThat(storm.requests()).as("the control never asks for a token").isZero();
      } else {
        assertThat(storm.requests()).as("%s %s", contender, scenario).isPositive();
      }
    }
  }

  @Test
  void stormTableNamesEveryColumn() throws Exception {
    StormResult storm = RefreshStorm.run(Scenario.COLD, Contender.KREBIT, 2, Duration.ZERO, null);

    assertThat(
            StormTable.markdown(
                java.util.List.of(StormTable.Row.of(java.util.List.of(storm))), 1, Duration.ZERO))
        .contains("| no valid token | 2 | Krebit ClientCredentialsTokenSource | 1 |");
  }
}
