package se.krebit.auth;

import org.jspecify.annotations.Nullable;

/**
 * The user must sign in again: there are no tokens for the subject, or Krebit refused the refresh
 * token ({@code invalid_grant}: expired, revoked or already used). Until the user completes a new
 * sign-in, the subject's token source answers with this error without calling Krebit.
 */
public final class ReauthorizationRequiredException extends KrebitException {
  private static final long serialVersionUID = 1L;

  /** Why a new sign-in is needed. */
  public enum Reason {
    /** No tokens are stored for the subject: never signed in, or signed out. */
    NOT_SIGNED_IN,
    /** The stored tokens carry no refresh token. */
    NO_REFRESH_TOKEN,
    /** Krebit refused the refresh token. */
    REFRESH_TOKEN_REFUSED
  }

  /** The subject who must sign in again. */
  private final String subject;

  /** Why a new sign-in is needed. */
  private final Reason reason;

  ReauthorizationRequiredException(String subject, Reason reason, @Nullable Throwable cause) {
    super(
        message(subject, reason),
        cause instanceof KrebitException k ? k.requestId().orElse(null) : null,
        cause);
    this.subject = subject;
    this.reason = reason;
  }

  /** The subject who must sign in again. */
  public String subject() {
    return subject;
  }

  /** Why. */
  public Reason reason() {
    return reason;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }

  private static String message(String subject, Reason reason) {
    String why =
        switch (reason) {
          case NOT_SIGNED_IN -> "no tokens are stored for it";
          case NO_REFRESH_TOKEN -> "its stored tokens carry no refresh token";
          case REFRESH_TOKEN_REFUSED ->
              "Krebit refused its refresh token (expired, revoked or already used)";
        };
    return "Subject '"
        + OAuthErrorException.sanitize(subject)
        + "' must sign in again: "
        + why
        + ".";
  }
}
