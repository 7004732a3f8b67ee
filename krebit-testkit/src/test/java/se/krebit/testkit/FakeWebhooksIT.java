package se.krebit.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.testkit.RecordingEndpoint.Received;
import se.krebit.testkit.internal.Json;

class FakeWebhooksIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder().app("demo-client", "demo-secret").build();

  private final RecordingEndpoint endpoint = new RecordingEndpoint();

  @AfterEach
  void closeEndpoint() {
    endpoint.close();
  }

  @Test
  void anEventReachesTheEndpointSignedOverItsRawBodyWithTheClientId(FakeKrebitServer server) {
    WebhookEndpoint registered = server.webhooks().register("demo-client", endpoint.url());

    EmittedEvent event = server.webhooks().emit("signing.sent", Map.of("signing_id", "sig-1"));

    await().atMost(WAIT).until(() -> endpoint.received().size() == 1);
    Received delivery = endpoint.received().get(0);
    assertThat(new String(delivery.body(), UTF_8)).isEqualTo(event.body());
    assertThat(delivery.header("X-Signature"))
        .isEqualTo(hmacHex(registered.secret(), delivery.body()))
        .matches("[0-9a-f]{64}");
    assertThat(delivery.header("X-Client-Id")).isEqualTo("demo-client");
    assertThat(delivery.header("Content-Type")).isEqualTo("application/json");
    Map<String, Object> body = Json.parseObject(event.body()).orElseThrow();
    assertThat(body)
        .containsEntry("id", event.id())
        .containsEntry("event", "signing.sent")
        .containsEntry("created_at", server.clock().instant().toString())
        .containsEntry("data", Map.of("signing_id", "sig-1"));
    await().atMost(WAIT).until(() -> server.webhooks().deliveries().size() == 1);
    assertThat(server.webhooks().deliveries())
        .singleElement()
        .satisfies(
            recorded -> {
              assertThat(recorded.eventId()).isEqualTo(event.id());
              assertThat(recorded.endpointId()).isEqualTo(registered.id());
              assertThat(recorded.attempt()).isEqualTo(1);
              assertThat(recorded.status()).isEqualTo(OptionalInt.of(200));
              assertThat(recorded.delivered()).isTrue();
            });
  }

  @Test
  void theGuidesFirstVersionSignsInXKrebitSignatureWithoutAClientId(FakeKrebitServer server) {
    WebhookEndpoint registered =
        server
            .webhooks()
            .registration("demo-client", endpoint.url())
            .headerStyle(WebhookHeaderStyle.X_KREBIT_SIGNATURE)
            .secret("a-secret-of-the-tests-own")
            .register();

    server.webhooks().emit("signing.cancelled");

    await().atMost(WAIT).until(() -> endpoint.received().size() == 1);
    Received delivery = endpoint.received().get(0);
    assertThat(delivery.header("X-Krebit-Signature"))
        .isEqualTo(hmacHex("a-secret-of-the-tests-own", delivery.body()));
    assertThat(delivery.header("X-Signature")).isNull();
    assertThat(delivery.header("X-Client-Id")).isNull();
    assertThat(registered.secret()).isEqualTo("a-secret-of-the-tests-own");
  }

  @Test
  void anErrorAnswerIsRetriedWithTheSameBytesAndAGrowingDelayUntilA2xx(FakeKrebitServer server) {
    server.webhooks().retrySchedule(5, Duration.ofMillis(200));
    server.webhooks().register("demo-client", endpoint.url());
    endpoint.answer(500, 503);

    EmittedEvent event = server.webhooks().emit("signing.sent");

    await().atMost(WAIT).until(() -> server.webhooks().deliveriesOf(event.id()).size() == 3);
    List<Received> received = endpoint.received();
    assertThat(received).hasSize(3);
    assertThat(received).allSatisfy(r -> assertThat(r.body()).isEqualTo(received.get(0).body()));
    assertThat(Duration.ofNanos(received.get(1).nanos() - received.get(0).nanos()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(Duration.ofNanos(received.get(2).nanos() - received.get(1).nanos()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(server.webhooks().deliveriesOf(event.id()))
        .extracting(RecordedDelivery::attempt, RecordedDelivery::status)
        .containsExactly(
            tuple(1, OptionalInt.of(500)),
            tuple(2, OptionalInt.of(503)),
            tuple(3, OptionalInt.of(200)));
  }

  @Test
  void retriesStopAfterTheLastAttempt(FakeKrebitServer server) {
    server.webhooks().retrySchedule(3, Duration.ofMillis(50));
    server.webhooks().register("demo-client", endpoint.url());
    endpoint.answer(500, 500, 500, 500, 500);

    EmittedEvent event = server.webhooks().emit("signing.sent");

    await().atMost(WAIT).until(() -> server.webhooks().deliveriesOf(event.id()).size() == 3);
    await()
        .during(Duration.ofMillis(800))
        .atMost(WAIT)
        .until(() -> endpoint.received().size() == 3);
    assertThat(server.webhooks().deliveriesOf(event.id())).noneMatch(RecordedDelivery::delivered);
  }

  @Test
  void anEndpointThatRefusesConnectionsIsRetriedAndJournaled(FakeKrebitServer server)
      throws IOException {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/hooks");
    }
    server.webhooks().retrySchedule(2, Duration.ofMillis(50));
    server.webhooks().register("demo-client", closed);

    EmittedEvent event = server.webhooks().emit("signing.sent");

    await().atMost(WAIT).until(() -> server.webhooks().deliveriesOf(event.id()).size() == 2);
    assertThat(server.webhooks().deliveriesOf(event.id()))
        .allSatisfy(
            delivery -> {
              assertThat(delivery.status()).isEmpty();
              assertThat(delivery.failure()).contains("connection refused");
            });
  }

  @Test
  void anEndpointGetsOnlyTheTypesItAskedFor(FakeKrebitServer server) {
    server
        .webhooks()
        .registration("demo-client", endpoint.url())
        .events("signing.cancelled")
        .register();

    server.webhooks().emit("signing.sent");
    EmittedEvent cancelled = server.webhooks().emit("signing.cancelled");

    await().atMost(WAIT).until(() -> endpoint.received().size() == 1);
    await()
        .during(Duration.ofMillis(300))
        .atMost(WAIT)
        .until(() -> endpoint.received().size() == 1);
    assertThat(new String(endpoint.received().get(0).body(), UTF_8)).isEqualTo(cancelled.body());
  }

  @Test
  void aRedeliveryIsTheSameEventByteForByte(FakeKrebitServer server) {
    server.webhooks().register("demo-client", endpoint.url());
    EmittedEvent event = server.webhooks().emit("signing.sent");
    await().atMost(WAIT).until(() -> endpoint.received().size() == 1);

    server.webhooks().redeliver(event.id());

    await().atMost(WAIT).until(() -> endpoint.received().size() == 2);
    assertThat(endpoint.received().get(1).body()).isEqualTo(endpoint.received().get(0).body());
    assertThat(endpoint.received().get(1).header("X-Signature"))
        .isEqualTo(endpoint.received().get(0).header("X-Signature"));
    assertThatThrownBy(() -> server.webhooks().redeliver("evt_unknown"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSentSigningSendsSigningSentWithItsId(FakeKrebitServer server) {
    server.webhooks().register("demo-client", endpoint.url());
    FakeSigning draft = draft(server);

    server.signings().send(draft.id());

    await().atMost(WAIT).until(() -> endpoint.received().size() == 1);
    EmittedEvent event = server.webhooks().events().get(0);
    assertThat(server.webhooks().events()).containsExactly(event);
    assertThat(new String(endpoint.received().get(0).body(), UTF_8)).isEqualTo(event.body());
    assertThat(Json.parseObject(event.body()).orElseThrow())
        .containsEntry("id", event.id())
        .containsEntry("event", "signing.sent")
        .containsEntry("data", Map.of("signing_id", draft.id()));
  }

  @Test
  void aCancelledSigningSendsSigningCancelledAndACompletedOneADocumentCompletedPerDocument(
      FakeKrebitServer server) {
    server.webhooks().register("demo-client", endpoint.url());
    FakeSigning cancelled = draft(server);
    FakeSigning completed = draft(server);
    FakeSigning empty = draft(server);
    server.signings().addDocument(completed.id(), new FakeDocument("doc-1", "one.pdf", 10, "00"));
    server.signings().addDocument(completed.id(), new FakeDocument("doc-2", "two.pdf", 10, "00"));
    List.of(cancelled, completed, empty).forEach(signing -> server.signings().send(signing.id()));

    server.signings().cancel(cancelled.id());
    server.signings().complete(completed.id());
    server.signings().complete(empty.id());

    assertThat(server.webhooks().events())
        .extracting(event -> Json.parseObject(event.body()).orElseThrow())
        .extracting(body -> body.get("event"), body -> body.get("data"))
        .containsExactly(
            tuple("signing.sent", Map.of("signing_id", cancelled.id())),
            tuple("signing.sent", Map.of("signing_id", completed.id())),
            tuple("signing.sent", Map.of("signing_id", empty.id())),
            tuple("signing.cancelled", Map.of("signing_id", cancelled.id())),
            tuple(
                "signing.document.completed",
                Map.of("signing_id", completed.id(), "document_id", "doc-1")),
            tuple(
                "signing.document.completed",
                Map.of("signing_id", completed.id(), "document_id", "doc-2")));
    await().atMost(WAIT).until(() -> endpoint.received().size() == 6);
  }

  @Test
  void draftsAndRefusedMovesSendNothing(FakeKrebitServer server) {
    server.webhooks().register("demo-client", endpoint.url());
    FakeSigning draft = draft(server);
    server.signings().addDocument(draft.id(), new FakeDocument("doc-1", "one.pdf", 10, "00"));
    FakeSigning deleted = draft(server);
    server.signings().deleteDraft(deleted.id());

    assertThatThrownBy(() -> server.signings().cancel(draft.id()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> server.signings().complete(draft.id()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> server.signings().send(deleted.id()))
        .isInstanceOf(IllegalArgumentException.class);
    server.signings().send(draft.id());
    assertThatThrownBy(() -> server.signings().send(draft.id()))
        .isInstanceOf(IllegalStateException.class);

    assertThat(server.webhooks().events())
        .extracting(EmittedEvent::type)
        .containsExactly("signing.sent");
    await().atMost(WAIT).until(() -> server.webhooks().deliveries().size() == 1);
    assertThat(endpoint.received()).hasSize(1);
  }

  @Test
  void aSigningMovedOnWithNoEndpointRegisteredIsRememberedNotDelivered(FakeKrebitServer server) {
    FakeSigning draft = draft(server);

    server.signings().send(draft.id());

    assertThat(server.webhooks().events())
        .extracting(EmittedEvent::type)
        .containsExactly("signing.sent");
    assertThat(server.webhooks().deliveries()).isEmpty();
  }

  @Test
  void aResetForgetsEndpointsAndDropsRetriesNotYetMade(FakeKrebitServer server) {
    server.webhooks().retrySchedule(5, Duration.ofMillis(300));
    server.webhooks().register("demo-client", endpoint.url());
    endpoint.answer(500, 500, 500, 500, 500);
    server.webhooks().emit("signing.sent");
    await().atMost(WAIT).until(() -> endpoint.received().size() == 1);

    server.reset();

    await()
        .during(Duration.ofMillis(1_200))
        .atMost(WAIT)
        .until(() -> endpoint.received().size() == 1);
    assertThat(server.webhooks().endpoints()).isEmpty();
    assertThat(server.webhooks().deliveries()).isEmpty();
  }

  @Test
  void registrationsAreCheckedAndNeverShowTheSecret(FakeKrebitServer server) {
    assertThatThrownBy(() -> server.webhooks().register("no-such-app", endpoint.url()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-app");
    assertThatThrownBy(
            () -> server.webhooks().register("demo-client", URI.create("http://example.com/hooks")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback");
    assertThatThrownBy(
            () -> server.webhooks().register("demo-client", URI.create("ftp://127.0.0.1/hooks")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> server.webhooks().registration("demo-client", endpoint.url()).secret("short"))
        .isInstanceOf(IllegalArgumentException.class);

    WebhookEndpoint registered =
        server.webhooks().register("demo-client", URI.create("https://hooks.example/krebit"));
    assertThat(registered.secret()).hasSize(43);
    assertThat(registered.toString()).doesNotContain(registered.secret());
    assertThat(server.webhooks().endpoints()).containsExactly(registered);
    assertThat(server.webhooks().unregister(registered.id())).isTrue();
    assertThat(server.webhooks().endpoints()).isEmpty();
  }

  private static String hmacHex(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
      StringBuilder hex = new StringBuilder();
      for (byte b : mac.doFinal(body)) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static FakeSigning draft(FakeKrebitServer server) {
    return server
        .signings()
        .create(
            new FakeSigning(
                UUID.randomUUID().toString(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                SigningState.DRAFT,
                List.of()));
  }
}
