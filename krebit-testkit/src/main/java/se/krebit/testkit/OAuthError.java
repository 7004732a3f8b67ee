package se.krebit.testkit;

/**
 * An RFC 6749 §5.2 error response of the token endpoint.
 *
 * @param basicChallenge whether the client authenticated with HTTP Basic, so the 401 must carry a
 *     {@code WWW-Authenticate: Basic} challenge
 */
record OAuthError(int status, String error, String description, boolean basicChallenge) {
  static OAuthError invalidRequest(String description) {
    return new OAuthError(400, "invalid_request", description, false);
  }

  static OAuthError invalidClient(String description, boolean basicChallenge) {
    return new OAuthError(401, "invalid_client", description, basicChallenge);
  }

  static OAuthError unsupportedGrantType(String description) {
    return new OAuthError(400, "unsupported_grant_type", description, false);
  }

  /** A code or refresh token that is unknown, expired, used, revoked or bound elsewhere (400). */
  static OAuthError invalidGrant(String description) {
    return new OAuthError(400, "invalid_grant", description, false);
  }

  static OAuthError invalidScope(String description) {
    return new OAuthError(400, "invalid_scope", description, false);
  }

  /** Thrown where the error is found, caught where the response is written. */
  OAuthProblem problem() {
    return new OAuthProblem(this, null);
  }

  /** {@link #problem()} about a grant of {@code subject}, so that the journal can name its family. */
  OAuthProblem problemAbout(UserPrincipal subject) {
    return new OAuthProblem(this, subject);
  }
}
