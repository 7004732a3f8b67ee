package se.krebit.cli;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.spi.TokenStore;
import se.krebit.cli.UnsavedTokens.Unsaved;

/**
 * The command line's token store, safe for any number of {@code krebit} processes at once: each
 * operation on the encrypted H2 database takes its turn under the {@link StoreLock}, and H2 opens
 * the file for that operation only, so no process keeps others out. Compare-and-set does the rest,
 * as it does between the nodes of a cluster: one process takes the refresh lease, the others wait
 * for its result. Contention is waited out, never reported, up to the lock's bound.
 *
 * <p>It also remembers every new refresh token whose write failed ({@link UnsavedTokens}), so that
 * the process can {@link #flush} them before it exits. Thread-safe.
 */
final class LocalTokenStore implements TokenStore {
  /**
   * H2's "database may be already in use": the file is open in a process that does not take turns.
   */
  private static final String FILE_IN_USE = "90020";

  private static final long MAX_FLUSH_BACKOFF_MILLIS = 1_000;

  private final TokenStore database;
  private final StoreLock lock;
  private final UnsavedTokens unsaved = new UnsavedTokens();

  LocalTokenStore(TokenStore database, StoreLock lock) {
    this.database = database;
    this.lock = lock;
  }

  @Override
  public Optional<StoredTokens> load(TokenKey key) {
    Optional<StoredTokens> stored = inTurn(() -> database.load(key), deadline());
    unsaved.loaded(key, stored);
    return stored;
  }

  @Override
  public Optional<StoredTokens> compareAndSet(
      TokenKey key, long expectedVersion, TokenRecord record) {
    Optional<StoredTokens> written;
    try {
      written = inTurn(() -> database.compareAndSet(key, expectedVersion, record), deadline());
    } catch (TokenStoreException e) {
      unsaved.failed(key, expectedVersion, record);
      throw e;
    }
    unsaved.answered(key, expectedVersion, record, written);
    return written;
  }

  @Override
  public boolean delete(TokenKey key) {
    boolean existed = inTurn(() -> database.delete(key), deadline());
    unsaved.forget(key);
    return existed;
  }

  /**
   * What {@link #flush} did.
   *
   * @param stored the keys whose unsaved refresh token it stored
   * @param lost the keys whose refresh token is not in the store and never will be from this
   *     process
   */
  record Flushed(List<TokenKey> stored, List<TokenKey> lost) {
    static final Flushed NOTHING = new Flushed(List.of(), List.of());
  }

  /** The keys whose new refresh token has not reached the store, as far as this process knows. */
  List<TokenKey> unsaved() {
    return List.copyOf(unsaved.snapshot().keySet());
  }

  /**
   * Writes every new refresh token that has not reached the store, trying until {@code bound} has
   * passed.
   */
  Flushed flush(Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    List<TokenKey> stored = new ArrayList<>();
    List<TokenKey> lost = new ArrayList<>();
    for (Map.Entry<TokenKey, Unsaved> entry : unsaved.snapshot().entrySet()) {
      (flush(entry.getKey(), entry.getValue(), deadline) ? stored : lost).add(entry.getKey());
    }
    return new Flushed(List.copyOf(stored), List.copyOf(lost));
  }

  /**
   * @return whether the store holds the unsaved refresh token now
   */
  private boolean flush(TokenKey key, Unsaved pending, long deadline) {
    long backoff = 20;
    while (true) {
      try {
        boolean stored =
            inTurn(
                        () ->
                            database.compareAndSet(
                                key, pending.expectedVersion(), pending.record()),
                        deadline)
                    .isPresent()
                || inTurn(() -> database.load(key), deadline)
                    .filter(now -> UnsavedTokens.sameRefreshToken(now.record(), pending.record()))
                    .isPresent();
        unsaved.settled(
            key, pending); // stored, or overwritten by another writer: either way it's settled
        return stored;
      } catch (TokenStoreException e) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0
            || !pause(Math.min(backoff, TimeUnit.NANOSECONDS.toMillis(remaining) + 1))) {
          return false;
        }
        backoff = Math.min(MAX_FLUSH_BACKOFF_MILLIS, backoff * 2);
      }
    }
  }

  private long deadline() {
    return System.nanoTime() + lock.waitBound().toNanos();
  }

  /**
   * Runs {@code work} in this process's turn; a file that another program holds open is waited for
   * like the lock, since H2 refuses it before anything is read or written.
   */
  private <T> T inTurn(Supplier<T> work, long deadline) {
    long backoff = 5;
    while (true) {
      try {
        return lock.holding(work, deadline);
      } catch (TokenStoreException e) {
        long remaining = deadline - System.nanoTime();
        if (!isFileInUse(e)
            || remaining <= 0
            || !pause(Math.min(backoff, TimeUnit.NANOSECONDS.toMillis(remaining) + 1))) {
          throw e;
        }
        backoff = Math.min(100, backoff * 2);
      }
    }
  }

  private static boolean isFileInUse(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && FILE_IN_USE.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * @return false if interrupted
   */
  private static boolean pause(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String toString() {
    return "LocalTokenStore[" + database + "]";
  }
}
