package se.krebit.testkit;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the fake's webhook events as Krebit's guide describes: an HTTP POST of the JSON body,
 * signed with HMAC-SHA256 of the raw bytes under the endpoint's secret in lower-case hex, retried
 * on anything but a 2xx. The retry schedule is the fake's own (the guide names none): the first
 * retry after {@code firstRetryDelay}, each next one after twice as long, up to {@code maxAttempts}
 * attempts. Attempts run on real time, on a small pool of daemon threads; each is journaled with
 * the fake's clock. Thread-safe.
 */
final class WebhookSender {
  static final int DEFAULT_MAX_ATTEMPTS = 5;
  static final Duration DEFAULT_FIRST_RETRY_DELAY = Duration.ofSeconds(1);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration LONGEST_RETRY_DELAY = Duration.ofHours(1);
  private static final int THREADS = 4;
  private static final Logger LOG = LoggerFactory.getLogger(FakeKrebitServer.class);

  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final ArrayDeque<RecordedDelivery> journal = new ArrayDeque<>();
  private @Nullable ScheduledExecutorService scheduler;

  /** Moves on at each reset and stop, so that attempts scheduled before are dropped. */
  private long generation;

  private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
  private Duration firstRetryDelay = DEFAULT_FIRST_RETRY_DELAY;

  WebhookSender(Clock clock) {
    this.clock = clock;
  }

  /** One attempt, to be made. */
  private record Attempt(
      WebhookEndpoint endpoint, EmittedEvent event, int number, long generation) {
    Attempt next() {
      return new Attempt(endpoint, event, number + 1, generation);
    }
  }

  /** Delivers {@code event} to {@code endpoint} now, and retries as the schedule says. */
  synchronized void send(WebhookEndpoint endpoint, EmittedEvent event) {
    schedule(new Attempt(endpoint, event, 1, generation), Duration.ZERO);
  }

  synchronized void retrySchedule(int maxAttempts, Duration firstRetryDelay) {
    this.maxAttempts = maxAttempts;
    this.firstRetryDelay = firstRetryDelay;
  }

  synchronized List<RecordedDelivery> journal() {
    return List.copyOf(journal);
  }

  /** Drops pending retries and the journal, and goes back to the default schedule. */
  synchronized void reset() {
    generation++;
    journal.clear();
    maxAttempts = DEFAULT_MAX_ATTEMPTS;
    firstRetryDelay = DEFAULT_FIRST_RETRY_DELAY;
  }

  /** Drops pending retries and stops the threads; a later delivery starts them again. */
  synchronized void stop() {
    generation++;
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  private synchronized void schedule(Attempt attempt, Duration delay) {
    if (attempt.generation() == generation) {
      scheduler().schedule(() -> attempt(attempt), delay.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private synchronized boolean isCurrent(Attempt attempt) {
    return attempt.generation() == generation;
  }

  private void attempt(Attempt attempt) {
    if (!isCurrent(attempt)) {
      return;
    }
    Instant at = clock.instant();
    OptionalInt status = OptionalInt.empty();
    Optional<String> failure = Optional.empty();
    try {
      status =
          OptionalInt.of(
              http.send(request(attempt), HttpResponse.BodyHandlers.discarding()).statusCode());
    } catch (HttpTimeoutException e) {
      failure = Optional.of("timeout");
    } catch (ConnectException e) {
      failure = Optional.of("connection refused");
    } catch (IOException e) {
      failure = Optional.of(e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return; // stopping
    }
    RecordedDelivery delivery =
        new RecordedDelivery(
            attempt.event().id(),
            attempt.event().type(),
            attempt.endpoint().id(),
            attempt.endpoint().url(),
            attempt.number(),
            at,
            status,
            failure);
    boolean retry = !delivery.delivered() && attempt.number() < maxAttempts();
    record(attempt, delivery);
    LOG.info(
        "POST {} webhook {} {} attempt {} -> {}{}",
        attempt.endpoint().url(),
        attempt.event().type(),
        attempt.event().id(),
        attempt.number(),
        status.isPresent() ? String.valueOf(status.getAsInt()) : failure.orElse("no answer"),
        retry ? ", retrying in " + delay(attempt.number()) : "");
    if (retry) {
      schedule(attempt.next(), delay(attempt.number()));
    }
  }

  private synchronized void record(Attempt attempt, RecordedDelivery delivery) {
    if (attempt.generation() != generation) {
      return;
    }
    if (journal.size() == RequestJournal.CAPACITY) {
      journal.removeFirst();
    }
    journal.addLast(delivery);
  }

  private synchronized int maxAttempts() {
    return maxAttempts;
  }

  /** The delay before the retry that follows attempt {@code number}: doubling, within an hour. */
  private synchronized Duration delay(int number) {
    Duration delay = firstRetryDelay;
    for (int i = 1; i < number && delay.compareTo(LONGEST_RETRY_DELAY) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(LONGEST_RETRY_DELAY) < 0 ? delay : LONGEST_RETRY_DELAY;
  }

  private static HttpRequest request(Attempt attempt) {
    byte[] body = attempt.event().body().getBytes(StandardCharsets.UTF_8);
    WebhookEndpoint endpoint = attempt.endpoint();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint.url())
            .timeout(RESPONSE_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("User-Agent", "krebit-testkit-fake-webhooks")
            .header(endpoint.headerStyle().signatureHeader(), signature(endpoint.secret(), body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    endpoint
        .headerStyle()
        .clientIdHeader()
        .ifPresent(header -> request.header(header, endpoint.clientId()));
    return request.build();
  }

  /**
   * HMAC-SHA256 of {@code body} keyed with the secret's UTF-8 bytes, in lower-case hex, as the
   * guide's Node code.
   */
  static String signature(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform provides HmacSHA256", e);
    }
  }

  private ScheduledExecutorService scheduler() {
    if (scheduler == null) {
      AtomicInteger threads = new AtomicInteger();
      ScheduledThreadPoolExecutor pool =
          new ScheduledThreadPoolExecutor(
              THREADS,
              task -> {
                Thread thread =
                    new Thread(task, "krebit-fake-webhooks-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
      pool.setRemoveOnCancelPolicy(true);
      scheduler = pool;
    }
    return scheduler;
  }
}
