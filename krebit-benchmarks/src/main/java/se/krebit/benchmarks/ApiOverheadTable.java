package se.krebit.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.openjdk.jmh.results.RunResult;
import se.krebit.benchmarks.JmhScores.Row;
import se.krebit.benchmarks.JmhScores.Score;

/** Turns {@link ApiOverheadBenchmark} results into the Markdown tables of {@code BENCHMARKS.md}. */
final class ApiOverheadTable {
  static final String BARE = "bareHttpClient";
  static final String BARE_JACKSON = "bareHttpClientJackson";
  static final String OURS = "krebitMe";

  /**
   * The target: {@code me()} at no less than this share of the bare client's throughput.
   */
  static final double TARGET = 0.85;

  private static final Map<String, String> LABELS = new LinkedHashMap<>();

  static {
    LABELS.put(BARE, "bare `HttpClient`: body as `String`");
    LABELS.put(BARE_JACKSON, "bare `HttpClient`: body as `String`, then Jackson to a record");
    LABELS.put(OURS, "**Krebit** `KrebitClient.me()`");
  }

  private ApiOverheadTable() {}

  static String markdown(Collection<RunResult> results) {
    Map<String, Row> rows = JmhScores.rows(results);
    TreeSet<Integer> threadCounts = new TreeSet<>();
    rows.values().forEach(r -> threadCounts.add(r.threads()));
    StringBuilder b = new StringBuilder();
    b.append(
        "| threads | client | throughput (ops/s, mean ± 99.9% CI) | median | average time (µs/op, mean ± 99.9% CI)"
            + " | median | gc.alloc.rate.norm (B/op) |\n");
    b.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (int threads : threadCounts) {
      for (String method : LABELS.keySet()) {
        Row r = rows.get(JmhScores.key(method, Map.of(), threads));
        if (r == null) {
          continue;
        }
        b.append(
            String.format(
                Locale.ROOT,
                "| %d | %s | %s | %s | %s | %s | %s |%n",
                threads,
                LABELS.get(method),
                JmhScores.meanAndError(r.opsPerSecond()),
                JmhScores.median(r.opsPerSecond()),
                JmhScores.meanAndError(r.microsPerOp()),
                JmhScores.median(r.microsPerOp()),
                JmhScores.bytes(r.bytesPerOp())));
      }
    }
    b.append(
        "\n`me()` as a share of the bare client (target: ≥ 85 % of the bare client's throughput, body as `String`):\n\n");
    b.append(
        "| threads | `me()` ÷ bare, throughput (mean) | range over the CIs | `me()` ÷ bare + Jackson | bare ÷ `me()`, average time"
            + " | extra time per call | ≥ 85 % |\n");
    b.append("| ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (int threads : threadCounts) {
      Row ours = rows.get(JmhScores.key(OURS, Map.of(), threads));
      Row bare = rows.get(JmhScores.key(BARE, Map.of(), threads));
      if (ours == null || bare == null) {
        continue;
      }
      Row jackson = rows.get(JmhScores.key(BARE_JACKSON, Map.of(), threads));
      Score o = ours.opsPerSecond();
      Score r = bare.opsPerSecond();
      double share = o.mean() / r.mean();
      String range =
          Double.isNaN(o.error()) || Double.isNaN(r.error())
              ? "–"
              : percent((o.mean() - o.error()) / (r.mean() + r.error()))
                  + "–"
                  + (r.mean() > r.error()
                      ? percent((o.mean() + o.error()) / (r.mean() - r.error()))
                      : "∞");
      String vsJackson = jackson == null ? "–" : percent(o.mean() / jackson.opsPerSecond().mean());
      String byTime =
          ours.microsPerOp().present() && bare.microsPerOp().present()
              ? percent(bare.microsPerOp().mean() / ours.microsPerOp().mean())
              : "–";
      String extra =
          ours.microsPerOp().present() && bare.microsPerOp().present()
              ? (ours.microsPerOp().mean() >= bare.microsPerOp().mean() ? "+" : "−")
                  + JmhScores.number(
                      Math.abs(ours.microsPerOp().mean() - bare.microsPerOp().mean()))
                  + " µs"
              : "–";
      b.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %s | %s | %s | %s | %s |%n",
              threads,
              percent(share),
              range,
              vsJackson,
              byTime,
              extra,
              share >= TARGET ? "met" : "**missed**"));
    }
    return b.toString();
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f %%", share * 100);
  }
}
