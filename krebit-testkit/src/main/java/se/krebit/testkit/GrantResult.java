package se.krebit.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A successful token response: the new access token and its lifetime in seconds. Grants that
 * return a refresh token will add it here.
 */
record GrantResult(TokenRegistry.Issued accessToken, long expiresInSeconds) {
  /** The response body in the order the Krebit guide shows it. */
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token_type", "Bearer");
    body.put("expires_in", expiresInSeconds);
    body.put("access_token", accessToken.value());
    return body;
  }

  @Override
  public String toString() {
    return "GrantResult[" + accessToken + ", expiresIn=" + expiresInSeconds + "]";
  }
}
