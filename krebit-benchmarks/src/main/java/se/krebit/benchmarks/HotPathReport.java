package se.krebit.benchmarks;

import java.io.IOException;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;

/**
 * Runs {@link HotPathBenchmark} at 1 and then 2 threads with the GC profiler, and writes the
 * Markdown table of {@code BENCHMARKS.md} (scores, allocation, ratios to the floors and the peers)
 * from JMH's own results, so the published table is never retyped by hand.
 *
 * <p>Usage: {@code java -cp benchmarks.jar se.krebit.benchmarks.HotPathReport --out DIR [--threads
 * 1,2] [JMH options, e.g. -f 1 -wi 3 -i 5]}. Writes {@code hotpath-t<N>.json} (JMH JSON) per thread
 * count and {@code hotpath.md}; JMH's usual text report goes to standard output.
 */
public final class HotPathReport {
  private HotPathReport() {}

  /** See the class comment. */
  public static void main(String[] args)
      throws CommandLineOptionException, RunnerException, IOException {
    ThreadCountReport.run(args, HotPathBenchmark.class, "hotpath", HotPathTable::markdown);
  }
}
