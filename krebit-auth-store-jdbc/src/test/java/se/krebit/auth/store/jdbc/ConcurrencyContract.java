package se.krebit.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import se.krebit.auth.AccessToken;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSet;
import se.krebit.auth.spi.PendingAuthorization;
import se.krebit.auth.spi.StateConsumption;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.testing.SettableClock;
import se.krebit.tink.TinkTokenCipher;

/**
 * The races the cluster relies on, repeated until a lucky interleaving is unlikely to hide a bug:
 * writers of one version, creators of one key, and consumers of one state, on connections of their
 * own under the database's default isolation (read committed).
 */
abstract class ConcurrencyContract extends DatabaseContract {
  private static final int RACERS = 8;
  private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

  private final JdbcTokenStore store;
  private final JdbcStateRepository states;
  private final ExecutorService pool = Executors.newFixedThreadPool(RACERS);

  ConcurrencyContract(TestDatabase database) {
    super(database);
    TinkTokenCipher cipher = TestCiphers.fresh();
    this.store = database.tokenStore(cipher);
    this.states = database.stateRepository(cipher, SettableClock.startingAt(NOW));
  }

  @AfterAll
  final void stopRacers() {
    pool.shutdownNow();
  }

  private static TokenRecord record(String value) {
    return TokenRecord.of(
        new TokenSet(
            new AccessToken(value, AccessToken.BEARER, NOW.plusSeconds(60)),
            Optional.of(new RefreshToken("rt-" + value)),
            Set.of(),
            NOW));
  }

  /** Runs {@code racer} on {@value #RACERS} threads released together; their results. */
  private <T> List<T> race(Callable<T> racer) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return racer.call();
              }));
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get(30, TimeUnit.SECONDS));
    }
    return results;
  }

  @Test
  void ofWritersOfOneVersionExactlyOneWinsEveryRound() throws Exception {
    TokenKey key = new TokenKey("tenant-" + UUID.randomUUID(), "client", "alice");
    store.compareAndSet(key, 0, record("v1"));
    for (long version = 1; version <= 100; version++) {
      long expected = version;
      List<Optional<StoredTokens>> results =
          race(
              () ->
                  store.compareAndSet(
                      key, expected, record(Thread.currentThread().getName() + expected)));

      List<StoredTokens> winners = results.stream().flatMap(Optional::stream).toList();
      assertThat(winners).as("round %d", version).hasSize(1);
      assertThat(store.load(key)).contains(winners.get(0));
    }
  }

  @Test
  void ofCreatorsOfOneKeyExactlyOneWinsEveryRound() throws Exception {
    String tenant = "tenant-" + UUID.randomUUID();
    for (int round = 0; round < 50; round++) {
      TokenKey key = new TokenKey(tenant, "client", "user-" + round);
      List<Optional<StoredTokens>> results =
          race(() -> store.compareAndSet(key, 0, record(Thread.currentThread().getName())));

      assertThat(results.stream().filter(Optional::isPresent).count())
          .as("round %d", round)
          .isEqualTo(1);
    }
  }

  @Test
  void ofConsumersOfOneStateExactlyOneGetsItEveryRound() throws Exception {
    for (int round = 0; round < 50; round++) {
      String state = "state-" + UUID.randomUUID();
      states.save(
          new PendingAuthorization(
              state,
              URI.create("https://app.example/cb"),
              "alice",
              Optional.of("v"),
              Optional.empty(),
              Set.of(),
              NOW,
              NOW.plus(Duration.ofMinutes(10))));

      List<StateConsumption> results = race(() -> states.consume(state));

      assertThat(results)
          .filteredOn(r -> r instanceof StateConsumption.Consumed)
          .as("round %d", round)
          .hasSize(1);
      assertThat(results)
          .filteredOn(r -> r instanceof StateConsumption.AlreadyConsumed)
          .hasSize(RACERS - 1);
    }
  }
}
