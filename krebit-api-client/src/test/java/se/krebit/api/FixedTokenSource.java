package se.krebit.api;

import java.time.Instant;
import se.krebit.auth.AccessToken;
import se.krebit.auth.TokenSource;

/** Always the same token, whatever is invalidated: a source that can't get a better one. */
final class FixedTokenSource implements TokenSource {
  private final AccessToken token;

  FixedTokenSource(String value) {
    this.token = new AccessToken(value, AccessToken.BEARER, Instant.parse("2100-01-01T00:00:00Z"));
  }

  @Override
  public AccessToken token() {
    return token;
  }

  @Override
  public void invalidate(AccessToken rejected) {}
}
