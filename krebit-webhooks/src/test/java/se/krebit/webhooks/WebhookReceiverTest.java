package se.krebit.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.TokenStoreException;
import se.krebit.webhooks.WebhookRejection.BodyTooLarge;
import se.krebit.webhooks.WebhookRejection.MissingSignature;
import se.krebit.webhooks.WebhookRejection.WrongSignature;
import se.krebit.webhooks.memory.InMemoryDeliveryDeduplicator;
import se.krebit.webhooks.spi.DeliveryDeduplicator;
import se.krebit.webhooks.spi.DeliveryKey;

class WebhookReceiverTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final List<VerifiedDelivery> handled = new CopyOnWriteArrayList<>();
  private final Recorder listener = new Recorder();
  private WebhookReceiver receiver;

  @AfterEach
  void close() {
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void aNewDeliveryIsAnswered200WhileItsHandlerIsStillRunning() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    receiver =
        WebhookReceiver.builder()
            .verifier(Deliveries.verifier())
            .listener(listener)
            .handler(
                delivery -> {
                  started.countDown();
                  release.await();
                  handled.add(delivery);
                })
            .build();
    byte[] body = Deliveries.signingSent();

    WebhookResponse response =
        receiver.receive(Deliveries.signed(body), new ByteArrayInputStream(body));

    assertThat(response).isEqualTo(new WebhookResponse(200, "accepted"));
    assertThat(started.await(10, TimeUnit.SECONDS))
        .as("the handler runs on the receiver's pool")
        .isTrue();
    assertThat(handled).as("answered before the handler finished").isEmpty();
    release.countDown();
    await().atMost(WAIT).until(() -> handled.size() == 1);
    assertThat(handled.get(0).event()).isInstanceOf(WebhookEvent.SigningSent.class);
    assertThat(listener.accepted).hasSize(1);
  }

  @Test
  void aRetryOfADeliveryTakenBeforeIsAcknowledgedAndNotHandledAgain() {
    receiver = direct(handled::add);
    byte[] body = Deliveries.signingSent();

    WebhookResponse first = receiver.receive(Deliveries.signed(body), body);
    WebhookResponse retry = receiver.receive(Deliveries.signed(body), body);

    assertThat(first.status()).isEqualTo(200);
    assertThat(retry).isEqualTo(new WebhookResponse(200, "duplicate: taken before"));
    assertThat(handled).hasSize(1);
    assertThat(listener.duplicates).hasSize(1);
  }

  @Test
  void withoutDeduplicationEveryRetryIsHandled() {
    receiver =
        WebhookReceiver.builder()
            .verifier(Deliveries.verifier())
            .handler(handled::add)
            .executor(Runnable::run)
            .deduplicator(DeliveryDeduplicator.NONE)
            .build();
    byte[] body = Deliveries.signingSent();

    receiver.receive(Deliveries.signed(body), body);
    receiver.receive(Deliveries.signed(body), body);

    assertThat(handled).hasSize(2);
  }

  @Test
  void aDeliveryRefusedFromItsHeadersIsNeverRead() {
    receiver = direct(handled::add);
    InputStream unreadable =
        new InputStream() {
          @Override
          public int read() {
            throw new AssertionError("the body was read");
          }
        };

    WebhookResponse unsigned =
        receiver.receive(WebhookHeaders.of("Content-Length", "10"), unreadable);
    WebhookResponse tooLong =
        receiver.receive(
            WebhookHeaders.of(
                "X-Signature", "0".repeat(64), "Content-Length", String.valueOf(10L * 1024 * 1024)),
            unreadable);

    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(tooLong.status()).isEqualTo(413);
    assertThat(listener.rejections)
        .containsExactly(
            new MissingSignature(WebhookVerifier.DEFAULT_SIGNATURE_HEADERS),
            new BodyTooLarge(WebhookVerifier.DEFAULT_MAX_BODY_BYTES));
    assertThat(handled).isEmpty();
  }

  @Test
  void aBodyWithoutADeclaredLengthIsReadNoFurtherThanTheCap() {
    receiver = direct(handled::add);
    AtomicLong read = new AtomicLong();
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            read.incrementAndGet();
            return ' ';
          }
        };

    WebhookResponse response =
        receiver.receive(WebhookHeaders.of("X-Signature", "0".repeat(64)), endless);

    assertThat(response.status()).isEqualTo(413);
    assertThat(read.get()).isEqualTo(WebhookVerifier.DEFAULT_MAX_BODY_BYTES + 1L);
  }

  @Test
  void aWrongSignatureIsAnswered401AndNeverHandled() {
    receiver = direct(handled::add);
    byte[] body = Deliveries.signingSent();

    WebhookResponse response =
        receiver.receive(WebhookHeaders.of("X-Signature", Hmac.hex("another-secret", body)), body);

    assertThat(response).isEqualTo(new WebhookResponse(401, new WrongSignature(1).reason()));
    assertThat(handled).isEmpty();
    assertThat(listener.rejections).containsExactly(new WrongSignature(1));
  }

  @Test
  void anUnreadableBodyIsAnswered400() {
    receiver = direct(handled::add);
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        };

    assertThat(receiver.receive(WebhookHeaders.of("X-Signature", "0".repeat(64)), broken).status())
        .isEqualTo(400);
  }

  @Test
  void aFullExecutorIsAnswered503AndKrebitsRetryIsHandled() {
    AtomicInteger calls = new AtomicInteger();
    receiver =
        WebhookReceiver.builder()
            .verifier(Deliveries.verifier())
            .handler(handled::add)
            .listener(listener)
            .executor(
                task -> {
                  if (calls.incrementAndGet() == 1) {
                    throw new RejectedExecutionException("full");
                  }
                  task.run();
                })
            .build();
    byte[] body = Deliveries.signingSent();

    WebhookResponse busy = receiver.receive(Deliveries.signed(body), body);
    WebhookResponse retry = receiver.receive(Deliveries.signed(body), body);

    assertThat(busy.status()).isEqualTo(503);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(handled).hasSize(1);
  }

  @Test
  void aHandlerFailingOnTheReceivingThreadIsAnswered500AndKrebitsRetryIsHandled() {
    AtomicInteger attempts = new AtomicInteger();
    receiver =
        direct(
            delivery -> {
              if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("the database is down");
              }
              handled.add(delivery);
            });
    byte[] body = Deliveries.signingSent();

    WebhookResponse failed = receiver.receive(Deliveries.signed(body), body);
    WebhookResponse retry = receiver.receive(Deliveries.signed(body), body);

    assertThat(failed.status()).isEqualTo(500);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(handled).hasSize(1);
    assertThat(listener.failures).hasSize(1);
  }

  @Test
  void aHandlerFailingOnThePoolAfterThe200IsReportedAndTheDeliveryNotProcessedAgain() {
    receiver =
        WebhookReceiver.builder()
            .verifier(Deliveries.verifier())
            .listener(listener)
            .handler(
                delivery -> {
                  throw new IllegalStateException("boom");
                })
            .build();
    byte[] body = Deliveries.signingSent();

    assertThat(receiver.receive(Deliveries.signed(body), body).status()).isEqualTo(200);
    await().atMost(WAIT).until(() -> listener.failures.size() == 1);
    assertThat(receiver.receive(Deliveries.signed(body), body))
        .isEqualTo(new WebhookResponse(200, "duplicate: taken before"));
  }

  @Test
  void aDeduplicationStoreOutageIsAnswered503AndNothingIsHandled() {
    DeliveryDeduplicator down =
        new DeliveryDeduplicator() {
          @Override
          public boolean claim(DeliveryKey key) {
            throw new TokenStoreException(
                "Claiming a webhook delivery failed (SQLState 08001)", true, null);
          }

          @Override
          public void release(DeliveryKey key) {}
        };
    receiver =
        WebhookReceiver.builder()
            .verifier(Deliveries.verifier())
            .handler(handled::add)
            .executor(Runnable::run)
            .deduplicator(down)
            .build();
    byte[] body = Deliveries.signingSent();

    assertThat(receiver.receive(Deliveries.signed(body), body).status()).isEqualTo(503);
    assertThat(handled).isEmpty();
  }

  @Test
  void aListenerThatThrowsChangesNothing() {
    receiver =
        WebhookReceiver.builder()
            .verifier(Deliveries.verifier())
            .handler(handled::add)
            .executor(Runnable::run)
            .listener(
                new WebhookListener() {
                  @Override
                  public void accepted(VerifiedDelivery delivery) {
                    throw new IllegalStateException("listener bug");
                  }
                })
            .build();
    byte[] body = Deliveries.signingSent();

    assertThat(receiver.receive(Deliveries.signed(body), body).status()).isEqualTo(200);
    assertThat(handled).hasSize(1);
  }

  @Test
  void closeProcessesWhatWasAcknowledgedFirst() {
    CountDownLatch release = new CountDownLatch(1);
    receiver =
        WebhookReceiver.builder()
            .verifier(Deliveries.verifier())
            .handler(
                delivery -> {
                  release.await();
                  handled.add(delivery);
                })
            .build();
    for (int i = 0; i < 5; i++) {
      byte[] body = Deliveries.signingSent();
      assertThat(receiver.receive(Deliveries.signed(body), body).status()).isEqualTo(200);
    }

    release.countDown();
    receiver.close();

    assertThat(handled).hasSize(5);
    receiver.close(); // idempotent
  }

  @Test
  void aReceiverNeedsAVerifierAndAHandler() {
    assertThatThrownBy(() -> WebhookReceiver.builder().handler(handled::add).build())
        .isInstanceOf(KrebitConfigurationException.class);
    assertThatThrownBy(() -> WebhookReceiver.builder().verifier(Deliveries.verifier()).build())
        .isInstanceOf(KrebitConfigurationException.class);
  }

  /** A receiver that handles on the receiving thread, with in-memory deduplication. */
  private WebhookReceiver direct(WebhookHandler handler) {
    return WebhookReceiver.builder()
        .verifier(Deliveries.verifier())
        .handler(handler)
        .executor(Runnable::run)
        .deduplicator(InMemoryDeliveryDeduplicator.create())
        .listener(listener)
        .build();
  }

  /** What the receiver told its listener. */
  static final class Recorder implements WebhookListener {
    final List<WebhookRejection> rejections = new CopyOnWriteArrayList<>();
    final List<VerifiedDelivery> accepted = new CopyOnWriteArrayList<>();
    final List<VerifiedDelivery> duplicates = new CopyOnWriteArrayList<>();
    final List<Exception> failures = new CopyOnWriteArrayList<>();

    @Override
    public void rejected(WebhookRejection rejection) {
      rejections.add(rejection);
    }

    @Override
    public void accepted(VerifiedDelivery delivery) {
      accepted.add(delivery);
    }

    @Override
    public void duplicate(VerifiedDelivery delivery) {
      duplicates.add(delivery);
    }

    @Override
    public void handlerFailed(VerifiedDelivery delivery, Exception failure) {
      failures.add(failure);
    }
  }
}
