package se.krebit.auth.spi;

import java.util.Optional;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSet;

/**
 * Durable token sets keyed by {@link TokenKey}, versioned, with compare-and-set so that two nodes
 * never both install a token set derived from the same version.
 *
 * <p>Implementations are thread-safe, and safe across processes when they say so. Every adapter
 * runs the test kit's {@code TokenStoreContract}.
 */
public interface TokenStore {
  /** The current record for {@code key}, if there is one. */
  Optional<StoredTokens> load(TokenKey key);

  /**
   * Writes {@code tokens} for {@code key} if the stored version is {@code expectedVersion}
   * ({@code 0} meaning: no record exists yet).
   *
   * @return the record as now stored, with its new version; empty if the version did not match,
   *     in which case nothing was written
   */
  Optional<StoredTokens> compareAndSet(TokenKey key, long expectedVersion, TokenSet tokens);

  /**
   * Removes the record for {@code key}, whatever its version (sign-out).
   *
   * @return whether a record existed
   */
  boolean delete(TokenKey key);
}
