package se.krebit.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.krebit.testkit.EmittedEvent;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.RecordedDelivery;
import se.krebit.webhooks.RawHttp.Outcome;
import se.krebit.webhooks.WebhookEvent.SigningSent;
import se.krebit.webhooks.WebhookReceiverTest.Recorder;
import se.krebit.webhooks.WebhookRejection.BodyTooLarge;
import se.krebit.webhooks.WebhookRejection.MalformedSignature;
import se.krebit.webhooks.WebhookRejection.MissingSignature;
import se.krebit.webhooks.WebhookRejection.NotJson;
import se.krebit.webhooks.WebhookRejection.WrongClientId;
import se.krebit.webhooks.WebhookRejection.WrongSignature;

/**
 * What a receiving endpoint does over real sockets, whatever the HTTP server: a delivery signed by
 * OpenSSL is taken, each hostile one gets its typed rejection and no 2xx, and the fake Krebit's
 * {@code signing.sent} arrives, is retried after a 500, and is processed once however often it
 * comes. Subclasses start the receiver behind their server, with a door in front that can fail
 * requests.
 */
abstract class ReceivingEndpointContract {
  static final String CLIENT_ID = "demo-client";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SECRET = OpensslVectors.all().get(0).secret();

  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder().app(CLIENT_ID, "demo-secret").build();

  /** What the door in front of the receiver does to the next request. */
  enum Fault {
    /** Answers 500 without passing the request on. */
    FAIL_BEFORE,
    /**
     * Passes the request on, then answers 500 instead of the receiver's answer: a lost
     * acknowledgement.
     */
    LOSE_ANSWER
  }

  final Faults faults = new Faults();
  final List<VerifiedDelivery> handled = new CopyOnWriteArrayList<>();
  final Recorder listener = new Recorder();
  private WebhookReceiver receiver;
  private URI endpoint;

  /** The faults to play on the next requests, in order. */
  static final class Faults {
    private final ConcurrentLinkedQueue<Fault> next = new ConcurrentLinkedQueue<>();

    void add(Fault fault) {
      next.add(fault);
    }

    /** The fault for the request now arriving, if one is queued. */
    Optional<Fault> poll() {
      return Optional.ofNullable(next.poll());
    }
  }

  /**
   * Starts {@code receiver} behind the server under test, with {@code faults} in front; the URL of
   * the endpoint.
   */
  protected abstract URI start(WebhookReceiver receiver, Faults faults) throws Exception;

  /** Stops the server. */
  protected abstract void stop() throws Exception;

  @BeforeEach
  final void startEndpoint() throws Exception {
    receiver =
        WebhookReceiver.builder()
            .verifier(WebhookVerifier.builder().secret(SECRET).expectedClientId(CLIENT_ID).build())
            .handler(handled::add)
            .listener(listener)
            .build();
    endpoint = start(receiver, faults);
  }

  @AfterEach
  final void stopEndpoint() throws Exception {
    stop();
    receiver.close();
  }

  @Test
  void aDeliveryOpensslSignedIsAnswered200AndHandled() {
    OpensslVectors.Vector vector = OpensslVectors.all().get(0);

    Outcome outcome = post(headers(vector.signature()), vector.body(), false);

    assertThat(outcome.status()).isEqualTo(OptionalInt.of(200));
    await().atMost(WAIT).until(() -> handled.size() == 1);
    assertThat(handled.get(0).event()).isInstanceOf(SigningSent.class);
    assertThat(handled.get(0).event().payload().json()).isEqualTo(new String(vector.body(), UTF_8));
    assertThat(listener.rejections).isEmpty();
  }

  static Stream<Arguments> hostileDeliveries() throws Exception {
    byte[] body = OpensslVectors.resource("signing-sent.json");
    String signature = Hmac.hex(SECRET, body);
    byte[] flipped = body.clone();
    flipped[body.length / 2] ^= 0x20;
    byte[] reserialised =
        JSONObjectUtils.parse(new String(body, UTF_8)).toJSONString().getBytes(UTF_8);
    byte[] tenMegabytes = new byte[10 * 1024 * 1024];
    Arrays.fill(tenMegabytes, (byte) ' ');
    tenMegabytes[0] = '{';
    tenMegabytes[tenMegabytes.length - 1] = '}';
    byte[] notJson = "event=signing.sent&id=evt_1".getBytes(UTF_8);
    return Stream.of(
        Arguments.of(
            "one flipped byte", headers(signature), flipped, false, WrongSignature.class, 401),
        Arguments.of(
            "a re-serialised body",
            headers(signature),
            reserialised,
            false,
            WrongSignature.class,
            401),
        Arguments.of(
            "a signature for another secret",
            headers(Hmac.hex("another-secret-entirely", body)),
            body,
            false,
            WrongSignature.class,
            401),
        Arguments.of(
            "a truncated signature",
            headers(signature.substring(0, 40)),
            body,
            false,
            MalformedSignature.class,
            401),
        Arguments.of(
            "an upper-case hex digest",
            headers(signature.toUpperCase(Locale.ROOT)),
            body,
            false,
            MalformedSignature.class,
            401),
        Arguments.of(
            "a missing signature header",
            Map.of("Content-Type", "application/json", "X-Client-Id", CLIENT_ID),
            body,
            false,
            MissingSignature.class,
            401),
        Arguments.of(
            "another client id",
            Map.of("X-Signature", signature, "X-Client-Id", "other-client"),
            body,
            false,
            WrongClientId.class,
            401),
        Arguments.of(
            "a 10 MB body with its length",
            headers(Hmac.hex(SECRET, tenMegabytes)),
            tenMegabytes,
            false,
            BodyTooLarge.class,
            413),
        Arguments.of(
            "a 10 MB body, chunked",
            headers(Hmac.hex(SECRET, tenMegabytes)),
            tenMegabytes,
            true,
            BodyTooLarge.class,
            413),
        Arguments.of(
            "a signed body that is not JSON",
            headers(Hmac.hex(SECRET, notJson)),
            notJson,
            false,
            NotJson.class,
            400));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileDeliveries")
  void aHostileDeliveryGetsItsTypedRejectionAndNo2xx(
      String name,
      Map<String, String> headers,
      byte[] body,
      boolean chunked,
      Class<? extends WebhookRejection> rejection,
      int status) {
    Outcome outcome = post(headers, body, chunked);

    assertThat(outcome.isSuccess()).as("%s: %s", name, outcome).isFalse();
    if (outcome.status().isPresent() || !large(body)) {
      // A body over the cap is refused unread: a server that then closes the connection (the JDK's
      // does)
      // may reset it before a client still sending sees the answer. Anything that is answered, is
      // answered so.
      assertThat(outcome.status()).as(name).isEqualTo(OptionalInt.of(status));
    }
    assertThat(listener.rejections).as(name).singleElement().isInstanceOf(rejection);
    assertThat(listener.rejections.get(0).httpStatus()).isEqualTo(status);
    assertThat(handled).isEmpty();
  }

  @Test
  void aGetIsRefused() {
    Outcome outcome = RawHttp.get(endpoint);

    assertThat(outcome.status()).isEqualTo(OptionalInt.of(405));
    assertThat(handled).isEmpty();
  }

  @Test
  void theFakeKrebitsSigningSentArrivesVerified(FakeKrebitServer server) {
    register(server);

    EmittedEvent event = server.webhooks().emit("signing.sent", Map.of("signing_id", "sig-77"));

    await().atMost(WAIT).until(() -> handled.size() == 1);
    VerifiedDelivery delivery = handled.get(0);
    assertThat(delivery.event()).isInstanceOf(SigningSent.class);
    assertThat(delivery.event().eventId()).contains(event.id());
    assertThat(delivery.event().signingId()).contains("sig-77");
    assertThat(delivery.clientId()).contains(CLIENT_ID);
    await().atMost(WAIT).until(() -> server.webhooks().deliveriesOf(event.id()).size() == 1);
    assertThat(server.webhooks().deliveriesOf(event.id()).get(0).delivered()).isTrue();
  }

  @Test
  void aDeliveryAnswered500IsRetriedAndHandledOnce(FakeKrebitServer server) {
    register(server);
    faults.add(Fault.FAIL_BEFORE);

    EmittedEvent event = server.webhooks().emit("signing.sent", Map.of("signing_id", "sig-78"));

    await().atMost(WAIT).until(() -> server.webhooks().deliveriesOf(event.id()).size() == 2);
    assertThat(server.webhooks().deliveriesOf(event.id()))
        .extracting(RecordedDelivery::status)
        .containsExactly(OptionalInt.of(500), OptionalInt.of(200));
    await().atMost(WAIT).until(() -> handled.size() == 1);
    assertThat(handled.get(0).event().eventId()).contains(event.id());
  }

  @Test
  void aRetryAfterALostAnswerIsAcknowledgedAndNotProcessedAgain(FakeKrebitServer server) {
    register(server);
    faults.add(Fault.LOSE_ANSWER);

    EmittedEvent event = server.webhooks().emit("signing.sent", Map.of("signing_id", "sig-79"));

    await().atMost(WAIT).until(() -> server.webhooks().deliveriesOf(event.id()).size() == 2);
    assertThat(server.webhooks().deliveriesOf(event.id()))
        .extracting(RecordedDelivery::status)
        .containsExactly(OptionalInt.of(500), OptionalInt.of(200));
    await().atMost(WAIT).until(() -> listener.duplicates.size() == 1);
    assertThat(handled).hasSize(1);

    server.webhooks().redeliver(event.id());

    await().atMost(WAIT).until(() -> listener.duplicates.size() == 2);
    assertThat(handled).hasSize(1);
  }

  private void register(FakeKrebitServer server) {
    server.webhooks().retrySchedule(3, Duration.ofMillis(100));
    server.webhooks().registration(CLIENT_ID, endpoint).secret(SECRET).register();
  }

  private Outcome post(Map<String, String> headers, byte[] body, boolean chunked) {
    return RawHttp.post(endpoint, headers, body, chunked);
  }

  private static boolean large(byte[] body) {
    return body.length > WebhookVerifier.DEFAULT_MAX_BODY_BYTES;
  }

  private static Map<String, String> headers(String signature) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("X-Signature", signature);
    headers.put("X-Client-Id", CLIENT_ID);
    return headers;
  }
}
