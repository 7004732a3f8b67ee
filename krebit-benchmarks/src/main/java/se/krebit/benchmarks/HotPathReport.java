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
 * Runs {@link HotPathBenchmark} at 1 and then 2 threads with the GC profiler, and writes the
 * Markdown table of {@code BENCHMARKS.md} (scores, allocation, ratios to the floors and the peers)
 * from JMH's own results, so the published table is never retyped by hand.
 *
 * <p>Usage: {@code java -cp benchmarks.jar se.krebit.benchmarks.HotPathReport --out DIR [--threads 1,2]
 * [JMH options, e.g. -f 1 -wi 3 -i 5]}. Writes {@code hotpath-t<N>.json} (JMH JSON) per thread count
 * and {@code hotpath.md}; JMH's usual text report goes to standard output.
 */
public final class HotPathReport {
  private HotPathReport() {}

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
        options.include(HotPathBenchmark.class.getName() + "\\.");
      }
      results.addAll(
          new Runner(
                  options
                      .threads(threads)
                      .addProfiler(GCProfiler.class)
                      .resultFormat(ResultFormatType.JSON)
                      .result(out.resolve("hotpath-t" + threads + ".json").toString())
                      .build())
              .run());
    }
    String table = HotPathTable.markdown(results);
    Files.writeString(out.resolve("hotpath.md"), table, StandardCharsets.UTF_8);
    System.out.println();
    System.out.println(table);
  }
}
