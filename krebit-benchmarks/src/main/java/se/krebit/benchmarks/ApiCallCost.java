package se.krebit.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one authenticated API call costs the client, measured from outside (issue 18): a server JVM
 * ({@link ApiCallServer}) pinned with {@code taskset} to one core, and for each contender and
 * repeat a fresh client JVM ({@link ApiCallClient}) pinned to the other, so that neither steals the
 * other's core and CPU time is the client's own. Per call: CPU of every client thread, bytes
 * allocated by every client thread, and threads started (see {@link ClientThreadCost} for why and
 * how).
 *
 * <p>Usage: {@code java -cp benchmarks.jar se.krebit.benchmarks.ApiCallCost [--out DIR] [--clients
 * jdk,okhttp,krebit] [--threads 1,4] [--calls 50000] [--warmup 20000] [--repeats 3] [--smoke]}.
 * Repeats are interleaved (every contender once, then again), the table shows each contender's
 * median repeat with the range of all repeats, and ratios to both bare clients. {@code --smoke}
 * makes a few hundred calls in one client JVM per thread count: it proves the instrument runs, the
 * numbers mean nothing. Writes {@code api-calls.md} and {@code api-calls.txt} (the raw result
 * lines).
 */
public final class ApiCallCost {
  private static final Pattern RESULT =
      Pattern.compile(
          "result client=(\\S+) threads=(\\d+) calls=(\\d+) cpuNs=(-?\\d+) allocBytes=(-?\\d+) started=(\\d+)"
              + " liveThreadCpuNs=(-?\\d+) processCpuNs=(-?\\d+) wallNs=(\\d+) died=(\\d+) user=(\\S+)");

  private ApiCallCost() {}

  /** One client JVM's measurement of one contender: what {@link ClientThreadCost} read there. */
  record Run(String client, int threads, int calls, ClientThreadCost.Cost cost, String user) {
    long threadsStarted() {
      return cost.threadsStarted();
    }

    double cpuMicrosPerCall() {
      return cost.cpuNanos() / 1000.0 / calls;
    }

    double bytesPerCall() {
      return (double) cost.allocatedBytes() / calls;
    }

    double liveThreadMicrosPerCall() {
      return cost.liveThreadCpuNanos() / 1000.0 / calls;
    }

    double processMicrosPerCall() {
      return cost.processCpuNanos() / 1000.0 / calls;
    }
  }

  /** See the class comment. */
  public static void main(String[] args) throws Exception {
    Path out = Path.of("krebit-benchmarks/target/benchmark-results");
    List<String> clients = new ArrayList<>(ApiCallContenders.ALL);
    List<Integer> threadCounts = List.of(1, 4);
    int calls = 50_000;
    int warmup = 10_000;
    int repeats = 3;
    boolean smoke = false;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--smoke")) {
        smoke = true;
        continue;
      }
      String value = args[++i];
      switch (option) {
        case "--out" -> out = Path.of(value);
        case "--clients" -> clients = List.of(value.split(","));
        case "--threads" ->
            threadCounts = Arrays.stream(value.split(",")).map(Integer::valueOf).toList();
        case "--calls" -> calls = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--repeats" -> repeats = Integer.parseInt(value);
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    if (smoke) {
      calls = 200;
      warmup = 200;
      repeats = 1;
    }
    clients.forEach(ApiCallContenders::label);
    Files.createDirectories(out);
    Pinning pinning = Pinning.detect();
    StringBuilder raw = new StringBuilder();
    Map<String, List<Run>> runs = new LinkedHashMap<>();
    Process server = start(pinning.serverPrefix(), ApiCallServer.class, List.of());
    try {
      BufferedReader serverOut =
          new BufferedReader(new InputStreamReader(server.getInputStream(), UTF_8));
      String first = serverOut.readLine();
      if (first == null || !first.startsWith("listening ")) {
        throw new IllegalStateException("the server did not start: " + first);
      }
      URI base = URI.create(first.split(" ")[1]);
      String header =
          "server "
              + first
              + "; "
              + pinning.description()
              + "; calls "
              + calls
              + " after "
              + warmup
              + " warm-up calls, "
              + repeats
              + " interleaved repeat(s)";
      System.out.println(header);
      raw.append(header).append('\n');
      for (int repeat = 1; repeat <= repeats; repeat++) {
        for (int threads : threadCounts) {
          // Smoke: every contender in one JVM, to stay within seconds; a real run: a fresh JVM per
          // contender.
          List<List<String>> jvms =
              smoke ? List.of(clients) : clients.stream().map(List::of).toList();
          for (List<String> jvm : jvms) {
            String before = stats(base);
            List<String> lines = runClient(pinning, base, jvm, threads, warmup, calls);
            String after = stats(base);
            for (String line : lines) {
              Run run = parse(line);
              checkSameUser(runs, run);
              runs.computeIfAbsent(run.client() + "@" + threads, k -> new ArrayList<>()).add(run);
              raw.append("repeat ").append(repeat).append(' ').append(line).append('\n');
              System.out.printf(
                  Locale.ROOT,
                  "repeat %d, %d thread(s), %-7s %8.1f µs/call %9.0f B/call %6d threads started%n",
                  repeat,
                  threads,
                  run.client(),
                  run.cpuMicrosPerCall(),
                  run.bytesPerCall(),
                  run.threadsStarted());
            }
            checkTokenRequests(jvm, before, after);
          }
        }
      }
    } finally {
      server.getOutputStream().close();
      server.waitFor();
    }
    String table = ApiCallTable.markdown(runs, clients, threadCounts);
    Files.writeString(out.resolve("api-calls.txt"), raw.toString(), UTF_8);
    Files.writeString(out.resolve("api-calls.md"), table, UTF_8);
    System.out.println();
    System.out.println(table);
  }

  /** Every contender bound the same user from the same body: else they measured different work. */
  private static void checkSameUser(Map<String, List<Run>> runs, Run run) {
    runs.values().stream()
        .flatMap(List::stream)
        .filter(other -> !other.user().equals(run.user()))
        .findFirst()
        .ifPresent(
            other -> {
              throw new IllegalStateException(
                  run.client()
                      + " read user "
                      + run.user()
                      + ", "
                      + other.client()
                      + " "
                      + other.user());
            });
  }

  /**
   * Only our client asks for a token, once per JVM: more would mean the measurement included
   * refreshes.
   */
  private static void checkTokenRequests(List<String> jvm, String before, String after) {
    long tokens = count(after, "token") - count(before, "token");
    long expected = jvm.contains(ApiCallContenders.KREBIT) ? 1 : 0;
    expected += jvm.stream().filter(c -> c.startsWith(ApiCallContenders.KREBIT + "-")).count();
    if (tokens != expected) {
      throw new IllegalStateException(
          "the token endpoint was asked " + tokens + " times; expected " + expected);
    }
  }

  private static long count(String stats, String name) {
    Matcher m = Pattern.compile(name + "=(\\d+)").matcher(stats);
    if (!m.find()) {
      throw new IllegalStateException("unreadable server stats: " + stats);
    }
    return Long.parseLong(m.group(1));
  }

  private static String stats(URI base) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    return client
        .send(
            HttpRequest.newBuilder(base.resolve("stats")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static List<String> runClient(
      Pinning pinning, URI base, List<String> clients, int threads, int warmup, int calls)
      throws IOException, InterruptedException {
    Process client =
        start(
            pinning.clientPrefix(),
            ApiCallClient.class,
            List.of(
                "--base",
                base.toString(),
                "--clients",
                String.join(",", clients),
                "--threads",
                Integer.toString(threads),
                "--warmup",
                Integer.toString(warmup),
                "--calls",
                Integer.toString(calls)));
    client.getOutputStream().close();
    List<String> results = new ArrayList<>();
    StringBuilder other = new StringBuilder();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(client.getInputStream(), UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("result ")) {
          results.add(line);
        } else {
          other.append(line).append('\n');
        }
      }
    }
    int exit = client.waitFor();
    if (exit != 0 || results.size() != clients.size()) {
      throw new IllegalStateException(
          "client JVM for "
              + clients
              + " exited "
              + exit
              + " with "
              + results.size()
              + " result(s); its output:\n"
              + other);
    }
    return results;
  }

  private static Run parse(String line) {
    Matcher m = RESULT.matcher(line);
    if (!m.matches()) {
      throw new IllegalStateException("unreadable result line: " + line);
    }
    ClientThreadCost.Cost cost =
        new ClientThreadCost.Cost(
            Long.parseLong(m.group(4)),
            Long.parseLong(m.group(5)),
            Long.parseLong(m.group(6)),
            Long.parseLong(m.group(7)),
            Long.parseLong(m.group(8)),
            Long.parseLong(m.group(9)),
            Integer.parseInt(m.group(10)));
    return new Run(
        m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), cost, m.group(11));
  }

  private static Process start(List<String> prefix, Class<?> main, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // HotSpot's internal-thread CPU (ClientThreadCost) is behind sun.management.
    command.addAll(
        List.of(
            "-Xms512m",
            "-Xmx512m",
            "--add-exports",
            "java.management/sun.management=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            main.getName()));
    command.addAll(args);
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /**
   * Which cores the server and the client run on: {@code taskset} when the machine has it and two
   * cores.
   */
  record Pinning(List<String> serverPrefix, List<String> clientPrefix, String description) {
    static Pinning detect() {
      int cores = Runtime.getRuntime().availableProcessors();
      boolean taskset =
          Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
              .anyMatch(dir -> Files.isExecutable(Path.of(dir, "taskset")));
      if (taskset && cores >= 2) {
        return new Pinning(
            List.of("taskset", "-c", "1"),
            List.of("taskset", "-c", "0"),
            "pinned with taskset: server on core 1, client on core 0");
      }
      String why = taskset ? "only " + cores + " core(s)" : "taskset is not on the PATH";
      System.out.println(
          "NOT PINNED ("
              + why
              + "): server and client share the cores; CPU and allocation per call"
              + " stay comparable, wall time does not");
      return new Pinning(List.of(), List.of(), "NOT PINNED (" + why + ")");
    }
  }
}
