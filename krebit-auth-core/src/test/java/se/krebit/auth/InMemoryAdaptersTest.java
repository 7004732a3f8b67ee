package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import se.krebit.auth.memory.InMemoryStateRepository;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.PendingAuthorization;
import se.krebit.auth.spi.StateConsumption;
import se.krebit.auth.spi.TokenRecord;

/**
 * Concurrency of the in-memory adapters. (Their full behaviour is checked by the test kit's
 * contract suites, which every store runs.)
 */
class InMemoryAdaptersTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void ofManyConcurrentWritersOfOneVersionExactlyOneWins() throws Exception {
    InMemoryTokenStore store = new InMemoryTokenStore();
    TokenKey key = new TokenKey("acme", "app", "alice");
    TokenSet tokens = new TokenSet(new AccessToken("a", "Bearer", NOW), Optional.empty(), Set.of(), NOW);

    long winners = race(32, () -> store.compareAndSet(key, 0, TokenRecord.of(tokens)).isPresent()).stream().filter(w -> w).count();

    assertThat(winners).isEqualTo(1);
    assertThat(store.load(key).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void ofManyConcurrentConsumersOfOneStateExactlyOneGetsIt() throws Exception {
    ManualClock clock = new ManualClock(NOW);
    InMemoryStateRepository states = new InMemoryStateRepository(clock);
    states.save(new PendingAuthorization("s1", URI.create("https://app.example/cb"), "alice", Optional.empty(),
        Optional.empty(), Set.of(), NOW, NOW.plusSeconds(600)));

    List<StateConsumption> outcomes = race(32, () -> states.consume("s1"));

    assertThat(outcomes).filteredOn(o -> o instanceof StateConsumption.Consumed).hasSize(1);
    assertThat(outcomes).filteredOn(o -> o instanceof StateConsumption.AlreadyConsumed).hasSize(31);
  }

  @Test
  void expiredStatesAreReportedThenPurged() {
    ManualClock clock = new ManualClock(NOW);
    InMemoryStateRepository states = new InMemoryStateRepository(clock);
    states.save(new PendingAuthorization("s1", URI.create("https://app.example/cb"), "alice", Optional.empty(),
        Optional.empty(), Set.of(), NOW, NOW.plusSeconds(600)));
    clock.advance(Duration.ofSeconds(600));

    assertThat(states.purgeExpired()).isEqualTo(1);
    assertThat(states.consume("s1")).isInstanceOf(StateConsumption.Unknown.class);
  }

  private static <T> List<T> race(int threads, Callable<T> action) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = IntStream.range(0, threads)
          .mapToObj(i -> pool.submit(() -> {
            start.await();
            return action.call();
          }))
          .toList();
      start.countDown();
      List<T> results = new java.util.ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
