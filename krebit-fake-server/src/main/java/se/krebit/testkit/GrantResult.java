package se.krebit.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.krebit.auth.Fingerprint;

/**
 * A successful token response: the new access token, its lifetime in seconds, and for user grants
 * the refresh token to send (if any) and the scope granted. {@code toString()} shows fingerprints.
 *
 * @param refreshToken the {@code refresh_token} to send; empty to leave it out
 * @param scope the scope of the access token; empty to leave {@code scope} out
 */
record GrantResult(
    TokenRegistry.Issued accessToken,
    long expiresInSeconds,
    Optional<String> refreshToken,
    List<String> scope) {
  GrantResult {
    scope = List.copyOf(scope);
  }

  /** An app-only result: no refresh token, no scope. */
  GrantResult(TokenRegistry.Issued accessToken, long expiresInSeconds) {
    this(accessToken, expiresInSeconds, Optional.empty(), List.of());
  }

  /** The response body in the order the Krebit guide shows it. */
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token_type", "Bearer");
    body.put("expires_in", expiresInSeconds);
    body.put("access_token", accessToken.value());
    refreshToken.ifPresent(token -> body.put("refresh_token", token));
    Scopes.format(scope).ifPresent(value -> body.put("scope", value));
    return body;
  }

  /** The fingerprint of the refresh token sent, if one is. */
  Optional<String> refreshTokenFingerprint() {
    return refreshToken.map(Fingerprint::of);
  }

  @Override
  public String toString() {
    return "GrantResult["
        + accessToken
        + ", expiresIn="
        + expiresInSeconds
        + ", refreshToken="
        + refreshTokenFingerprint().orElse("none")
        + ", scope="
        + scope
        + "]";
  }
}
