package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.testkit.EmittedEvent;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.RecordedDelivery;
import se.krebit.webhooks.VerifiedDelivery;
import se.krebit.webhooks.WebhookEvent.SigningSent;
import se.krebit.webhooks.WebhookListener;

/**
 * The fake Krebit delivers {@code signing.sent} to receivers that deduplicate in PostgreSQL: a
 * retry after a lost answer, a redelivery, and the same deliveries reaching two nodes at once are
 * each processed once; while the database is down deliveries are answered 503 and Krebit's retries
 * are processed once it is back.
 */
class WebhookDeliveriesOnPostgresIT {
  private static final String SECRET = "whsec_postgres_it_5d1c9a";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static PostgresSchema schema;

  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder().app("demo-client", "demo-secret").build();

  private final List<VerifiedDelivery> handled = new CopyOnWriteArrayList<>();
  private final AtomicInteger duplicates = new AtomicInteger();
  private final WebhookListener countDuplicates =
      new WebhookListener() {
        @Override
        public void duplicate(VerifiedDelivery delivery) {
          duplicates.incrementAndGet();
        }
      };

  @BeforeAll
  static void createSchema() {
    schema = PostgresSchema.create();
  }

  @AfterAll
  static void dropSchema() {
    schema.close();
  }

  @Test
  void aRetryAfterALostAnswerAndARedeliveryAreAcknowledgedAndNotProcessedAgain(
      FakeKrebitServer server) {
    try (DeliveryNode node =
        new DeliveryNode(
            schema.pool("webhooks-one-node", 4), SECRET, handled::add, countDuplicates)) {
      register(server, node);
      node.loseNextAnswer();

      EmittedEvent event = server.webhooks().emit("signing.sent", Map.of("signing_id", "sig-pg-1"));

      await().atMost(WAIT).until(() -> server.webhooks().deliveriesOf(event.id()).size() == 2);
      assertThat(server.webhooks().deliveriesOf(event.id()))
          .extracting(RecordedDelivery::status)
          .containsExactly(OptionalInt.of(500), OptionalInt.of(200));
      server.webhooks().redeliver(event.id());
      await().atMost(WAIT).until(() -> duplicates.get() == 2);
      assertThat(handled)
          .singleElement()
          .satisfies(
              delivery -> {
                assertThat(delivery.event()).isInstanceOf(SigningSent.class);
                assertThat(delivery.event().signingId()).contains("sig-pg-1");
              });
    }
  }

  @Test
  void twoNodesGivenTheSameDeliveriesAtOnceProcessEachOnce(FakeKrebitServer server) {
    try (DeliveryNode first =
            new DeliveryNode(
                schema.pool("webhooks-node-a", 4), SECRET, handled::add, countDuplicates);
        DeliveryNode second =
            new DeliveryNode(
                schema.pool("webhooks-node-b", 4), SECRET, handled::add, countDuplicates)) {
      register(server, first);
      register(server, second);

      List<String> events = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        events.add(server.webhooks().emit("signing.sent", Map.of("signing_id", "sig-" + i)).id());
      }

      await()
          .atMost(WAIT)
          .until(
              () ->
                  server.webhooks().deliveries().stream()
                          .filter(RecordedDelivery::delivered)
                          .count()
                      == 100);
      await().atMost(WAIT).until(() -> handled.size() + duplicates.get() == 100);
      assertThat(handled)
          .extracting(delivery -> delivery.event().eventId().orElseThrow())
          .containsExactlyInAnyOrderElementsOf(events);
    }
  }

  @Test
  void whileTheDatabaseIsDownDeliveriesAreAnswered503AndTheRetryIsProcessed(
      FakeKrebitServer server) {
    SwitchableDataSource database = new SwitchableDataSource(schema.pool("webhooks-outage", 4));
    try (DeliveryNode node = new DeliveryNode(database, SECRET, handled::add, countDuplicates)) {
      register(server, node);
      database.down();

      EmittedEvent event = server.webhooks().emit("signing.sent", Map.of("signing_id", "sig-pg-2"));

      await().atMost(WAIT).until(() -> !server.webhooks().deliveriesOf(event.id()).isEmpty());
      assertThat(server.webhooks().deliveriesOf(event.id()).get(0).status())
          .isEqualTo(OptionalInt.of(503));
      assertThat(handled).isEmpty();
      database.up();
      await().atMost(WAIT).until(() -> handled.size() == 1);
      assertThat(server.webhooks().deliveriesOf(event.id()))
          .last()
          .satisfies(d -> assertThat(d.delivered()).isTrue());
    }
  }

  private static void register(FakeKrebitServer server, DeliveryNode node) {
    server.webhooks().retrySchedule(5, Duration.ofMillis(200));
    server.webhooks().registration("demo-client", node.url()).secret(SECRET).register();
  }
}
