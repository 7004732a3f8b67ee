package se.krebit.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.krebit.auth.spi.PendingAuthorization;
import se.krebit.auth.spi.StateConsumption;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.testing.SettableClock;

/**
 * What every {@link StateRepository} must do: keep a pending sign-in until it expires, hand it out
 * exactly once however many callbacks race, tell a replay from a forgery, and purge what expired.
 *
 * <pre>{@code
 * class JdbcStateRepositoryTest extends StateRepositoryContract {
 *   @Override
 *   protected StateRepository repository(SettableClock clock) {
 *     return new JdbcStateRepository(dataSource, clock);
 *   }
 * }
 * }</pre>
 *
 * <p>Each test uses fresh random states, so a repository shared between tests needs no cleaning,
 * but expiry is measured on the clock handed to {@link #repository}.
 */
public abstract class StateRepositoryContract {
  private static final Duration TTL = Duration.ofMinutes(10);

  private SettableClock clock;
  private StateRepository repository;

  /** A repository to test, measuring expiry on {@code clock}. */
  protected abstract StateRepository repository(SettableClock clock);

  /** How many threads race in the concurrency test; lower it for stores with few connections. */
  protected int racingConsumers() {
    return 16;
  }

  @BeforeEach
  final void createRepository() {
    clock = SettableClock.create();
    repository = repository(clock);
  }

  private PendingAuthorization pending(String state) {
    Instant now = clock.instant();
    return new PendingAuthorization(
        state,
        URI.create("https://app.example/oauth/callback"),
        "alice",
        Optional.of("verifier-" + state),
        Optional.of("/orders/7"),
        Set.of("read"),
        now,
        now.plus(TTL));
  }

  private static String newState() {
    return "state-" + UUID.randomUUID();
  }

  @Test
  void aSavedRequestIsConsumedWithEveryField() {
    String state = newState();
    PendingAuthorization saved = pending(state);
    repository.save(saved);

    StateConsumption consumption = repository.consume(state);

    assertEquals(new StateConsumption.Consumed(saved), consumption);
  }

  @Test
  void aRequestWithoutVerifierOrReturnToSurvivesTheRoundTrip() {
    String state = newState();
    Instant now = clock.instant();
    PendingAuthorization bare =
        new PendingAuthorization(
            state,
            URI.create("https://app.example/cb?tenant=a"),
            "bob",
            Optional.empty(),
            Optional.empty(),
            Set.of(),
            now,
            now.plus(TTL));
    repository.save(bare);

    assertEquals(new StateConsumption.Consumed(bare), repository.consume(state));
  }

  @Test
  void aStateIsConsumedOnceAndAReplayIsRecognised() {
    String state = newState();
    repository.save(pending(state));
    repository.consume(state);

    assertInstanceOf(StateConsumption.AlreadyConsumed.class, repository.consume(state));
  }

  @Test
  void aStateNeverSavedIsUnknown() {
    assertInstanceOf(StateConsumption.Unknown.class, repository.consume(newState()));
  }

  @Test
  void aRequestPastItsExpiryIsReportedExpired() {
    String state = newState();
    repository.save(pending(state));
    clock.advance(TTL);

    assertInstanceOf(StateConsumption.Expired.class, repository.consume(state));
    assertInstanceOf(StateConsumption.AlreadyConsumed.class, repository.consume(state));
  }

  @Test
  void aRequestJustBeforeItsExpiryIsConsumed() {
    String state = newState();
    repository.save(pending(state));
    clock.advance(TTL.minusMillis(1));

    assertInstanceOf(StateConsumption.Consumed.class, repository.consume(state));
  }

  @Test
  void savingTheSameStateTwiceIsRefused() {
    String state = newState();
    repository.save(pending(state));

    assertThrows(IllegalStateException.class, () -> repository.save(pending(state)));
  }

  @Test
  void purgingRemovesExpiredRequestsAndMarkersOnly() {
    String expired = newState();
    String consumedAndExpired = newState();
    repository.save(pending(expired));
    repository.save(pending(consumedAndExpired));
    repository.consume(consumedAndExpired);
    clock.advance(TTL);
    String live = newState();
    repository.save(pending(live));

    assertTrue(repository.purgeExpired() >= 2, "both expired records are purged");

    assertInstanceOf(StateConsumption.Unknown.class, repository.consume(expired));
    assertInstanceOf(StateConsumption.Unknown.class, repository.consume(consumedAndExpired));
    assertInstanceOf(StateConsumption.Consumed.class, repository.consume(live));
  }

  @Test
  void ofManyConcurrentCallbacksExactlyOneConsumes() throws Exception {
    String state = newState();
    repository.save(pending(state));
    int consumers = racingConsumers();
    ExecutorService pool = Executors.newFixedThreadPool(consumers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<StateConsumption>> attempts = new ArrayList<>();
      for (int i = 0; i < consumers; i++) {
        attempts.add(
            pool.submit(
                () -> {
                  start.await();
                  return repository.consume(state);
                }));
      }
      start.countDown();
      int consumed = 0;
      int replays = 0;
      for (Future<StateConsumption> attempt : attempts) {
        StateConsumption outcome = attempt.get(30, TimeUnit.SECONDS);
        if (outcome instanceof StateConsumption.Consumed) {
          consumed++;
        } else if (outcome instanceof StateConsumption.AlreadyConsumed) {
          replays++;
        }
      }

      assertEquals(1, consumed, "exactly one callback consumes the state");
      assertEquals(consumers - 1, replays, "every other callback is a replay");
    } finally {
      pool.shutdownNow();
    }
  }
}
