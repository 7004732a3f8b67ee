package se.krebit.auth.feign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import se.krebit.auth.AccessToken;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.KrebitException;
import se.krebit.auth.RefreshPolicy;
import se.krebit.auth.TokenSource;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;

/**
 * Issue 14 item 1's first reproduction over loopback HTTP: client-credentials sources built with
 * the defaults (system clock, default scheduler), the fake Krebit server issuing 1, 2 and 3 s
 * tokens and answering each request after 0 to 100 ms, two callers per source asking again and
 * again for 25 s. No call that began at or after the end of a token's usable life (its expiry less
 * the skew) may be served it. On main, the refresh timer's one-second grid let it be served past
 * that point.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RealClockClientCredentialsIT {
  private static final Duration RUN = Duration.ofSeconds(25);
  private static final int[] LIFETIME_SECONDS = {1, 2, 3};

  private final List<FakeKrebitServer> servers = new ArrayList<>();
  private final List<Thread> callers = new ArrayList<>();
  private volatile boolean running = true;

  @AfterEach
  void stop() throws InterruptedException {
    running = false;
    for (Thread caller : callers) {
      caller.join(10_000);
    }
    servers.forEach(FakeKrebitServer::close);
  }

  @Test
  void noCallIsServedATokenPastItsUsableLife() throws Exception {
    AtomicLong calls = new AtomicLong();
    AtomicLong typedErrors = new AtomicLong();
    AtomicLong pastUsableLife = new AtomicLong();
    AtomicLong expired = new AtomicLong();
    Set<String> tokens = ConcurrentHashMap.newKeySet();
    java.util.Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    for (int lifetime : LIFETIME_SECONDS) {
      FakeKrebitServer server =
          FakeKrebitServer.builder()
              .app("app", "secret")
              .tokenLifetime(Duration.ofSeconds(lifetime))
              .build()
              .start();
      servers.add(server);
      for (int i = 0; i < 2_000; i++) {
        server.failNextTokenRequests(
            1, InjectedFault.delay(Duration.ofMillis(ThreadLocalRandom.current().nextInt(101))));
      }
      TokenSource source =
          ClientCredentialsTokenSource.builder()
              .endpoint(FeignTokenEndpoint.builder().tenant(server.tenant()).build())
              .client(server.credentials("app"))
              .build();
      long skew = Math.min(RefreshPolicy.DEFAULT_EXPIRY_SKEW.toMillis(), lifetime * 1000L / 10);
      for (int c = 0; c < 2; c++) {
        Thread caller =
            new Thread(
                () -> {
                  while (running) {
                    long began = System.currentTimeMillis();
                    try {
                      AccessToken token = source.token();
                      calls.incrementAndGet();
                      tokens.add(token.value());
                      long expiresAt = token.expiresAt().toEpochMilli();
                      if (began >= expiresAt - skew) {
                        pastUsableLife.incrementAndGet();
                      }
                      if (began >= expiresAt) {
                        expired.incrementAndGet();
                      }
                    } catch (KrebitException e) {
                      typedErrors.incrementAndGet();
                      errors
                          .computeIfAbsent(
                              e.getClass().getSimpleName() + ": " + e.getMessage(),
                              k -> new AtomicLong())
                          .incrementAndGet();
                    }
                    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(2_000_000));
                  }
                },
                "caller of " + lifetime + " s tokens");
        caller.setDaemon(true);
        callers.add(caller);
        caller.start();
      }
    }

    Thread.sleep(RUN.toMillis());
    running = false;
    for (Thread caller : callers) {
      caller.join(10_000);
    }

    String report =
        String.format(
            "%d calls, %d tokens, %d typed errors, %d past usable life, %d expired; errors: %s",
            calls.get(),
            tokens.size(),
            typedErrors.get(),
            pastUsableLife.get(),
            expired.get(),
            errors);
    System.out.println("1, 2 and 3 s tokens over HTTP for " + RUN.toSeconds() + " s: " + report);
    assertThat(pastUsableLife.get()).as(report).isZero();
    assertThat(expired.get()).as(report).isZero();
    assertThat(tokens.size())
        .as("tokens renewed again and again: %s", report)
        .isGreaterThanOrEqualTo(30);
  }
}
