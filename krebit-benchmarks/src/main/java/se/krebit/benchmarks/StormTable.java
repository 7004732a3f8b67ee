package se.krebit.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Summarises storm rounds: per scenario, caller count and library, over all rounds. */
final class StormTable {
  private StormTable() {}

  /** One line of the table: a library in one scenario with one caller count, over its rounds. */
  record Row(
      RefreshStorm.Scenario scenario,
      Contender contender,
      int callers,
      int minRequests,
      int maxRequests,
      long medianSlowestWait,
      long maxSlowestWait,
      long medianMedianWait,
      long medianReleaseToLast,
      int maxWaited,
      int minServedOld,
      int failures) {
    static Row of(List<StormResult> rounds) {
      StormResult first = rounds.get(0);
      return new Row(
          first.scenario(),
          first.contender(),
          first.callers(),
          rounds.stream().mapToInt(StormResult::requests).min().orElseThrow(),
          rounds.stream().mapToInt(StormResult::requests).max().orElseThrow(),
          median(rounds.stream().mapToLong(StormResult::slowestWaitNanos).toArray()),
          rounds.stream().mapToLong(StormResult::slowestWaitNanos).max().orElseThrow(),
          median(rounds.stream().mapToLong(StormResult::medianWaitNanos).toArray()),
          median(rounds.stream().mapToLong(StormResult::releaseToLastNanos).toArray()),
          rounds.stream().mapToInt(StormResult::callersWhoWaited).max().orElseThrow(),
          rounds.stream().mapToInt(StormResult::servedOldToken).min().orElseThrow(),
          rounds.stream().mapToInt(StormResult::failures).sum());
    }

    String requests() {
      return minRequests == maxRequests
          ? Integer.toString(minRequests)
          : minRequests + "–" + maxRequests;
    }

    String describe() {
      return String.format(
          Locale.ROOT,
          "%-13s %5d callers  %-70s requests %-9s slowest %s (max %s), waited %d",
          scenario,
          callers,
          contender.label(),
          requests(),
          time(medianSlowestWait),
          time(maxSlowestWait),
          maxWaited);
    }
  }

  static String markdown(List<Row> rows, int rounds, Duration latency) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "Token endpoint stub: %d ms per request. %d round(s) per row; waits are the median over rounds"
                + " (max over rounds in brackets); token requests are min–max and callers who waited the max"
                + " over rounds; callers served the old token is the min over rounds.%n%n",
            latency.toMillis(),
            rounds));
    String halfLatency = time(latency.toNanos() / 2);
    b.append(
        "| scenario | callers | library | token requests | slowest caller's wait | median caller's wait"
            + " | callers who waited ≥ "
            + halfLatency
            + " | release → last caller back | callers served the old token | failures |\n");
    b.append("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Row r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %s | %s | %s (%s) | %s | %d | %s | %s | %d |%n",
              r.scenario() == RefreshStorm.Scenario.COLD
                  ? "no valid token"
                  : "refresh-ahead boundary",
              r.callers(),
              r.contender().label(),
              r.requests(),
              time(r.medianSlowestWait()),
              time(r.maxSlowestWait()),
              time(r.medianMedianWait()),
              r.maxWaited(),
              time(r.medianReleaseToLast()),
              r.scenario() == RefreshStorm.Scenario.COLD
                  ? "–"
                  : r.minServedOld() + " / " + r.callers(),
              r.failures()));
    }
    return b.toString();
  }

  static void csv(List<StormResult> results, PrintStream out) {
    out.println(
        "scenario,contender,callers,requests,slowest_wait_ns,median_wait_ns,release_to_last_ns,"
            + "callers_who_waited,served_old_token,failures");
    results.forEach(r -> out.println(r.toCsv()));
  }

  /**
   * Nanoseconds in the unit that keeps three significant digits readable: µs below a millisecond.
   */
  static String time(long nanos) {
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
    }
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
