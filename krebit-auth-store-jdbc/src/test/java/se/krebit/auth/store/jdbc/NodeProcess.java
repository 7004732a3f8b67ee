package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An application node in a JVM of its own, started from the test class path with the test
 * PostgreSQL server's settings in its environment, driven with one command per line on its standard
 * input and answering with lines that start with {@code node}. Its standard error goes to
 * {@code target/<name>.log}.
 */
final class NodeProcess {
  private static final long REPLY_SECONDS = 90;

  private final Process process;
  private final PrintStream commands;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

  private NodeProcess(Process process) {
    this.process = process;
    this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readReplies, "node-" + process.pid() + "-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code main} with {@code arguments}; {@code environment} adds to the PostgreSQL settings.
   * Small JVMs for a shared 2-core machine: one GC thread, and no C2 compiler at work.
   */
  static NodeProcess start(String name, Class<?> main, Map<String, String> environment, String... arguments)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    PostgresServer server = PostgresServer.get();
    builder.environment().put(PostgresServer.URL_ENV, server.url);
    builder.environment().put(PostgresServer.USER_ENV, server.user);
    builder.environment().put(PostgresServer.PASSWORD_ENV, server.password);
    builder.environment().putAll(environment);
    Path log = Path.of("target", name + ".log");
    Files.createDirectories(log.getParent());
    builder.redirectError(log.toFile());
    return new NodeProcess(builder.start());
  }

  void send(String command) {
    commands.println(command);
  }

  /** The rest of the node's next reply, which must start with {@code prefix}. */
  String await(String prefix) throws InterruptedException {
    String reply = replies.poll(REPLY_SECONDS, TimeUnit.SECONDS);
    assertThat(reply).as("reply of node %d to a command", process.pid()).isNotNull().startsWith(prefix);
    return reply.substring(prefix.length()).trim();
  }

  /** Asks the node to quit, and ends it if it has not within 20 s. */
  void stop() throws InterruptedException {
    send("quit");
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /** Stops every node of {@code nodes}. */
  static void stopAll(List<NodeProcess> nodes) throws InterruptedException {
    for (NodeProcess node : nodes) {
      node.stop();
    }
  }

  private void readReplies() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("node ")) {
          replies.add(line);
        }
      }
    } catch (IOException e) {
      // The process ended; the test sees no reply and fails on its timeout.
    }
  }
}
