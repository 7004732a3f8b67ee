package se.krebit.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;

/** Turns hot-path JMH results into the Markdown tables of {@code BENCHMARKS.md}. */
final class HotPathTable {
  static final String FLOOR = "floorVolatileRead";
  static final String CLOCK_FLOOR = "floorVolatileReadAndClock";
  static final String OURS = "krebitToken";
  static final List<String> PEERS =
      List.of("googleAuthRequestMetadata", "awsCachedSupplierGet", "springSecurityAuthorize");

  private static final Map<String, String> LABELS = new LinkedHashMap<>();

  static {
    LABELS.put(FLOOR, "floor (a): volatile read + branch");
    LABELS.put(CLOCK_FLOOR, "floor (b): volatile read + `System.currentTimeMillis()`");
    LABELS.put(OURS, "**Krebit** `ClientCredentialsTokenSource.token()`");
    LABELS.put("krebitTokenAsync", "**Krebit** `ClientCredentialsTokenSource.tokenAsync()`");
    LABELS.put(
        "googleAuthRequestMetadata", "google-auth `OAuth2Credentials.getRequestMetadata(URI)`");
    LABELS.put("awsCachedSupplierGet", "AWS SDK v2 `CachedSupplier.get()`");
    LABELS.put(
        "springSecurityAuthorize",
        "Spring Security `AuthorizedClientServiceOAuth2AuthorizedClientManager.authorize`");
  }

  private HotPathTable() {}

  /**
   * One benchmark at one thread count: both modes (NaN until seen) and the allocation per
   * operation.
   */
  record Row(
      String method,
      int threads,
      double opsPerSecond,
      double opsPerSecondError,
      double nanosPerOp,
      double nanosPerOpError,
      double bytesPerOp) {}

  static String markdown(Collection<RunResult> results) {
    Map<String, Row> rows = rows(results);
    TreeSet<Integer> threadCounts = new TreeSet<>();
    rows.values().forEach(r -> threadCounts.add(r.threads()));
    StringBuilder b = new StringBuilder();
    b.append(
        "| threads | contender | throughput (ops/s, mean ± 99.9% CI) | average time (ns/op, mean ± 99.9% CI)"
            + " | gc.alloc.rate.norm (B/op) | ns/op ÷ floor (a) | ns/op ÷ floor (b) |\n");
    b.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (int threads : threadCounts) {
      Optional<Row> floor = Optional.ofNullable(rows.get(key(FLOOR, threads)));
      Optional<Row> clockFloor = Optional.ofNullable(rows.get(key(CLOCK_FLOOR, threads)));
      for (String method : LABELS.keySet()) {
        Row r = rows.get(key(method, threads));
        if (r == null) {
          continue;
        }
        b.append(
            String.format(
                Locale.ROOT,
                "| %d | %s | %s | %s | %s | %s | %s |%n",
                threads,
                LABELS.get(method),
                millions(r.opsPerSecond(), r.opsPerSecondError()),
                nanos(r.nanosPerOp(), r.nanosPerOpError()),
                bytes(r.bytesPerOp()),
                floor.map(f -> ratio(r.nanosPerOp() / f.nanosPerOp())).orElse("–"),
                clockFloor.map(f -> ratio(r.nanosPerOp() / f.nanosPerOp())).orElse("–")));
      }
    }
    b.append(
        "\nKrebit's throughput as a multiple of each peer's (target: ≥ 10× the fastest peer, 0 B/op):\n\n");
    b.append(
        "| threads | vs google-auth | vs AWS CachedSupplier | vs Spring Security | fastest peer | ≥ 10× fastest peer | Krebit B/op |\n");
    b.append("| ---: | ---: | ---: | ---: | --- | --- | ---: |\n");
    for (int threads : threadCounts) {
      Row ours = rows.get(key(OURS, threads));
      if (ours == null) {
        continue;
      }
      StringBuilder line = new StringBuilder("| " + threads + " |");
      String fastest = "–";
      double fastestOps = 0;
      for (String peer : PEERS) {
        Row p = rows.get(key(peer, threads));
        line.append(' ')
            .append(p == null ? "–" : ratio(ours.opsPerSecond() / p.opsPerSecond()))
            .append(" |");
        if (p != null && p.opsPerSecond() > fastestOps) {
          fastestOps = p.opsPerSecond();
          fastest = LABELS.get(peer).replaceAll(" `.*", "");
        }
      }
      double multiple = ours.opsPerSecond() / fastestOps;
      line.append(
          String.format(
              Locale.ROOT,
              " %s | %s (%s) | %s |",
              fastest,
              multiple >= 10 ? "met" : "**missed**",
              ratio(multiple),
              bytes(ours.bytesPerOp())));
      b.append(line).append('\n');
    }
    return b.toString();
  }

  private static Map<String, Row> rows(Collection<RunResult> results) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (RunResult run : results) {
      String benchmark = run.getParams().getBenchmark();
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      int threads = run.getParams().getThreads();
      double nan = Double.NaN;
      Row old =
          rows.getOrDefault(
              key(method, threads), new Row(method, threads, nan, nan, nan, nan, nan));
      double score = run.getPrimaryResult().getScore();
      double error = run.getPrimaryResult().getScoreError();
      String unit = run.getPrimaryResult().getScoreUnit();
      double alloc = allocation(run).orElse(old.bytesPerOp());
      Mode mode = run.getParams().getMode();
      Row updated =
          mode == Mode.Throughput
              ? new Row(
                  method,
                  threads,
                  score * perSecond(unit),
                  error * perSecond(unit),
                  old.nanosPerOp(),
                  old.nanosPerOpError(),
                  alloc)
              : mode == Mode.AverageTime
                  ? new Row(
                      method,
                      threads,
                      old.opsPerSecond(),
                      old.opsPerSecondError(),
                      score * nanos(unit),
                      error * nanos(unit),
                      alloc)
                  : old;
      rows.put(key(method, threads), updated);
    }
    return rows;
  }

  /**
   * The GC profiler's bytes per operation; JMH prefixes the name with a marker that differs by
   * version.
   */
  private static Optional<Double> allocation(RunResult run) {
    // Looked up by name rather than streamed: JMH's Result is a raw type, and -Werror forbids
    // naming it.
    for (String name : run.getSecondaryResults().keySet()) {
      if (name.endsWith("gc.alloc.rate.norm")) {
        return Optional.of(run.getSecondaryResults().get(name).getScore());
      }
    }
    return Optional.empty();
  }

  private static String key(String method, int threads) {
    return method + "@" + threads;
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

  private static double nanos(String unit) {
    return switch (unit) {
      case "ns/op" -> 1;
      case "us/op" -> 1e3;
      case "ms/op" -> 1e6;
      case "s/op" -> 1e9;
      default -> throw new IllegalArgumentException("unexpected time unit " + unit);
    };
  }

  /** Millions of operations per second; a single measured iteration has no error to show. */
  private static String millions(double opsPerSecond, double error) {
    String format = opsPerSecond < 10e6 ? "%,.2f M" : "%,.1f M";
    String value = String.format(Locale.ROOT, format, opsPerSecond / 1e6);
    return Double.isNaN(error)
        ? value
        : value + " ± " + String.format(Locale.ROOT, format, error / 1e6);
  }

  private static String nanos(double value, double error) {
    String format = value < 10 ? "%.3f" : "%.1f";
    String shown = String.format(Locale.ROOT, format, value);
    return Double.isNaN(error) ? shown : shown + " ± " + String.format(Locale.ROOT, format, error);
  }

  private static String bytes(double value) {
    return Double.isNaN(value)
        ? "–"
        : String.format(Locale.ROOT, value < 1 ? "%.3f" : "%.0f", value);
  }

  private static String ratio(double value) {
    return String.format(Locale.ROOT, value < 10 ? "%.2f×" : "%.0f×", value);
  }
}
