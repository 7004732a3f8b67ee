package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.cli.StoredRecords.ALICE;
import static se.krebit.cli.StoredRecords.leased;
import static se.krebit.cli.StoredRecords.record;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.spi.TokenStore;

/**
 * The store's bookkeeping of unsaved refresh tokens and its waiting, over an in-memory store that
 * fails on demand.
 */
class LocalTokenStoreTest {
  private static final Duration WAIT = Duration.ofSeconds(2);

  @TempDir Path directory;
  private final FailingStore database = new FailingStore();

  @Test
  void flushStoresARotationTheStoreRefusedAndSaysSo() {
    LocalTokenStore store = store();
    StoredTokens claimed = signedInAndClaimed(store);
    database.failures.set(1);
    assertThatThrownBy(() -> store.compareAndSet(ALICE, claimed.version(), record("r2")))
        .isInstanceOf(TokenStoreException.class);

    LocalTokenStore.Flushed flushed = store.flush(WAIT);

    assertThat(flushed.stored()).containsExactly(ALICE);
    assertThat(flushed.lost()).isEmpty();
    assertThat(database.load(ALICE).orElseThrow().record()).isEqualTo(record("r2"));
    assertThat(store.unsaved()).isEmpty();
  }

  @Test
  void flushReportsARotationAnotherWriterReplacedAsLost() {
    LocalTokenStore store = store();
    StoredTokens claimed = signedInAndClaimed(store);
    database.failures.set(1);
    assertThatThrownBy(() -> store.compareAndSet(ALICE, claimed.version(), record("r2")));
    database.compareAndSet(
        ALICE, claimed.version(), record("r9")); // another process, once the lease lapsed

    LocalTokenStore.Flushed flushed = store.flush(WAIT);

    assertThat(flushed.lost()).containsExactly(ALICE);
    assertThat(database.load(ALICE).orElseThrow().record()).isEqualTo(record("r9"));
  }

  @Test
  void flushCountsARotationThatReachedTheStoreAfterAllAsStored() {
    LocalTokenStore store = store();
    StoredTokens claimed = signedInAndClaimed(store);
    database.failAfterWriting.set(true); // written, but the answer lost
    assertThatThrownBy(() -> store.compareAndSet(ALICE, claimed.version(), record("r2")));

    assertThat(store.flush(WAIT).stored()).containsExactly(ALICE);
  }

  @Test
  void flushGivesUpAtTheBoundWhileTheStoreKeepsFailing() {
    LocalTokenStore store = store();
    StoredTokens claimed = signedInAndClaimed(store);
    database.failures.set(Integer.MAX_VALUE);
    assertThatThrownBy(() -> store.compareAndSet(ALICE, claimed.version(), record("r2")));
    long started = System.nanoTime();

    LocalTokenStore.Flushed flushed = store.flush(Duration.ofMillis(300));

    assertThat(flushed.lost()).containsExactly(ALICE);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aDatabaseFileOpenElsewhereIsWaitedFor() {
    LocalTokenStore store = store();
    database.fileInUse.set(3);

    assertThat(store.load(ALICE)).isEmpty();
    assertThat(database.fileInUse.get()).isZero();
  }

  @Test
  void otherFailuresAreNotRetried() {
    LocalTokenStore store = store();
    database.failures.set(1);

    assertThatThrownBy(() -> store.compareAndSet(ALICE, 0, record("r1")))
        .isInstanceOf(TokenStoreException.class);
    assertThat(database.failures.get()).isZero();
  }

  private LocalTokenStore store() {
    return new LocalTokenStore(database, new StoreLock(directory, true, WAIT));
  }

  private static StoredTokens signedInAndClaimed(LocalTokenStore store) {
    store.compareAndSet(ALICE, 0, record("r1")).orElseThrow();
    StoredTokens stored = store.load(ALICE).orElseThrow();
    return store.compareAndSet(ALICE, stored.version(), leased(stored.record())).orElseThrow();
  }

  /**
   * An in-memory store whose writes fail, or whose file is "open elsewhere", as often as a test
   * says.
   */
  private static final class FailingStore implements TokenStore {
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger fileInUse = new AtomicInteger();
    final AtomicBoolean failAfterWriting = new AtomicBoolean();
    private final InMemoryTokenStore memory = new InMemoryTokenStore();

    @Override
    public Optional<StoredTokens> load(TokenKey key) {
      inUse();
      return memory.load(key);
    }

    @Override
    public Optional<StoredTokens> compareAndSet(
        TokenKey key, long expectedVersion, TokenRecord record) {
      inUse();
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new TokenStoreException("Writing tokens failed", true, null);
      }
      Optional<StoredTokens> written = memory.compareAndSet(key, expectedVersion, record);
      if (failAfterWriting.getAndSet(false)) {
        throw new TokenStoreException("Writing tokens failed after the commit", true, null);
      }
      return written;
    }

    @Override
    public boolean delete(TokenKey key) {
      return memory.delete(key);
    }

    private void inUse() {
      if (fileInUse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new TokenStoreException(
            "Loading tokens failed",
            false,
            new SQLException("Database may be already in use", "90020"));
      }
    }
  }
}
