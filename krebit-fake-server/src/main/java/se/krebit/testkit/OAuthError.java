package se.krebit.testkit;

/**
 * An RFC 6749 §5.2 error response of the token endpoint. A 401 ({@code invalid_client}) carries a
 * {@code WWW-Authenticate} challenge however the client authenticated (RFC 9110 §15.5.2).
 */
record OAuthError(int status, String error, String description) {
  static OAuthError invalidRequest(String description) {
    return new OAuthError(400, "invalid_request", description);
  }

  static OAuthError invalidClient(String description) {
    return new OAuthError(401, "invalid_client", description);
  }

  static OAuthError unsupportedGrantType(String description) {
    return new OAuthError(400, "unsupported_grant_type", description);
  }

  /** A code or refresh token that is unknown, expired, used, revoked or bound elsewhere (400). */
  static OAuthError invalidGrant(String description) {
    return new OAuthError(400, "invalid_grant", description);
  }

  static OAuthError invalidScope(String description) {
    return new OAuthError(400, "invalid_scope", description);
  }

  /** Thrown where the error is found, caught where the response is written. */
  OAuthProblem problem() {
    return new OAuthProblem(this, null);
  }

  /**
   * {@link #problem()} about a grant of {@code subject}, so that the journal can name its family.
   */
  OAuthProblem problemAbout(UserPrincipal subject) {
    return new OAuthProblem(this, subject);
  }
}
