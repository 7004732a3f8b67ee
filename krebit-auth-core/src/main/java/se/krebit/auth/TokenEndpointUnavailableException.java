package se.krebit.auth;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The token endpoint could not be reached or answered with a transient failure: a connection or
 * timeout fault, a 5xx, a 429, or the circuit breaker is open. Retryable.
 */
public final class TokenEndpointUnavailableException extends KrebitException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status of the failed response; 0 when none arrived. */
  private final int httpStatus;

  /** The server's {@code Retry-After}; null when it sent none. */
  private final @Nullable Duration retryAfter;

  /**
   * @param message what failed, without any secret
   * @param httpStatus the HTTP status, or 0 when no response arrived
   * @param retryAfter the server's {@code Retry-After}, if it sent one
   * @param requestId the {@code request_id} response header, if present
   * @param cause the underlying fault, if any
   */
  public TokenEndpointUnavailableException(
      String message,
      int httpStatus,
      @Nullable Duration retryAfter,
      @Nullable String requestId,
      @Nullable Throwable cause) {
    super(message, requestId, cause);
    this.httpStatus = httpStatus;
    this.retryAfter = retryAfter;
  }

  /** The HTTP status of the failed response; empty when no response arrived. */
  public OptionalInt httpStatus() {
    return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }

  /** How long the server asked us to wait before trying again. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
