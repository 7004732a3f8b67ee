package se.krebit.testkit;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Carries an {@link OAuthError} out of request parsing and grant handling. No stack trace. */
final class OAuthProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient OAuthError error;
  private final transient @Nullable UserPrincipal subject;

  OAuthProblem(OAuthError error, @Nullable UserPrincipal subject) {
    super(error.error() + ": " + error.description(), null, false, false);
    this.error = error;
    this.subject = subject;
  }

  OAuthError error() {
    return error;
  }

  /**
   * The user and token family of the code or refresh token refused, when the grant got that far.
   */
  Optional<UserPrincipal> subject() {
    return Optional.ofNullable(subject);
  }
}
