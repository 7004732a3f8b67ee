package se.krebit.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.krebit.auth.testing.SettableClock;

/**
 * What every webhook delivery deduplicator ({@code se.krebit.webhooks.spi.DeliveryDeduplicator})
 * must do: the first claim of a key wins and later ones lose until the retention has passed or the
 * claim is released, and of many concurrent claims exactly one wins.
 *
 * <p>The test kit does not depend on {@code krebit-webhooks} (whose own tests use the test kit), so
 * the suite speaks to the deduplicator through {@link Claims}, keyed by strings; an adapter's test
 * wraps its deduplicator in a few lines:
 *
 * <pre>{@code
 * class JdbcDeliveryDeduplicatorIT extends DeliveryDeduplicatorContract {
 *   @Override
 *   protected Claims claims(SettableClock clock, Duration retention) {
 *     DeliveryDeduplicator dedup = JdbcDeliveryDeduplicator.builder(dataSource).clock(clock).retention(retention).build();
 *     return Claims.of(key -> dedup.claim(DeliveryKey.ofDeliveryId(key)), key -> dedup.release(DeliveryKey.ofDeliveryId(key)));
 *   }
 * }
 * }</pre>
 *
 * <p>Each test uses fresh random keys, so a store shared between tests needs no cleaning.
 */
public abstract class DeliveryDeduplicatorContract {
  private static final Duration RETENTION = Duration.ofHours(72);

  private SettableClock clock;
  private Claims claims;

  /** The deduplicator under test, as claims by string key. */
  public interface Claims {
    /** Claims {@code key}: true if it was not claimed within the retention. */
    boolean claim(String key);

    /** Gives the claim of {@code key} up. */
    void release(String key);

    /** Claims from two functions, such as method references on a deduplicator. */
    static Claims of(Predicate<String> claim, Consumer<String> release) {
      return new Claims() {
        @Override
        public boolean claim(String key) {
          return claim.test(key);
        }

        @Override
        public void release(String key) {
          release.accept(key);
        }
      };
    }
  }

  /** A deduplicator to test, measuring the retention on {@code clock}. */
  protected abstract Claims claims(SettableClock clock, Duration retention);

  /** How many threads race in the concurrency test; lower it for stores with few connections. */
  protected int racingClaims() {
    return 16;
  }

  @BeforeEach
  final void createDeduplicator() {
    clock = SettableClock.create();
    claims = claims(clock, RETENTION);
  }

  private static String newKey() {
    return "delivery-" + UUID.randomUUID();
  }

  @Test
  void theFirstClaimWinsAndLaterOnesLose() {
    String key = newKey();

    assertTrue(claims.claim(key), "the first claim");
    assertFalse(claims.claim(key), "a retry of the same delivery");
    assertFalse(claims.claim(key), "and another");
  }

  @Test
  void keysAreIndependentAndExact() {
    String key = newKey();
    claims.claim(key);

    assertTrue(claims.claim(key + "x"), "a longer key");
    assertTrue(claims.claim(key.substring(0, key.length() - 1)), "a prefix");
    assertTrue(claims.claim(key.toUpperCase(Locale.ROOT)), "the key in other case");
  }

  @Test
  void longAndUnicodeKeysAreClaimedToo() {
    String key = newKey() + " signing.document.completed åäö 🔑 " + "x".repeat(2_000);

    assertTrue(claims.claim(key));
    assertFalse(claims.claim(key));
  }

  @Test
  void aReleasedClaimCanBeClaimedAgain() {
    String key = newKey();
    claims.claim(key);

    claims.release(key);

    assertTrue(claims.claim(key), "claimed again after the release");
    assertFalse(claims.claim(key));
  }

  @Test
  void releasingIsIdempotentAndReleasingAnUnknownKeyIsHarmless() {
    String key = newKey();
    claims.release(newKey());
    claims.claim(key);

    claims.release(key);
    claims.release(key);

    assertTrue(claims.claim(key));
  }

  @Test
  void aClaimIsRememberedForTheRetentionAndThenForgotten() {
    String key = newKey();
    claims.claim(key);

    clock.advance(RETENTION.minusSeconds(1));
    assertFalse(claims.claim(key), "just before the retention ends");

    clock.advance(Duration.ofSeconds(1));
    assertTrue(claims.claim(key), "once the retention has passed");
    assertFalse(claims.claim(key), "and that new claim holds in turn");
  }

  @Test
  void ofManyConcurrentClaimsOfOneKeyExactlyOneWins() throws Exception {
    int racers = racingClaims();
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      for (int round = 0; round < 20; round++) {
        String key = newKey();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
          attempts.add(
              pool.submit(
                  () -> {
                    start.await();
                    return claims.claim(key);
                  }));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> attempt : attempts) {
          if (attempt.get(30, TimeUnit.SECONDS)) {
            won++;
          }
        }

        assertEquals(
            1, won, "exactly one of " + racers + " concurrent claims wins, round " + round);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
