package se.krebit.auth.feign;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenStoreException;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.testing.ForwardingTokenStore;

/**
 * An in-memory token store whose writes of token sets without a refresh lease (what a node writes
 * right after a rotation) can be made to fail, as a database outage would: the lease is taken, the
 * refresh token is redeemed, and then the rotated set can't be stored. Thread-safe.
 */
final class OutageStore extends ForwardingTokenStore {
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger failedWrites = new AtomicInteger();

  OutageStore() {
    super(new InMemoryTokenStore());
  }

  /**
   * The next {@code count} writes of a set without lease fail with a retryable {@link
   * TokenStoreException}.
   */
  void failNextRotationWrites(int count) {
    failuresLeft.set(count);
  }

  /** How many writes failed so far. */
  int failedWrites() {
    return failedWrites.get();
  }

  @Override
  public Optional<StoredTokens> compareAndSet(
      TokenKey key, long expectedVersion, TokenRecord record) {
    if (record.refreshLease().isEmpty() && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      failedWrites.incrementAndGet();
      throw new TokenStoreException("the test database is down", true, null);
    }
    return super.compareAndSet(key, expectedVersion, record);
  }
}
