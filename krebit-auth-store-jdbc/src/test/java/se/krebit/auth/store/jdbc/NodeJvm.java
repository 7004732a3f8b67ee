package se.krebit.auth.store.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A node of a multi-process test: a JVM of its own on the test class path, running {@code main}
 * with the test PostgreSQL server in its environment, its standard error in {@code
 * target/NAME.log}, every line of its standard output handed to a consumer, and its standard input
 * to send commands on.
 */
record NodeJvm(Process process, PrintStream commands) {
  /**
   * Starts one.
   *
   * @param extraEnvironment variables beside the PostgreSQL ones
   * @param lines gets each line the node prints, on a reader thread of its own
   */
  static NodeJvm start(
      String name,
      PostgresServer server,
      Class<?> main,
      List<String> arguments,
      Map<String, String> extraEnvironment,
      Consumer<String> lines)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                // Small, short-lived JVMs on a shared 2-core machine: one GC thread, and no C2
                // compiler at work.
                java,
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.put(PostgresServer.URL_ENV, server.url);
    environment.put(PostgresServer.USER_ENV, server.user);
    environment.put(PostgresServer.PASSWORD_ENV, server.password);
    environment.putAll(extraEnvironment);
    Path log = Path.of("target", name + ".log");
    Files.createDirectories(log.getParent());
    builder.redirectError(log.toFile());
    Process process = builder.start();
    Thread reader = new Thread(() -> read(process, lines), name + "-reader");
    reader.setDaemon(true);
    reader.start();
    return new NodeJvm(
        process, new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8));
  }

  /** Sends one command line. */
  void send(String command) {
    commands.println(command);
  }

  /** Waits for the process to end, and ends it if it has not within 20 s. */
  void awaitExit() throws InterruptedException {
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private static void read(Process process, Consumer<String> lines) {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.accept(line);
      }
    } catch (IOException e) {
      // The process ended; the test sees no line and fails on its timeout.
    }
  }
}
