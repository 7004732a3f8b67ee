package se.krebit.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * JMH results folded into one row per benchmark method, parameters and thread count, with both
 * modes in fixed units (operations per second, microseconds per operation), for the Markdown tables
 * of {@code BENCHMARKS.md}: the numbers are JMH's own, never retyped.
 */
final class JmhScores {
  private JmhScores() {}

  /**
   * One mode's result: the mean over all measured iterations of all forks, the half-width of JMH's
   * 99.9 % confidence interval around it (NaN with a single iteration), the median iteration, and
   * the lowest and highest iteration.
   */
  record Score(double mean, double error, double median, double min, double max) {
    static final Score NONE = new Score(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    boolean present() {
      return !Double.isNaN(mean);
    }

    Score scaled(double factor) {
      return new Score(mean * factor, error * factor, median * factor, min * factor, max * factor);
    }
  }

  /** One benchmark method with one set of parameters at one thread count. */
  record Row(
      String method,
      Map<String, String> params,
      int threads,
      Score opsPerSecond,
      Score microsPerOp,
      double bytesPerOp) {
    String param(String name) {
      return params.getOrDefault(name, "");
    }
  }

  /** The rows, keyed by {@link #key}, in the order JMH ran them. */
  static Map<String, Row> rows(Collection<RunResult> results) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (RunResult run : results) {
      String benchmark = run.getParams().getBenchmark();
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      Map<String, String> params = new TreeMap<>();
      for (String name : run.getParams().getParamsKeys()) {
        params.put(name, run.getParams().getParam(name));
      }
      int threads = run.getParams().getThreads();
      String key = key(method, params, threads);
      Row old =
          rows.getOrDefault(
              key, new Row(method, params, threads, Score.NONE, Score.NONE, Double.NaN));
      Statistics statistics = run.getPrimaryResult().getStatistics();
      Score raw =
          new Score(
              statistics.getMean(),
              run.getPrimaryResult().getScoreError(),
              statistics.getPercentile(50),
              statistics.getMin(),
              statistics.getMax());
      String unit = run.getPrimaryResult().getScoreUnit();
      double bytes = Double.isNaN(allocation(run)) ? old.bytesPerOp() : allocation(run);
      Mode mode = run.getParams().getMode();
      Row updated =
          switch (mode) {
            case Throughput ->
                new Row(
                    method, params, threads, raw.scaled(perSecond(unit)), old.microsPerOp(), bytes);
            case AverageTime ->
                new Row(
                    method, params, threads, old.opsPerSecond(), raw.scaled(micros(unit)), bytes);
            default -> old;
          };
      rows.put(key, updated);
    }
    return rows;
  }

  static String key(String method, Map<String, String> params, int threads) {
    return method + params + "@" + threads;
  }

  /** The GC profiler's bytes per operation, NaN without it; JMH prefixes the name with a marker. */
  private static double allocation(RunResult run) {
    // Looked up by name rather than streamed: JMH's Result is a raw type, and -Werror forbids
    // naming it.
    for (String name : run.getSecondaryResults().keySet()) {
      if (name.endsWith("gc.alloc.rate.norm")) {
        return run.getSecondaryResults().get(name).getScore();
      }
    }
    return Double.NaN;
  }

  private static double perSecond(String unit) {
    return switch (unit) {
      case "ops/ns" -> 1e9;
      case "ops/us" -> 1e6;
      case "ops/ms" -> 1e3;
      case "ops/s" -> 1;
      default -> throw new IllegalArgumentException("unexpected throughput unit " + unit);
    };
  }

  private static double micros(String unit) {
    return switch (unit) {
      case "ns/op" -> 1e-3;
      case "us/op" -> 1;
      case "ms/op" -> 1e3;
      case "s/op" -> 1e6;
      default -> throw new IllegalArgumentException("unexpected time unit " + unit);
    };
  }

  /** Three significant digits or so, for numbers from 0.01 to millions. */
  static String number(double value) {
    double magnitude = Math.abs(value);
    String format =
        magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, format, value);
  }

  /** {@code mean ± error}, the error left out when there is none (a single iteration). */
  static String meanAndError(Score score) {
    if (!score.present()) {
      return "–";
    }
    return Double.isNaN(score.error())
        ? number(score.mean())
        : number(score.mean()) + " ± " + number(score.error());
  }

  static String median(Score score) {
    return score.present() ? number(score.median()) : "–";
  }

  static String bytes(double value) {
    return Double.isNaN(value)
        ? "–"
        : String.format(Locale.ROOT, value < 10 ? "%.1f" : "%,.0f", value);
  }
}
