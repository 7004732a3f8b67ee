package se.krebit.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import se.krebit.auth.AccessToken;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSet;
import se.krebit.auth.spi.RefreshLease;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.spi.TokenStore;

/**
 * What every {@link TokenStore} must do: versioned records, compare-and-set that lets exactly one
 * of many concurrent writers win, faithful round trips of every field, and keys that never collide.
 *
 * <pre>{@code
 * class JdbcTokenStoreTest extends TokenStoreContract {
 *   @Override
 *   protected TokenStore store() {
 *     return new JdbcTokenStore(dataSource, cipher);
 *   }
 * }
 * }</pre>
 *
 * <p>Each test uses keys with a random tenant, so a store shared between tests needs no cleaning.
 */
public abstract class TokenStoreContract {
  private static final Instant OBTAINED = Instant.parse("2030-01-01T10:00:00.123Z");

  private TokenStore store;
  private String tenant;

  /** A store to test. It may be shared between tests and may hold other records. */
  protected abstract TokenStore store();

  /** How many threads race in the concurrency test; lower it for stores with few connections. */
  protected int racingWriters() {
    return 16;
  }

  @BeforeEach
  final void createStore() {
    store = store();
    tenant = "tenant-" + UUID.randomUUID();
  }

  private TokenKey key(String subject) {
    return new TokenKey(tenant, "client-1", subject);
  }

  private static TokenSet tokens(String access, Optional<String> refresh) {
    return new TokenSet(
        new AccessToken(access, AccessToken.BEARER, OBTAINED.plusSeconds(3600)),
        refresh.map(RefreshToken::new),
        Set.of("read", "sign"),
        OBTAINED);
  }

  private static TokenRecord record(String access) {
    return TokenRecord.of(tokens(access, Optional.of("rt-" + access)));
  }

  @Test
  void anUnknownKeyHasNoRecord() {
    assertEquals(Optional.empty(), store.load(key("nobody")));
  }

  @Test
  void versionZeroCreatesTheRecordAtVersionOne() {
    Optional<StoredTokens> written = store.compareAndSet(key("alice"), 0, record("a1"));

    assertTrue(written.isPresent(), "create with version 0");
    assertEquals(1, written.get().version());
    assertEquals(written, store.load(key("alice")));
  }

  @Test
  void everyFieldSurvivesTheRoundTrip() {
    TokenRecord original =
        new TokenRecord(
            tokens("a1", Optional.of("r1")),
            Optional.of(new RefreshLease("node-7", OBTAINED.plusSeconds(30))),
            true);

    store.compareAndSet(key("alice"), 0, original);

    StoredTokens loaded = store.load(key("alice")).orElseThrow();
    assertEquals(original, loaded.record());
    assertEquals(key("alice"), loaded.key());
  }

  @Test
  void aRecordWithoutRefreshTokenOrScopeSurvivesTheRoundTrip() {
    TokenRecord bare =
        TokenRecord.of(
            new TokenSet(
                new AccessToken("a1", AccessToken.BEARER, OBTAINED.plusSeconds(60)),
                Optional.empty(),
                Set.of(),
                OBTAINED));

    store.compareAndSet(key("alice"), 0, bare);

    assertEquals(bare, store.load(key("alice")).orElseThrow().record());
  }

  @Test
  void versionZeroDoesNotOverwriteAnExistingRecord() {
    store.compareAndSet(key("alice"), 0, record("a1"));

    assertEquals(Optional.empty(), store.compareAndSet(key("alice"), 0, record("a2")));
    assertEquals(record("a1"), store.load(key("alice")).orElseThrow().record());
  }

  @Test
  void theCurrentVersionReplacesTheRecordAndCountsUp() {
    store.compareAndSet(key("alice"), 0, record("a1"));

    Optional<StoredTokens> second = store.compareAndSet(key("alice"), 1, record("a2"));
    Optional<StoredTokens> third = store.compareAndSet(key("alice"), 2, record("a3"));

    assertEquals(2, second.orElseThrow().version());
    assertEquals(3, third.orElseThrow().version());
    assertEquals(third, store.load(key("alice")));
  }

  @Test
  void aStaleVersionWritesNothing() {
    store.compareAndSet(key("alice"), 0, record("a1"));
    store.compareAndSet(key("alice"), 1, record("a2"));

    assertEquals(Optional.empty(), store.compareAndSet(key("alice"), 1, record("stale")));
    assertEquals(Optional.empty(), store.compareAndSet(key("alice"), 7, record("future")));
    assertEquals(record("a2"), store.load(key("alice")).orElseThrow().record());
  }

  @Test
  void aVersionOtherThanZeroDoesNotCreate() {
    assertEquals(Optional.empty(), store.compareAndSet(key("alice"), 1, record("a1")));
    assertEquals(Optional.empty(), store.load(key("alice")));
  }

  @Test
  void deleteRemovesTheRecordAndAllowsANewOne() {
    store.compareAndSet(key("alice"), 0, record("a1"));

    assertTrue(store.delete(key("alice")));
    assertEquals(Optional.empty(), store.load(key("alice")));
    assertFalse(store.delete(key("alice")));
    assertEquals(1, store.compareAndSet(key("alice"), 0, record("a2")).orElseThrow().version());
  }

  @Test
  void keysDifferingInAnyPartAreIndependent() {
    TokenKey base = new TokenKey(tenant, "client-1", "alice");
    List<TokenKey> others =
        List.of(
            new TokenKey(tenant + "x", "client-1", "alice"),
            new TokenKey(tenant, "client-2", "alice"),
            new TokenKey(tenant, "client-1", "alice2"),
            new TokenKey(tenant, "client-1", "Alice"));
    store.compareAndSet(base, 0, record("base"));

    for (TokenKey other : others) {
      assertEquals(Optional.empty(), store.load(other), other.toString());
      store.compareAndSet(other, 0, record("other"));
    }
    assertEquals(record("base"), store.load(base).orElseThrow().record());
    for (TokenKey other : others) {
      store.delete(other);
    }
  }

  @Test
  void subjectsWithAnyPrintableCharactersAreKeptApart() {
    List<String> subjects =
        List.of(
            "../alice",
            "alice/..",
            "a/b",
            "a%2Fb",
            "a\\b",
            "ä ö ü 中文 😀",
            "'; DROP TABLE tokens; --",
            "x".repeat(255),
            "alice@example.com",
            "data/alice",
            "alice ");
    for (String subject : subjects) {
      assertTrue(
          store.compareAndSet(key(subject), 0, record(subject.hashCode() + "")).isPresent(),
          subject);
    }
    for (String subject : subjects) {
      StoredTokens loaded =
          store.load(key(subject)).orElseThrow(() -> new AssertionError("lost " + subject));
      assertEquals(record(subject.hashCode() + ""), loaded.record(), subject);
      assertEquals(key(subject), loaded.key(), subject);
    }
  }

  @Test
  void ofManyConcurrentWritersOfOneVersionExactlyOneWins() throws Exception {
    store.compareAndSet(key("alice"), 0, record("a1"));
    int writers = racingWriters();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Optional<StoredTokens>>> attempts = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String value = "w" + i;
        attempts.add(
            pool.submit(
                () -> {
                  start.await();
                  return store.compareAndSet(key("alice"), 1, record(value));
                }));
      }
      start.countDown();
      List<StoredTokens> winners = new ArrayList<>();
      for (Future<Optional<StoredTokens>> attempt : attempts) {
        attempt.get(30, TimeUnit.SECONDS).ifPresent(winners::add);
      }

      assertEquals(1, winners.size(), "exactly one writer of version 1 wins");
      assertEquals(winners.get(0), store.load(key("alice")).orElseThrow());
      assertEquals(2, winners.get(0).version());
    } finally {
      pool.shutdownNow();
    }
  }
}
