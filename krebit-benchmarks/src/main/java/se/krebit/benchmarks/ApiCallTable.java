package se.krebit.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import se.krebit.benchmarks.ApiCallCost.Run;

/**
 * The Markdown table of {@link ApiCallCost}: per thread count and contender, the median over the
 * repeats (with their range) of CPU and allocation per call, each as a multiple of both bare
 * clients, the threads started during the measured calls, and two cross-checks of the CPU: the sum
 * over the threads seen alive, and the whole process's CPU (with garbage collector and JIT
 * compilers).
 */
final class ApiCallTable {
  private ApiCallTable() {}

  static String markdown(
      Map<String, List<Run>> runs, List<String> clients, List<Integer> threadCounts) {
    StringBuilder table = new StringBuilder();
    table.append(
        "| threads | client | CPU µs/call, all Java threads (median [range]) | × bare JDK | × bare OkHttp"
            + " | bytes/call (median [range]) | × bare JDK | × bare OkHttp | threads started (max per run)"
            + " | cross-check: CPU µs/call of threads seen alive | cross-check: process CPU µs/call incl. GC and JIT |\n");
    table.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (int threads : threadCounts) {
      List<Run> jdk = runs.get(ApiCallContenders.BARE_JDK + "@" + threads);
      List<Run> okhttp = runs.get(ApiCallContenders.BARE_OKHTTP + "@" + threads);
      for (String client : clients) {
        List<Run> these = runs.get(client + "@" + threads);
        if (these == null) {
          continue;
        }
        double cpu = median(these, Run::cpuMicrosPerCall);
        double bytes = median(these, Run::bytesPerCall);
        long started = these.stream().mapToLong(Run::threadsStarted).max().orElse(0);
        table.append(
            String.format(
                Locale.ROOT,
                "| %d | %s | %.1f [%.1f–%.1f] | %s | %s | %,.0f [%,.0f–%,.0f] | %s | %s | %d | %.1f | %.1f |%n",
                threads,
                ApiCallContenders.label(client),
                cpu,
                min(these, Run::cpuMicrosPerCall),
                max(these, Run::cpuMicrosPerCall),
                ratio(cpu, jdk, Run::cpuMicrosPerCall),
                ratio(cpu, okhttp, Run::cpuMicrosPerCall),
                bytes,
                min(these, Run::bytesPerCall),
                max(these, Run::bytesPerCall),
                ratio(bytes, jdk, Run::bytesPerCall),
                ratio(bytes, okhttp, Run::bytesPerCall),
                started,
                median(these, Run::liveThreadMicrosPerCall),
                median(these, Run::processMicrosPerCall)));
      }
    }
    return table.toString();
  }

  private static String ratio(double value, List<Run> base, ToDoubleFunction<Run> metric) {
    if (base == null) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.2f", value / median(base, metric));
  }

  static double median(List<Run> runs, ToDoubleFunction<Run> metric) {
    double[] values = runs.stream().mapToDouble(metric).sorted().toArray();
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  private static double min(List<Run> runs, ToDoubleFunction<Run> metric) {
    return runs.stream().mapToDouble(metric).min().orElse(Double.NaN);
  }

  private static double max(List<Run> runs, ToDoubleFunction<Run> metric) {
    return runs.stream().mapToDouble(metric).max().orElse(Double.NaN);
  }
}
