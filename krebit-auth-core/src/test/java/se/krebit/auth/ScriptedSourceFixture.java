package se.krebit.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import se.krebit.auth.testing.SettableClock;

/**
 * What tests of an application's token source share: a manual clock, a scripted endpoint whose gate
 * is opened after each test, and threads that are stopped.
 */
abstract class ScriptedSourceFixture {
  static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
  // Lifetime 3600 s, no jitter: usable until 3595 s (5 s skew), refresh ahead from 3535 s (60 s
  // margin).
  static final Duration REFRESH_AT = Duration.ofSeconds(3535);

  final SettableClock clock = SettableClock.startingAt(START);
  final ScriptedEndpoint endpoint = new ScriptedEndpoint();
  final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    endpoint.open();
    threads.shutdownNow();
  }

  /** A source of client {@code app} on this endpoint and clock. */
  ClientCredentialsTokenSource.Builder scriptedSource() {
    return ClientCredentialsTokenSource.builder()
        .endpoint(endpoint)
        .client(ClientCredentials.of("app", "s3cret"))
        .clock(clock);
  }
}
