package se.krebit.auth;

import org.jspecify.annotations.Nullable;

/**
 * The token endpoint does not support the grant type, or the request lacked a field it requires.
 */
public final class UnsupportedGrantTypeException extends OAuthErrorException {
  private static final long serialVersionUID = 1L;
  static final String ERROR = "unsupported_grant_type";

  UnsupportedGrantTypeException(
      @Nullable String description, int httpStatus, @Nullable String requestId) {
    super(
        ERROR,
        description,
        httpStatus,
        requestId,
        "Check the grant_type value and that the request body includes every required field.");
  }
}
