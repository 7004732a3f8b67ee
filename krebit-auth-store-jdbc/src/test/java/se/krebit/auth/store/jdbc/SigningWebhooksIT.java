package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.krebit.api.Document;
import se.krebit.api.KrebitClient;
import se.krebit.api.NewSigning;
import se.krebit.api.Signing;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.testkit.EmittedEvent;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.RecordedDelivery;
import se.krebit.testkit.SamplePdf;
import se.krebit.webhooks.VerifiedDelivery;
import se.krebit.webhooks.WebhookEvent;
import se.krebit.webhooks.WebhookEvent.DocumentCompleted;
import se.krebit.webhooks.WebhookEvent.SigningCancelled;
import se.krebit.webhooks.WebhookEvent.SigningSent;
import se.krebit.webhooks.WebhookListener;
import se.krebit.webhooks.WebhookReceiver;
import se.krebit.webhooks.WebhookRejection;
import se.krebit.webhooks.WebhookSecret;
import se.krebit.webhooks.WebhookVerifier;
import se.krebit.webhooks.memory.InMemoryDeliveryDeduplicator;
import se.krebit.webhooks.spi.DeliveryDeduplicator;

/**
 * Issue 16 end to end: an application's webhook endpoint, a servlet in Jetty or a handler in the
 * JDK's HTTP server, deduplicating in memory or in PostgreSQL, registered with the fake Krebit. A
 * draft created through {@link KrebitClient} and sent with the fake's test control arrives as a
 * verified {@code signing.sent}, is retried after a 500, and is processed once however often it
 * comes; a cancelled signing and a completed one arrive as their typed events.
 */
class SigningWebhooksIT {
  private static final String CLIENT_ID = "demo-client";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final AtomicInteger POOLS = new AtomicInteger();
  private static PostgresSchema schema;

  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder().app(CLIENT_ID, "demo-secret").build();

  /** Where the application remembers the deliveries it took. */
  enum Store {
    IN_MEMORY,
    POSTGRESQL
  }

  @BeforeAll
  static void createSchema() {
    schema = PostgresSchema.create();
  }

  @AfterAll
  static void dropSchema() {
    schema.close();
  }

  static Stream<Arguments> endpoints() {
    return Stream.of(EndpointServer.values())
        .flatMap(server -> Stream.of(Store.values()).map(store -> Arguments.of(server, store)));
  }

  @ParameterizedTest(name = "{0}, deduplicating {1}")
  @MethodSource("endpoints")
  void aSentDraftArrivesAsAVerifiedSigningSentRetriedAfterA500(
      EndpointServer server, Store store, FakeKrebitServer krebit) {
    try (Application app = new Application(server, store, krebit)) {
      app.door.failNext();

      Sent sent = sendADraftAnsweredFirst500(krebit, "Issue 16, end to end");

      await().atMost(WAIT).until(() -> app.handled.size() == 1);
      VerifiedDelivery delivery = app.handled.get(0);
      assertThat(delivery.event()).isInstanceOf(SigningSent.class);
      assertThat(delivery.event().signingId()).contains(sent.draft().id());
      assertThat(delivery.event().eventId()).contains(sent.event().id());
      assertThat(delivery.event().payload().json()).isEqualTo(sent.event().body());
      assertThat(delivery.clientId()).contains(CLIENT_ID);
      assertThat(delivery.secretFingerprint()).isEqualTo(app.secret.fingerprint());
      assertThat(app.rejections).isEmpty();
      assertThat(app.duplicates).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}, deduplicating {1}")
  @MethodSource("endpoints")
  void aSecondDeliveryOfTheSentDraftsEventIsANoOp(
      EndpointServer server, Store store, FakeKrebitServer krebit) {
    try (Application app = new Application(server, store, krebit)) {
      app.door.loseNextAnswer();
      Sent sent = sendADraftAnsweredFirst500(krebit, "Issue 16, once");
      await().atMost(WAIT).until(() -> app.duplicates.size() == 1 && app.handled.size() == 1);

      krebit.webhooks().redeliver(sent.event().id());

      await().atMost(WAIT).until(() -> app.duplicates.size() == 2);
      assertThat(app.handled)
          .singleElement()
          .satisfies(
              delivery -> {
                assertThat(delivery.event()).isInstanceOf(SigningSent.class);
                assertThat(delivery.event().signingId()).contains(sent.draft().id());
              });
      assertThat(app.duplicates)
          .allSatisfy(duplicate -> assertThat(duplicate.key()).isEqualTo(app.handled.get(0).key()));
      await()
          .atMost(WAIT)
          .until(() -> krebit.webhooks().deliveriesOf(sent.event().id()).size() == 3);
      assertThat(krebit.webhooks().deliveriesOf(sent.event().id()).get(2).status())
          .isEqualTo(OptionalInt.of(200));
    }
  }

  @Test
  void aCancelledSigningAndACompletedOnesDocumentsArriveAsTheirTypedEvents(
      FakeKrebitServer krebit) {
    try (Application app =
        new Application(EndpointServer.SERVLET_IN_JETTY, Store.POSTGRESQL, krebit)) {
      KrebitClient client = client(krebit);
      Signing cancelled =
          client.signings().create(NewSigning.builder().name("To be cancelled").build());
      Signing completed =
          client.signings().create(NewSigning.builder().name("To be signed").build());
      Document first =
          client.signings().upload(completed.id(), "first.pdf", SamplePdf.document("First"));
      Document second =
          client.signings().upload(completed.id(), "second.pdf", SamplePdf.document("Second"));
      assertThat(krebit.webhooks().events()).as("drafts raise no event").isEmpty();

      krebit.signings().send(cancelled.id());
      krebit.signings().send(completed.id());
      krebit.signings().cancel(cancelled.id());
      krebit.signings().complete(completed.id());

      await().atMost(WAIT).until(() -> app.handled.size() == 5);
      assertThat(app.handled)
          .extracting(VerifiedDelivery::event)
          .extracting(WebhookEvent::getClass, WebhookEvent::signingId, WebhookEvent::documentId)
          .containsExactlyInAnyOrder(
              tuple(SigningSent.class, Optional.of(cancelled.id()), Optional.empty()),
              tuple(SigningSent.class, Optional.of(completed.id()), Optional.empty()),
              tuple(SigningCancelled.class, Optional.of(cancelled.id()), Optional.empty()),
              tuple(DocumentCompleted.class, Optional.of(completed.id()), Optional.of(first.id())),
              tuple(
                  DocumentCompleted.class, Optional.of(completed.id()), Optional.of(second.id())));
      await().atMost(WAIT).until(() -> krebit.webhooks().deliveries().size() == 5);
      assertThat(krebit.webhooks().deliveries()).allMatch(RecordedDelivery::delivered);
      assertThat(app.rejections).isEmpty();
    }
  }

  /** A draft, and the one event that sending it raised on the fake. */
  private record Sent(Signing draft, EmittedEvent event) {}

  /**
   * Creates a draft through the API and sends it on the fake; returns once the fake has made two
   * attempts at its {@code signing.sent}, the first answered 500 (by the door), the second 200.
   */
  private static Sent sendADraftAnsweredFirst500(FakeKrebitServer krebit, String name) {
    Signing draft = client(krebit).signings().create(NewSigning.builder().name(name).build());

    krebit.signings().send(draft.id());

    List<EmittedEvent> events = krebit.webhooks().events();
    assertThat(events).extracting(EmittedEvent::type).containsExactly(SigningSent.TYPE);
    EmittedEvent event = events.get(0);
    await().atMost(WAIT).until(() -> krebit.webhooks().deliveriesOf(event.id()).size() == 2);
    assertThat(krebit.webhooks().deliveriesOf(event.id()))
        .extracting(RecordedDelivery::status)
        .containsExactly(OptionalInt.of(500), OptionalInt.of(200));
    return new Sent(draft, event);
  }

  private static KrebitClient client(FakeKrebitServer krebit) {
    ClientCredentialsTokenSource tokens =
        ClientCredentialsTokenSource.builder()
            .endpoint(FeignTokenEndpoint.builder().tenant(krebit.tenant()).build())
            .client(krebit.credentials(CLIENT_ID))
            .build();
    return KrebitClient.builder().tenant(krebit.tenant()).tokenSource(tokens).build();
  }

  /**
   * The application under test: a receiver with a secret of its own, deduplicating in {@code
   * store}, behind {@code server}, registered with the fake; it records what it handles, what it
   * took as a duplicate and what it refused.
   */
  private static final class Application implements AutoCloseable {
    final WebhookSecret secret = WebhookSecret.of("whsec_" + UUID.randomUUID());
    final Door door = new Door();
    final List<VerifiedDelivery> handled = new CopyOnWriteArrayList<>();
    final List<VerifiedDelivery> duplicates = new CopyOnWriteArrayList<>();
    final List<WebhookRejection> rejections = new CopyOnWriteArrayList<>();
    private final WebhookReceiver receiver;
    private final EndpointServer.RunningEndpoint endpoint;

    Application(EndpointServer server, Store store, FakeKrebitServer krebit) {
      this.receiver =
          WebhookReceiver.builder()
              .verifier(
                  WebhookVerifier.builder().secret(secret).expectedClientId(CLIENT_ID).build())
              .deduplicator(deduplicator(store))
              .handler(handled::add)
              .listener(
                  new WebhookListener() {
                    @Override
                    public void rejected(WebhookRejection rejection) {
                      rejections.add(rejection);
                    }

                    @Override
                    public void duplicate(VerifiedDelivery delivery) {
                      duplicates.add(delivery);
                    }
                  })
              .build();
      this.endpoint = server.start(receiver, door);
      krebit.webhooks().retrySchedule(3, Duration.ofMillis(100));
      krebit.webhooks().registration(CLIENT_ID, endpoint.url()).secret(secret.reveal()).register();
    }

    private static DeliveryDeduplicator deduplicator(Store store) {
      return switch (store) {
        case IN_MEMORY -> InMemoryDeliveryDeduplicator.create();
        case POSTGRESQL ->
            JdbcDeliveryDeduplicator.builder(
                    schema.pool("signing-webhooks-" + POOLS.incrementAndGet(), 4))
                .createTableIfMissing(true)
                .build();
      };
    }

    @Override
    public void close() {
      endpoint.close();
      receiver.close();
    }
  }
}
