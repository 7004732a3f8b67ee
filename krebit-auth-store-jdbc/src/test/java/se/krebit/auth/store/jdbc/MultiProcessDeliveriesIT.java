package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.RecordedDelivery;

/**
 * Three JVMs ({@link DeliveryNodeMain}) receiving Krebit's webhooks and deduplicating in one
 * PostgreSQL schema. The fake Krebit server, in this JVM, has each node's URL registered, so every
 * event reaches all three at about the same time, and then again when it is redelivered: six
 * deliveries of each event across three processes, and each event must be processed exactly once.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MultiProcessDeliveriesIT {
  private static final int PROCESSES = 3;
  private static final int EVENTS = 30;
  private static final String SECRET = "whsec_multi_process_7a3e";
  private static final long REPLY_SECONDS = 90;

  private final PostgresSchema schema = PostgresSchema.create();
  private final FakeKrebitServer krebit =
      FakeKrebitServer.builder().app("demo-client", "demo-secret").build().start();
  private final List<Node> nodes = new ArrayList<>();

  /** A node process and the protocol lines it printed, but those of deliveries it handled. */
  private record Node(NodeJvm jvm, BlockingQueue<String> lines) {
    String await(String prefix) throws InterruptedException {
      for (String line = lines.poll(REPLY_SECONDS, TimeUnit.SECONDS);
          line != null;
          line = lines.poll(REPLY_SECONDS, TimeUnit.SECONDS)) {
        if (line.startsWith(prefix)) {
          return line.substring(prefix.length()).trim();
        }
      }
      throw new AssertionError(
          "node " + jvm.process().pid() + " did not say '" + prefix + "' in time");
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (Node node : nodes) {
      node.jvm.awaitExit();
    }
    krebit.close();
    schema.close();
  }

  @Test
  void threeJvmsProcessEachEventOnceHoweverOftenItArrives() throws Exception {
    JdbcDeliveryDeduplicator.builder(schema.pool("multi-process-deliveries-setup", 1))
        .createTableIfMissing(true)
        .build();
    List<String> handled = new CopyOnWriteArrayList<>();
    for (int n = 0; n < PROCESSES; n++) {
      nodes.add(start(n, handled));
    }
    for (Node node : nodes) {
      krebit
          .webhooks()
          .registration("demo-client", URI.create(node.await("node ready")))
          .secret(SECRET)
          .register();
    }

    List<String> events = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      events.add(krebit.webhooks().emit("signing.sent", Map.of("signing_id", "sig-" + i)).id());
    }
    awaitDelivered(EVENTS * PROCESSES);
    events.forEach(krebit.webhooks()::redeliver);
    awaitDelivered(2 * EVENTS * PROCESSES);
    for (Node node : nodes) {
      node.jvm.send("quit");
    }
    for (Node node : nodes) {
      node.await("node done");
    }

    assertThat(handled)
        .as("events processed, across the three processes")
        .containsExactlyInAnyOrderElementsOf(events);
  }

  private void awaitDelivered(int deliveries) {
    await()
        .atMost(Duration.ofSeconds(REPLY_SECONDS))
        .until(
            () ->
                krebit.webhooks().deliveries().stream().filter(RecordedDelivery::delivered).count()
                    == deliveries);
  }

  private Node start(int n, List<String> handled) throws IOException {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    NodeJvm jvm =
        NodeJvm.start(
            "delivery-node-" + n,
            schema.server(),
            DeliveryNodeMain.class,
            List.of(schema.name(), SECRET),
            Map.of(),
            line -> {
              if (line.startsWith("node handled ")) {
                handled.add(line.substring("node handled ".length()));
              } else if (line.startsWith("node ")) {
                lines.add(line);
              }
            });
    return new Node(jvm, lines);
  }
}
