package se.krebit.testkit;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What is wrong with an authorize request, and where to say it (RFC 6749 §4.1.2.1): back to the
 * client's redirect URI once the client and the URI are known to be good, else on an error page and
 * never by a redirect. No stack trace.
 */
final class AuthorizeProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String error;
  private final String description;
  private final @Nullable String redirectUri;
  private final @Nullable String rawState;

  private AuthorizeProblem(
      String error, String description, @Nullable String redirectUri, @Nullable String rawState) {
    super(error + ": " + description, null, false, false);
    this.error = error;
    this.description = description;
    this.redirectUri = redirectUri;
    this.rawState = rawState;
  }

  /** A problem to show on an error page: the redirect URI cannot be trusted. */
  static AuthorizeProblem page(String error, String description) {
    return new AuthorizeProblem(error, description, null, null);
  }

  /** A problem to send to {@code redirectUri}, a registered one, with the request's state. */
  static AuthorizeProblem redirect(
      String error, String description, String redirectUri, Optional<String> rawState) {
    return new AuthorizeProblem(error, description, redirectUri, rawState.orElse(null));
  }

  String error() {
    return error;
  }

  String description() {
    return description;
  }

  /** The registered redirect URI to send the error to; empty for an error page. */
  Optional<String> redirectUri() {
    return Optional.ofNullable(redirectUri);
  }

  Optional<String> rawState() {
    return Optional.ofNullable(rawState);
  }
}
