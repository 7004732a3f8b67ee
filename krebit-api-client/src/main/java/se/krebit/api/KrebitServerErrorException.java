package se.krebit.api;

/**
 * HTTP 5xx: the server, or a gateway in front of it, failed. Retryable, after {@link #retryAfter()}
 * when the server said. The client has already retried idempotent calls.
 */
public final class KrebitServerErrorException extends KrebitApiException {
  private static final long serialVersionUID = 1L;

  KrebitServerErrorException(ApiFailure failure) {
    super(failure, "the server failed; try again later", true);
  }
}
