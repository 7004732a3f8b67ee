package se.krebit.benchmarks;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * An in-process token endpoint shared by every contender: it takes a fixed time per request, counts
 * requests, and numbers the tokens it issues ({@code tok-1}, {@code tok-2}, …) so a harness can
 * tell an old token from a new one. No network, no parsing: what is measured is the library's
 * caching and coordination, not a transport.
 *
 * <p>Thread-safe; concurrent requests are served concurrently, as a real server would.
 */
public final class TokenServerStub {
  private final Duration latency;
  private final Duration firstLifetime;
  private final Duration lifetime;
  private final @Nullable CountDownLatch hold;
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger issued = new AtomicInteger();
  private volatile int baseline;
  private volatile boolean baselineMarked;
  private volatile @Nullable String lastIssued;

  /**
   * @param latency how long each request takes
   * @param firstLifetime the lifetime of the first token issued, to prime a cache into a chosen
   *     state
   * @param lifetime the lifetime of every later token
   * @param hold if not null, every request after {@link #markBaseline()} also waits until it is
   *     released, so a test can keep a refresh in flight for as long as it needs without relying on
   *     timing; requests before the baseline (priming) are not held
   */
  public TokenServerStub(
      Duration latency, Duration firstLifetime, Duration lifetime, @Nullable CountDownLatch hold) {
    this.latency = requireNonNull(latency, "latency");
    this.firstLifetime = requireNonNull(firstLifetime, "firstLifetime");
    this.lifetime = requireNonNull(lifetime, "lifetime");
    this.hold = hold;
  }

  /** A stub whose every token lives {@code lifetime}. */
  public static TokenServerStub of(Duration latency, Duration lifetime) {
    return new TokenServerStub(latency, lifetime, lifetime, null);
  }

  /** A token the stub issued, and how long it lives from the moment it was asked for. */
  public record Issued(String value, Duration lifetime) {}

  /**
   * Serves one token request: waits for the latency (and the hold, if any), then issues a token.
   */
  public Issued issue() {
    int number = started.incrementAndGet();
    try {
      if (!latency.isZero()) {
        Thread.sleep(latency.toMillis());
      }
      CountDownLatch armed = baselineMarked ? hold : null;
      if (armed != null && !armed.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("token request held for more than 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while serving a token request", e);
    }
    String value = "tok-" + issued.incrementAndGet();
    lastIssued = value;
    return new Issued(value, number == 1 ? firstLifetime : lifetime);
  }

  /** Token requests started since construction or the last {@link #markBaseline()}. */
  public int requests() {
    return started.get() - baseline;
  }

  /** Counts requests from here on, for example after priming a cache, and arms the hold if any. */
  public void markBaseline() {
    baseline = started.get();
    baselineMarked = true;
  }

  /** The value of the last token issued, or null if none was. */
  public @Nullable String lastIssued() {
    return lastIssued;
  }
}
