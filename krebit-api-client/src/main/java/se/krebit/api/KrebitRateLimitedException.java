package se.krebit.api;

/**
 * HTTP 429: too many requests. Retryable, after {@link #retryAfter()} when the server said. The
 * client has already retried idempotent calls, waiting at least that long when it was no longer
 * than its {@code maxRetryAfter}.
 */
public final class KrebitRateLimitedException extends KrebitApiException {
  private static final long serialVersionUID = 1L;

  KrebitRateLimitedException(ApiFailure failure) {
    super(failure, "too many requests; slow down", true);
  }
}
