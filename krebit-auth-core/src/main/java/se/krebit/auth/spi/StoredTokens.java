package se.krebit.auth.spi;

import static java.util.Objects.requireNonNull;

import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSet;

/**
 * A token set as a {@link TokenStore} holds it, with the version that compare-and-set checks.
 *
 * @param key whose tokens these are
 * @param tokens the tokens
 * @param version the record's version: 1 after the first write, one more after each write
 */
public record StoredTokens(TokenKey key, TokenSet tokens, long version) {
  public StoredTokens {
    requireNonNull(key, "key");
    requireNonNull(tokens, "tokens");
    if (version < 1) {
      throw new IllegalArgumentException("version of a stored record must be at least 1");
    }
  }
}
