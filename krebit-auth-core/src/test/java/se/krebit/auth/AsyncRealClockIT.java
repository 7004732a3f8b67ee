package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import se.krebit.auth.spi.Grant;
import se.krebit.auth.spi.Scheduler;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenResponse;

/**
 * Issue 20 on the real clock: sources on the system clock with the shared token request pool, one
 * with the default refresh-ahead timer and one whose timer never fires (so callers meet every
 * expiry), get tokens living 200 ms and 500 ms from an endpoint answering in 0 to 40 ms. Threads
 * fire {@code tokenAsync()} calls without waiting for them, for many token lifetimes. No call may
 * complete with a token whose usable life (its expiry less a tenth of its life) ended before the
 * call began, no call may fail, and the callers share the requests: about one per token lifetime.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AsyncRealClockIT {
  private static final Duration RUN = Duration.ofSeconds(6);
  private static final Scheduler NEVER = (deadline, task) -> () -> {};

  @Test
  void asyncCallersNeverGetAnExpiredTokenAndShareRequests() throws Exception {
    List<Variant> variants =
        List.of(
            new Variant("200 ms, default timer", Duration.ofMillis(200), null),
            new Variant("500 ms, default timer", Duration.ofMillis(500), null),
            new Variant("200 ms, no timer", Duration.ofMillis(200), NEVER),
            new Variant("500 ms, no timer", Duration.ofMillis(500), NEVER));
    List<Thread> drivers = new ArrayList<>();
    long end = System.nanoTime() + RUN.toNanos();
    for (Variant variant : variants) {
      for (int i = 0; i < 2; i++) {
        Thread driver =
            new Thread(() -> variant.drive(end), "async-driver-" + variant.name + "-" + i);
        driver.start();
        drivers.add(driver);
      }
    }
    for (Thread driver : drivers) {
      driver.join(TimeUnit.SECONDS.toMillis(RUN.toSeconds() + 30));
    }
    for (Variant variant : variants) {
      variant.awaitOutstanding();
      String name = variant.name;
      assertThat(variant.completed.get()).as("%s: completed calls", name).isGreaterThan(2_000L);
      assertThat(variant.expired.get())
          .as("%s: calls served a token past its usable life", name)
          .isZero();
      assertThat(variant.failed.get()).as("%s: failed calls", name).isZero();
      // A token is refreshed from 80 % of its life at the earliest (10 % margin, jitter) and served
      // to 90 %: at most about one request per 0.75 lifetimes, plus the first.
      long bound = RUN.toMillis() / (variant.lifetime.toMillis() * 3 / 4) + 2;
      assertThat(variant.requests.get())
          .as("%s: token requests", name)
          .isBetween(RUN.toMillis() / variant.lifetime.toMillis() / 2, bound);
    }
    assertThat(variants.get(2).waits.get() + variants.get(3).waits.get())
        .as("without a timer, async callers met expiries and waited for the request in flight")
        .isPositive();
  }

  private static final class Variant implements TokenEndpoint {
    final String name;
    final Duration lifetime;
    final ClientCredentialsTokenSource tokens;
    final AtomicLong requests = new AtomicLong();
    final AtomicLong issued = new AtomicLong();
    final AtomicLong outstanding = new AtomicLong();
    final AtomicLong completed = new AtomicLong();
    final AtomicLong expired = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong waits = new AtomicLong();

    Variant(String name, Duration lifetime, Scheduler scheduler) {
      this.name = name;
      this.lifetime = lifetime;
      ClientCredentialsTokenSource.Builder builder =
          ClientCredentialsTokenSource.builder()
              .endpoint(this)
              .client(ClientCredentials.of("app", "s3cret"))
              .listener(
                  new TokenListener() {
                    @Override
                    public void callerWaited(String grantType, Duration waited) {
                      waits.incrementAndGet();
                    }
                  });
      if (scheduler != null) {
        builder.scheduler(scheduler);
      }
      this.tokens = builder.build();
    }

    void drive(long endNanos) {
      long usableMargin = lifetime.toMillis() / 10;
      while (System.nanoTime() < endNanos) {
        long startedAt = System.currentTimeMillis();
        outstanding.incrementAndGet();
        tokens
            .tokenAsync()
            .whenComplete(
                (token, failure) -> {
                  if (failure != null) {
                    failed.incrementAndGet();
                  } else {
                    completed.incrementAndGet();
                    if (startedAt >= token.expiresAt().toEpochMilli() - usableMargin) {
                      expired.incrementAndGet();
                    }
                  }
                  outstanding.decrementAndGet();
                });
        LockSupport.parkNanos(
            TimeUnit.MICROSECONDS.toNanos(ThreadLocalRandom.current().nextInt(200, 1_000)));
      }
    }

    void awaitOutstanding() {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (outstanding.get() > 0 && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
      assertThat(outstanding.get()).as("%s: calls still incomplete", name).isZero();
    }

    @Override
    public TokenResponse exchange(ClientCredentials client, Grant grant) {
      requests.incrementAndGet();
      LockSupport.parkNanos(
          TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextInt(0, 40)));
      return new TokenResponse(
          "token-" + issued.incrementAndGet(),
          lifetime,
          Optional.empty(),
          Set.of(),
          Optional.empty());
    }
  }
}
