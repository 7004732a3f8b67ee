package se.krebit.auth;

import org.jspecify.annotations.Nullable;

/** The token endpoint did not accept the client: its id, its secret or the tenant is wrong. */
public final class InvalidClientException extends OAuthErrorException {
  private static final long serialVersionUID = 1L;
  static final String ERROR = "invalid_client";

  InvalidClientException(@Nullable String description, int httpStatus, @Nullable String requestId) {
    super(
        ERROR,
        description,
        httpStatus,
        requestId,
        "Confirm that the client_id, the client_secret and the tenant domain belong together.");
  }
}
