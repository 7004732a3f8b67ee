package se.krebit.auth;

import org.jspecify.annotations.Nullable;

/**
 * The grant was refused: the authorization code or refresh token is expired, already used, revoked
 * or was issued to another client or redirect URI. For a refresh token, the user must sign in
 * again.
 */
public final class InvalidGrantException extends OAuthErrorException {
  private static final long serialVersionUID = 1L;
  static final String ERROR = "invalid_grant";

  InvalidGrantException(@Nullable String description, int httpStatus, @Nullable String requestId) {
    super(
        ERROR,
        description,
        httpStatus,
        requestId,
        "The code or refresh token is expired, already used or revoked; the user must authenticate again.");
  }
}
