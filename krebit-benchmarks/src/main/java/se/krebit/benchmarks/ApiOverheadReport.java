package se.krebit.benchmarks;

import java.io.IOException;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;

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
  public static void main(String[] args)
      throws CommandLineOptionException, RunnerException, IOException {
    ThreadCountReport.run(args, ApiOverheadBenchmark.class, "api", ApiOverheadTable::markdown);
  }
}
