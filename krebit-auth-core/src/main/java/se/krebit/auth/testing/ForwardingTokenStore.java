package se.krebit.auth.testing;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import se.krebit.auth.TokenKey;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.spi.TokenStore;

/**
 * A {@link TokenStore} that passes every call on to another: a test extends it and overrides only
 * what it changes, such as a write that fails as a database going down would, or a read that waits.
 * As thread-safe as the store it passes on to and what the subclass adds.
 */
public abstract class ForwardingTokenStore implements TokenStore {
  private final TokenStore delegate;

  /** Passes every call on to {@code delegate}. */
  protected ForwardingTokenStore(TokenStore delegate) {
    this.delegate = requireNonNull(delegate, "delegate");
  }

  @Override
  public Optional<StoredTokens> load(TokenKey key) {
    return delegate.load(key);
  }

  @Override
  public Optional<StoredTokens> compareAndSet(
      TokenKey key, long expectedVersion, TokenRecord record) {
    return delegate.compareAndSet(key, expectedVersion, record);
  }

  @Override
  public boolean delete(TokenKey key) {
    return delegate.delete(key);
  }
}
