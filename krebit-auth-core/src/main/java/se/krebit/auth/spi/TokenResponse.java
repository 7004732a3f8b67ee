package se.krebit.auth.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import se.krebit.auth.AccessToken;
import se.krebit.auth.Fingerprint;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenSet;

/**
 * A successful, validated answer of the token endpoint, before the flow stamps it with its clock.
 * {@code toString()} shows fingerprints only.
 *
 * @param accessToken the {@code access_token}
 * @param expiresIn the {@code expires_in}; positive
 * @param refreshToken the {@code refresh_token}, if the server sent one
 * @param scope the {@code scope}, split on spaces; empty if absent
 * @param requestId the {@code request_id} response header, if present
 */
public record TokenResponse(
    String accessToken,
    Duration expiresIn,
    Optional<RefreshToken> refreshToken,
    Set<String> scope,
    Optional<String> requestId) {
  /**
   * Requires every member and copies {@code scope}.
   *
   * @throws IllegalArgumentException if the access token is empty or {@code expiresIn} is not
   *     positive
   */
  public TokenResponse {
    requireNonNull(accessToken, "accessToken");
    requireNonNull(expiresIn, "expiresIn");
    requireNonNull(refreshToken, "refreshToken");
    scope = Set.copyOf(requireNonNull(scope, "scope"));
    requireNonNull(requestId, "requestId");
    if (accessToken.isEmpty()) {
      throw new IllegalArgumentException("access token must not be empty");
    }
    if (expiresIn.isNegative() || expiresIn.isZero()) {
      throw new IllegalArgumentException("expires_in must be positive");
    }
  }

  /**
   * The token set this response gives a request sent at {@code requestedAt}. Expiry counts from the
   * moment the request was sent, so the network round trip never stretches a token's life.
   */
  public TokenSet toTokenSet(Instant requestedAt) {
    AccessToken token =
        new AccessToken(accessToken, AccessToken.BEARER, requestedAt.plus(expiresIn));
    return new TokenSet(token, refreshToken, scope, requestedAt);
  }

  @Override
  public String toString() {
    return "TokenResponse[accessToken="
        + Fingerprint.of(accessToken)
        + ", expiresIn="
        + expiresIn
        + ", refreshToken="
        + refreshToken.map(RefreshToken::fingerprint).orElse("none")
        + ", scope="
        + scope
        + ", requestId="
        + requestId.orElse("none")
        + "]";
  }
}
