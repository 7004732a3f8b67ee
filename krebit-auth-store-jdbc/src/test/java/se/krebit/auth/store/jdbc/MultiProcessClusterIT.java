package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.testkit.SettableClock;

/**
 * Three nodes in three JVMs ({@link ClusterNodeMain}, started from the test class path) sharing one
 * PostgreSQL database and a strict server whose state lives in it ({@link SqlAuthorizationServer}).
 * Users sign in here; then the nodes' clocks move together through five token lifetimes, all three
 * asking for every user's token at once after each expiry. Each user's refresh token is redeemed
 * exactly once per lifetime, counted by the server's table, with no {@code invalid_grant}.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MultiProcessClusterIT {
  private static final int PROCESSES = 3;
  private static final int SUBJECTS = 100;
  private static final int LIFETIMES = 5;
  private static final Duration LIFETIME = Duration.ofHours(1);
  private static final long REPLY_SECONDS = 90;

  private final PostgresSchema schema = PostgresSchema.create();
  private final String keyset = TinkTokenCipher.generateKeysetJson();
  private final SettableClock clock = SettableClock.create();
  private final List<Node> nodes = new ArrayList<>();
  private final ExecutorService fetches = Executors.newFixedThreadPool(4);

  /** A node process, its commands and its protocol lines. */
  private record Node(Process process, PrintStream commands, BlockingQueue<String> replies) {
    void send(String command) {
      commands.println(command);
    }

    String await(String prefix) throws InterruptedException {
      String reply = replies.poll(REPLY_SECONDS, TimeUnit.SECONDS);
      assertThat(reply).as("reply of node %d to a command", process.pid()).isNotNull().startsWith(prefix);
      return reply;
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (Node node : nodes) {
      node.send("quit");
    }
    for (Node node : nodes) {
      if (!node.process.waitFor(20, TimeUnit.SECONDS)) {
        node.process.destroyForcibly();
      }
    }
    fetches.shutdownNow();
    schema.close();
  }

  @Test
  void threeJvmsRedeemEachRefreshTokenOncePerLifetime() throws Exception {
    TinkTokenCipher cipher = TinkTokenCipher.fromKeysetJson(keyset);
    var database = schema.pool("multi-process-setup", 4);
    ClusterNode.createTables(database, cipher);
    SqlAuthorizationServer server = new SqlAuthorizationServer(database, LIFETIME, ClusterNode.REDIRECT);
    server.createTable();
    AuthorizationCodeFlow here = ClusterNode.flow(database, cipher, server.endpoint(), clock, fetches);
    for (int i = 0; i < SUBJECTS; i++) {
      String subject = ClusterNode.subject(i);
      here.complete(server.callback(here.begin(ClusterNode.REDIRECT, subject), subject));
    }
    for (int n = 0; n < PROCESSES; n++) {
      nodes.add(start(n));
    }
    for (Node node : nodes) {
      node.await("node ready");
    }

    askEverywhere();
    assertThat(server.subjectsRedeemed(0)).isEqualTo(SUBJECTS);

    for (int lifetime = 1; lifetime <= LIFETIMES; lifetime++) {
      clock.advance(LIFETIME);
      for (Node node : nodes) {
        node.send("time " + clock.millis());
      }
      for (Node node : nodes) {
        node.await("node ok");
      }

      askEverywhere();

      assertThat(server.subjectsRedeemed(lifetime)).as("users redeemed %d times", lifetime).isEqualTo(SUBJECTS);
      assertThat(server.invalidGrants()).isZero();
      assertThat(server.revokedFamilies()).isZero();
    }
  }

  private void askEverywhere() throws InterruptedException {
    for (Node node : nodes) {
      node.send("ask");
    }
    for (Node node : nodes) {
      assertThat(node.await("node asked")).isEqualTo("node asked " + SUBJECTS + " 0");
    }
  }

  private Node start(int n) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(
        java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), ClusterNodeMain.class.getName(),
        schema.name(), Integer.toString(SUBJECTS), Long.toString(LIFETIME.toSeconds()), Long.toString(clock.millis()));
    PostgresServer server = schema.server();
    Map<String, String> environment = builder.environment();
    environment.put(PostgresServer.URL_ENV, server.url);
    environment.put(PostgresServer.USER_ENV, server.user);
    environment.put(PostgresServer.PASSWORD_ENV, server.password);
    environment.put("KREBIT_NODE_KEYSET", keyset);
    Path log = Path.of("target", "cluster-node-" + n + ".log");
    Files.createDirectories(log.getParent());
    builder.redirectError(log.toFile());
    Process process = builder.start();
    BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> readReplies(process, replies), "cluster-node-" + n + "-reader");
    reader.setDaemon(true);
    reader.start();
    return new Node(process, new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8), replies);
  }

  private static void readReplies(Process process, BlockingQueue<String> replies) {
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
