package se.krebit.benchmarks;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.results.RunResult;
import se.krebit.benchmarks.JmhScores.Row;

/** Turns {@link TokenStoreBenchmark} results into the Markdown table of {@code BENCHMARKS.md}. */
final class StoreTable {
  static final List<String> OPERATIONS = List.of("load", "save", "refresh");

  private StoreTable() {}

  static String markdown(Collection<RunResult> results) {
    Map<String, Row> rows = JmhScores.rows(results);
    StringBuilder b = new StringBuilder();
    b.append(
        "| operation | store | cipher | throughput (ops/s, mean ± 99.9% CI) | median | average time (µs/op, mean ± 99.9% CI)"
            + " | median | ÷ in-memory (time) | Tink − plaintext (time) |\n");
    b.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (String operation : OPERATIONS) {
      Optional<Row> memory = find(rows, operation, "memory");
      for (String store : TokenStoreBenchmark.STORES) {
        Optional<Row> row = find(rows, operation, store);
        if (row.isEmpty()) {
          continue;
        }
        Row r = row.get();
        String timesMemory =
            memory
                .filter(m -> m.microsPerOp().present() && r.microsPerOp().present())
                .map(m -> ratio(r.microsPerOp().mean() / m.microsPerOp().mean()))
                .orElse("–");
        String cipherCost =
            store.endsWith("-tink")
                ? find(rows, operation, store.replace("-tink", "-plaintext"))
                    .filter(p -> p.microsPerOp().present() && r.microsPerOp().present())
                    .map(p -> signed(r.microsPerOp().mean() - p.microsPerOp().mean()) + " µs")
                    .orElse("–")
                : "–";
        b.append(
            String.format(
                Locale.ROOT,
                "| `%s` | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                operation,
                database(store),
                cipher(store),
                JmhScores.meanAndError(r.opsPerSecond()),
                JmhScores.median(r.opsPerSecond()),
                JmhScores.meanAndError(r.microsPerOp()),
                JmhScores.median(r.microsPerOp()),
                timesMemory,
                cipherCost));
      }
    }
    return b.toString();
  }

  private static Optional<Row> find(Map<String, Row> rows, String operation, String store) {
    return rows.values().stream()
        .filter(
            r -> r.method().equals(operation) && r.param("store").equals(store) && r.threads() == 1)
        .findFirst();
  }

  private static String database(String store) {
    if (store.equals("memory")) {
      return "in-memory `InMemoryTokenStore`";
    }
    return store.startsWith("h2")
        ? "`JdbcTokenStore` on H2 (in memory)"
        : "`JdbcTokenStore` on PostgreSQL";
  }

  private static String cipher(String store) {
    if (store.equals("memory")) {
      return "none (holds objects)";
    }
    return store.endsWith("-tink") ? "Tink AES-256-GCM" : "plaintext";
  }

  private static String signed(double value) {
    return (value < 0 ? "−" : "+") + JmhScores.number(Math.abs(value));
  }

  private static String ratio(double value) {
    return String.format(Locale.ROOT, value < 10 ? "%.2f×" : "%,.0f×", value);
  }
}
