package se.krebit.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link TokenStoreBenchmark} on every store it can reach and writes the Markdown table of
 * {@code BENCHMARKS.md} from JMH's own results. PostgreSQL is measured when {@code
 * KREBIT_TEST_POSTGRES_URL} is set and left out, with a note on standard output and in the table,
 * when it is not: benchmarks are not tests.
 *
 * <p>Usage: {@code java -cp benchmarks.jar se.krebit.benchmarks.StoreReport --out DIR [JMH options,
 * e.g. -f 1 -wi 2 -i 3 -p users=100]}. A {@code -p store=…} given here is used as is. Writes {@code
 * stores.json} (JMH JSON) and {@code stores.md}.
 */
public final class StoreReport {
  private StoreReport() {}

  /** See the class comment. */
  public static void main(String[] args)
      throws CommandLineOptionException, RunnerException, IOException {
    Path out = Path.of("krebit-benchmarks/target/benchmark-results");
    List<String> jmhArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--out")) {
        out = Path.of(args[++i]);
      } else {
        jmhArgs.add(args[i]);
      }
    }
    Files.createDirectories(out);
    CommandLineOptions cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
    OptionsBuilder options = new OptionsBuilder();
    options.parent(cli);
    if (cli.getIncludes().isEmpty()) {
      options.include(TokenStoreBenchmark.class.getName() + "\\.");
    }
    String note = "";
    if (!cli.getParameter("store").hasValue() && !postgresConfigured()) {
      note =
          "PostgreSQL not measured: "
              + TokenStoreBenchmark.POSTGRES_URL_ENV
              + " (with _USER and _PASSWORD) is not set.";
      System.out.println("NOTE: " + note);
      options.param(
          "store",
          Arrays.stream(TokenStoreBenchmark.STORES)
              .filter(s -> !s.startsWith("postgresql"))
              .toArray(String[]::new));
    }
    Collection<RunResult> results =
        new Runner(
                options
                    .threads(1)
                    .resultFormat(ResultFormatType.JSON)
                    .result(out.resolve("stores.json").toString())
                    .build())
            .run();
    String table = StoreTable.markdown(results) + (note.isEmpty() ? "" : "\n" + note + "\n");
    Files.writeString(out.resolve("stores.md"), table, StandardCharsets.UTF_8);
    System.out.println();
    System.out.println(table);
  }

  static boolean postgresConfigured() {
    String url = System.getenv(TokenStoreBenchmark.POSTGRES_URL_ENV);
    return url != null && !url.isBlank();
  }
}
