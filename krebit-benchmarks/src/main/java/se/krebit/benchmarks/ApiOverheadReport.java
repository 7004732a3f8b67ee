package se.krebit.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ApiOverheadBenchmark} at 1 and then 2 threads with the GC profiler, and writes the
 * Markdown tables of {@code BENCHMARKS.md} (scores, allocation, {@code me()} as a share of the bare
 * client) from JMH's own results.
 *
 * <p>Usage: {@code java -cp benchmarks.jar se.krebit.benchmarks.ApiOverheadReport --out DIR
 * [--threads 1,2] [JMH options, e.g. -f 2 -wi 2 -i 3]}. Writes {@code api-t<N>.json} (JMH JSON) per
 * thread count and {@code api.md}; JMH's usual text report goes to standard output.
 */
public final class ApiOverheadReport {
  private ApiOverheadReport() {}

  /** See the class comment. */
  public static void main(String[] args) throws CommandLineOptionException, RunnerException, IOException {
    Path out = Path.of("krebit-benchmarks/target/benchmark-results");
    int[] threadCounts = {1, 2};
    List<String> jmhArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--threads" -> threadCounts = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        default -> jmhArgs.add(args[i]);
      }
    }
    Files.createDirectories(out);
    CommandLineOptions cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
    List<RunResult> results = new ArrayList<>();
    for (int threads : threadCounts) {
      OptionsBuilder options = new OptionsBuilder();
      options.parent(cli);
      if (cli.getIncludes().isEmpty()) {
        options.include(ApiOverheadBenchmark.class.getName() + "\\.");
      }
      results.addAll(
          new Runner(
                  options
                      .threads(threads)
                      .addProfiler(GCProfiler.class)
                      .resultFormat(ResultFormatType.JSON)
                      .result(out.resolve("api-t" + threads + ".json").toString())
                      .build())
              .run());
    }
    String table = ApiOverheadTable.markdown(results);
    Files.writeString(out.resolve("api.md"), table, StandardCharsets.UTF_8);
    System.out.println();
    System.out.println(table);
  }
}
