package se.krebit.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs one benchmark class once per thread count with the GC profiler and writes its Markdown table
 * from JMH's own results, so a published table is never retyped by hand. The shared body of {@link
 * HotPathReport} and {@link ApiOverheadReport}.
 *
 * <p>Arguments: {@code --out DIR}, {@code --threads 1,2}, and any JMH options. Writes {@code
 * <name>-t<N>.json} (JMH JSON) per thread count and {@code <name>.md}; JMH's usual text report and
 * then the table go to standard output, which is this command-line program's output.
 */
final class ThreadCountReport {
  private ThreadCountReport() {}

  static void run(
      String[] args, Class<?> benchmark, String name, Function<Collection<RunResult>, String> table)
      throws CommandLineOptionException, RunnerException, IOException {
    Path out = Path.of("krebit-benchmarks/target/benchmark-results");
    int[] threadCounts = {1, 2};
    List<String> jmhArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--threads" ->
            threadCounts =
                Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
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
        options.include(benchmark.getName() + "\\.");
      }
      results.addAll(
          new Runner(
                  options
                      .threads(threads)
                      .addProfiler(GCProfiler.class)
                      .resultFormat(ResultFormatType.JSON)
                      .result(out.resolve(name + "-t" + threads + ".json").toString())
                      .build())
              .run());
    }
    String markdown = table.apply(results);
    Files.writeString(out.resolve(name + ".md"), markdown, StandardCharsets.UTF_8);
    System.out.println();
    System.out.println(markdown);
  }
}
