package se.krebit.testkit;

/** Carries an {@link OAuthError} out of request parsing and grant handling. No stack trace. */
final class OAuthProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient OAuthError error;

  OAuthProblem(OAuthError error) {
    super(error.error() + ": " + error.description(), null, false, false);
    this.error = error;
  }

  OAuthError error() {
    return error;
  }
}
