package se.krebit.auth.spi;

import java.util.Optional;
import se.krebit.auth.TokenKey;

/**
 * Durable token records keyed by {@link TokenKey}, versioned, with compare-and-set. Flows build
 * everything that must be safe across nodes on compare-and-set alone: installing a token set,
 * taking the refresh lease so two nodes never both redeem one refresh token, marking a refused
 * refresh token.
 *
 * <p>Implementations are thread-safe, and safe across processes when they say so. They store
 * refresh tokens encrypted, or say plainly that they don't. Every adapter runs the test kit's
 * {@code TokenStoreContract}.
 */
public interface TokenStore {
  /**
   * The current record for {@code key}, if there is one.
   *
   * @throws se.krebit.auth.TokenStoreException if the store can't be read
   */
  Optional<StoredTokens> load(TokenKey key);

  /**
   * Writes {@code record} for {@code key} if the stored version is {@code expectedVersion} ({@code
   * 0} meaning: no record exists yet).
   *
   * @return the record as now stored, with version {@code expectedVersion + 1}; empty if the
   *     version did not match, in which case nothing was written
   * @throws se.krebit.auth.TokenStoreException if the store can't be written or read
   */
  Optional<StoredTokens> compareAndSet(TokenKey key, long expectedVersion, TokenRecord record);

  /**
   * Removes the record for {@code key}, whatever its version (sign-out).
   *
   * @return whether a record existed
   * @throws se.krebit.auth.TokenStoreException if the store can't be written
   */
  boolean delete(TokenKey key);
}
