package se.krebit.auth.spi;

import static java.util.Objects.requireNonNull;

import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSet;

/**
 * A {@link TokenRecord} as a {@link TokenStore} holds it, with the version that compare-and-set
 * checks.
 *
 * @param key whose tokens these are
 * @param record the tokens, lease and re-authorization mark
 * @param version 1 after the first write, one more after each write
 */
public record StoredTokens(TokenKey key, TokenRecord record, long version) {
  /**
   * Requires every member and a version of 1 or more, as every write gives one.
   *
   * @throws IllegalArgumentException if {@code version} is below 1
   */
  public StoredTokens {
    requireNonNull(key, "key");
    requireNonNull(record, "record");
    if (version < 1) {
      throw new IllegalArgumentException("version of a stored record must be at least 1");
    }
  }

  /** The stored tokens. */
  public TokenSet tokens() {
    return record.tokens();
  }
}
