package se.krebit.auth;

import org.jspecify.annotations.Nullable;

/**
 * The token endpoint answered, but not with a usable token response: not JSON (often a proxy's HTML
 * page), too large, missing {@code access_token}, or not a Bearer token. Nothing from such a
 * response is cached or stored.
 */
public final class InvalidTokenResponseException extends KrebitException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status of the response that could not be used. */
  private final int httpStatus;

  /**
   * @param message what was wrong with the response; never its content
   * @param httpStatus the HTTP status of the response
   * @param requestId the {@code request_id} response header, if present
   * @param cause the parse failure, if any; its message must not carry response content
   */
  public InvalidTokenResponseException(
      String message, int httpStatus, @Nullable String requestId, @Nullable Throwable cause) {
    super(message, requestId, cause);
    this.httpStatus = httpStatus;
  }

  /** The HTTP status of the response that could not be used. */
  public int httpStatus() {
    return httpStatus;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
