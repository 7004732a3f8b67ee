package se.krebit.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What one successful token request yields: an access token, a refresh token when the grant issues
 * one (authorization code and refresh, never client credentials), the granted scope, and when it
 * was obtained. Immutable; {@code toString()} shows fingerprints only.
 *
 * @param accessToken the access token
 * @param refreshToken the refresh token, if one was issued
 * @param scope the granted scope; empty when the server named none
 * @param obtainedAt when the token request was sent, on the obtaining source's clock
 */
public record TokenSet(
    AccessToken accessToken,
    Optional<RefreshToken> refreshToken,
    Set<String> scope,
    Instant obtainedAt) {
  /**
   * Requires every member and copies {@code scope}: later changes to the given set do not show
   * here.
   */
  public TokenSet {
    requireNonNull(accessToken, "accessToken");
    requireNonNull(refreshToken, "refreshToken");
    scope = Set.copyOf(requireNonNull(scope, "scope"));
    requireNonNull(obtainedAt, "obtainedAt");
  }

  /**
   * This set after a refresh answered with {@code refreshed}: the new access token, the newer
   * refresh token when the server rotated it, otherwise the one we already had.
   */
  public TokenSet rotatedTo(TokenSet refreshed) {
    return new TokenSet(
        refreshed.accessToken,
        refreshed.refreshToken.or(() -> refreshToken),
        refreshed.scope.isEmpty() ? scope : refreshed.scope,
        refreshed.obtainedAt);
  }
}
