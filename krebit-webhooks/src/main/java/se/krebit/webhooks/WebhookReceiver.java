package se.krebit.webhooks;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.webhooks.internal.SafeText;
import se.krebit.webhooks.memory.InMemoryDeliveryDeduplicator;
import se.krebit.webhooks.spi.DeliveryDeduplicator;

/**
 * Receives deliveries for any HTTP stack: verifies each ({@link WebhookVerifier}), drops Krebit's
 * retries of a delivery already taken ({@link DeliveryDeduplicator}), hands the new ones to your
 * {@link WebhookHandler} on an executor, and says what to answer, at once: Krebit asks for a quick
 * 2xx. {@link WebhookHttpHandler} and {@link se.krebit.webhooks.servlet.WebhookServlet} put it
 * behind an HTTP server; with another framework, call {@link #receive(WebhookHeaders, InputStream)}
 * with the raw body and send the {@link WebhookResponse} it returns.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *     .verifier(WebhookVerifier.builder().secret(secret).build())
 *     .handler(delivery -> orders.onKrebitEvent(delivery.event()))
 *     .build();
 * }</pre>
 *
 * <p>What it answers: 401 for a missing, malformed or wrong signature or client id, 413 for a body
 * over the verifier's cap (read no further than the cap, or not at all when {@code Content-Length}
 * says so), 400 for a verified body that is not JSON; 200 for a new delivery handed on and for a
 * duplicate; 503 when the deduplication store fails or the executor is full (the claim is released,
 * so Krebit's retry is processed). Processing is at most once: a delivery is claimed before it is
 * handed on, and a handler failure after the 200 is logged, not retried. With an executor that runs
 * the handler on the calling thread ({@code Runnable::run}, or a pool's {@code CallerRunsPolicy}),
 * the answer waits for the handler, and a failure is answered 500 with the claim released, so
 * Krebit tries again.
 *
 * <p>By default it deduplicates in memory and processes on a pool of its own of {@value
 * #DEFAULT_THREADS} daemon threads with room for {@value #DEFAULT_QUEUE_CAPACITY} waiting
 * deliveries; {@link #close()} processes what was acknowledged, for up to {@link
 * #DEFAULT_CLOSE_TIMEOUT}, and stops that pool. Thread-safe.
 */
public final class WebhookReceiver implements AutoCloseable {
  /** Threads of the receiver's own pool. */
  public static final int DEFAULT_THREADS = 2;

  /**
   * Deliveries that may wait for the receiver's own pool; beyond that, deliveries are answered 503.
   */
  public static final int DEFAULT_QUEUE_CAPACITY = 1_000;

  /** How long {@link #close()} waits for acknowledged deliveries to be processed. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);

  private final WebhookVerifier verifier;
  private final WebhookHandler handler;
  private final DeliveryDeduplicator deduplicator;
  private final Executor executor;
  private final @Nullable ThreadPoolExecutor ownPool;
  private final WebhookListener listener;

  private WebhookReceiver(Builder builder, WebhookVerifier verifier, WebhookHandler handler) {
    this.verifier = verifier;
    this.handler = handler;
    this.deduplicator =
        builder.deduplicator != null ? builder.deduplicator : InMemoryDeliveryDeduplicator.create();
    this.ownPool = builder.executor == null ? ownPool() : null;
    this.executor = builder.executor != null ? builder.executor : ownPool;
    this.listener = builder.listener;
  }

  /** A builder; a verifier and a handler are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The verifier deliveries are checked with. */
  public WebhookVerifier verifier() {
    return verifier;
  }

  /**
   * Receives one delivery whose body is still to be read: it is refused from its headers alone when
   * it can be, and read no further than the verifier's cap.
   *
   * @param headers the request's headers
   * @param body the request's body, unread; not closed here
   * @return what to answer
   */
  public WebhookResponse receive(WebhookHeaders headers, InputStream body) {
    requireNonNull(headers, "headers");
    requireNonNull(body, "body");
    Optional<WebhookRejection> early = verifier.precheck(headers);
    if (early.isPresent()) {
      return rejected(early.get());
    }
    byte[] bytes;
    try {
      bytes =
          body.readNBytes((int) Math.min(Integer.MAX_VALUE - 16L, verifier.maxBodyBytes() + 1L));
    } catch (IOException e) {
      LOG.info("Could not read a webhook delivery's body: {}", e.getClass().getSimpleName());
      return new WebhookResponse(400, "the body could not be read");
    }
    return receive(headers, bytes);
  }

  /**
   * Receives one delivery whose body was read already, exactly as it arrived.
   *
   * @return what to answer
   */
  public WebhookResponse receive(WebhookHeaders headers, byte[] body) {
    WebhookVerification verification = verifier.verify(body, headers);
    if (verification instanceof WebhookRejection rejection) {
      return rejected(rejection);
    }
    return take((VerifiedDelivery) verification);
  }

  private WebhookResponse rejected(WebhookRejection rejection) {
    tell(listener -> listener.rejected(rejection));
    return new WebhookResponse(rejection.httpStatus(), rejection.reason());
  }

  private WebhookResponse take(VerifiedDelivery delivery) {
    boolean first;
    try {
      first = deduplicator.claim(delivery.key());
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not check webhook delivery {} against those taken before; answering 503 so Krebit retries: {}",
          delivery.key(),
          e.toString());
      return new WebhookResponse(503, "the delivery store is unavailable; try again later");
    }
    if (!first) {
      LOG.info(
          "Webhook delivery {} was taken before: acknowledged, not processed again",
          delivery.key());
      tell(listener -> listener.duplicate(delivery));
      return new WebhookResponse(200, "duplicate: taken before");
    }
    Processing processing = new Processing(delivery, Thread.currentThread());
    try {
      executor.execute(processing);
    } catch (RejectedExecutionException e) {
      release(delivery);
      LOG.warn(
          "No room to process webhook delivery {}; answering 503 so Krebit retries",
          delivery.key());
      return new WebhookResponse(503, "busy; try again later");
    }
    if (processing.failedOnCallingThread) {
      release(delivery);
      return new WebhookResponse(500, "processing failed; try again later");
    }
    tell(listener -> listener.accepted(delivery));
    return new WebhookResponse(200, "accepted");
  }

  private void release(VerifiedDelivery delivery) {
    try {
      deduplicator.release(delivery.key());
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not release the claim on webhook delivery {}, so Krebit's retry will be taken for a duplicate: {}",
          delivery.key(),
          e.toString());
    }
  }

  private void tell(Consumer<WebhookListener> event) {
    try {
      event.accept(listener);
    } catch (RuntimeException e) {
      LOG.warn("A webhook listener threw; ignored", e);
    }
  }

  /**
   * Waits up to {@link #DEFAULT_CLOSE_TIMEOUT} for the deliveries already acknowledged to be
   * processed, then stops the receiver's own pool. An executor you gave is left alone. Idempotent.
   */
  @Override
  public void close() {
    if (ownPool == null || ownPool.isShutdown()) {
      return;
    }
    ownPool.shutdown();
    try {
      if (!ownPool.awaitTermination(DEFAULT_CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        int abandoned = ownPool.shutdownNow().size();
        LOG.warn("Closed with {} acknowledged webhook deliveries unprocessed", abandoned);
      }
    } catch (InterruptedException e) {
      ownPool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "WebhookReceiver[" + verifier + ", " + deduplicator + "]";
  }

  private static ThreadPoolExecutor ownPool() {
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory =
        task -> {
          Thread thread = new Thread(task, "krebit-webhook-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            DEFAULT_THREADS,
            DEFAULT_THREADS,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(DEFAULT_QUEUE_CAPACITY),
            factory);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** One delivery's processing, which knows whether it failed on the thread that received it. */
  private final class Processing implements Runnable {
    private final VerifiedDelivery delivery;
    private final Thread receivingThread;
    volatile boolean failedOnCallingThread;

    Processing(VerifiedDelivery delivery, Thread receivingThread) {
      this.delivery = delivery;
      this.receivingThread = receivingThread;
    }

    @Override
    public void run() {
      try {
        handler.handle(delivery);
      } catch (Exception e) {
        failedOnCallingThread = Thread.currentThread() == receivingThread;
        LOG.error(
            "The webhook handler failed on {} {}",
            SafeText.of(delivery.event().type()),
            delivery.key(),
            e);
        tell(listener -> listener.handlerFailed(delivery, e));
      }
    }
  }

  /** Configures a {@link WebhookReceiver}. Not thread-safe. */
  public static final class Builder {
    private @Nullable WebhookVerifier verifier;
    private @Nullable WebhookHandler handler;
    private @Nullable DeliveryDeduplicator deduplicator;
    private @Nullable Executor executor;
    private WebhookListener listener = WebhookListener.NONE;

    private Builder() {}

    /** How deliveries are verified. Required. */
    public Builder verifier(WebhookVerifier verifier) {
      this.verifier = requireNonNull(verifier, "verifier");
      return this;
    }

    /** What processes a verified, new delivery. Required. */
    public Builder handler(WebhookHandler handler) {
      this.handler = requireNonNull(handler, "handler");
      return this;
    }

    /**
     * Where taken deliveries are remembered; default a new {@link InMemoryDeliveryDeduplicator}
     * (right for one node). {@link DeliveryDeduplicator#NONE} processes Krebit's retries too.
     */
    public Builder deduplicator(DeliveryDeduplicator deduplicator) {
      this.deduplicator = requireNonNull(deduplicator, "deduplicator");
      return this;
    }

    /**
     * Where handlers run; default a pool of the receiver's own (see the class comment). One that
     * throws {@link RejectedExecutionException} when full makes the receiver answer 503.
     */
    public Builder executor(Executor executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    /** Who hears of each delivery; default {@link WebhookListener#NONE}. */
    public Builder listener(WebhookListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The receiver.
     *
     * @throws KrebitConfigurationException if the verifier or the handler is missing
     */
    public WebhookReceiver build() {
      if (verifier == null || handler == null) {
        throw new KrebitConfigurationException("a webhook receiver needs a verifier and a handler");
      }
      return new WebhookReceiver(this, verifier, handler);
    }
  }
}
