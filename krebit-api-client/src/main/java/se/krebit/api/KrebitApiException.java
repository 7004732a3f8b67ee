package se.krebit.api;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.KrebitException;

/**
 * A call to the Krebit REST API failed. The subclass names the failure; every one carries the
 * request's method and path, the HTTP status when a response came, the server's {@code request_id}
 * (quote it to Krebit support) and the server's one-line message when it sent one as JSON.
 *
 * <p>{@link #isRetryable()} is true for 429, 5xx and connection failures. The client itself retries
 * those for idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS) before giving up; a POST or PATCH
 * is never repeated, so its retryable failure may mean the request did or did not take effect.
 *
 * <p>Messages never contain a token, a secret or a response body.
 */
public abstract sealed class KrebitApiException extends KrebitException
    permits KrebitValidationException,
        KrebitUnauthorizedException,
        KrebitForbiddenException,
        KrebitNotFoundException,
        KrebitConflictException,
        KrebitUnprocessableException,
        KrebitRateLimitedException,
        KrebitServerErrorException,
        KrebitUnexpectedResponseException,
        KrebitApiUnavailableException {
  private static final long serialVersionUID = 1L;

  /** The HTTP method of the failed request. */
  private final String method;

  /** The path of the failed request, without its query. */
  private final String path;

  /** The HTTP status of the response; 0 when none arrived. */
  private final int httpStatus;

  /** The server's one-line message; null when it sent none as JSON. */
  private final @Nullable String serverMessage;

  /** The server's valid {@code Retry-After}; null when it sent none. */
  private final @Nullable Duration retryAfter;

  /** Whether the same call may succeed later: true for 429, 5xx and connection failures. */
  private final boolean retryable;

  KrebitApiException(ApiFailure failure, String hint, boolean retryable) {
    super(failure.describe(hint), failure.requestId(), null);
    this.method = failure.method();
    this.path = failure.path();
    this.httpStatus = failure.status();
    this.serverMessage = failure.serverMessage();
    this.retryAfter = failure.retryAfter();
    this.retryable = retryable;
  }

  KrebitApiException(String method, String path, String message, @Nullable Throwable cause) {
    super(message, null, cause);
    this.method = method;
    this.path = path;
    this.httpStatus = 0;
    this.serverMessage = null;
    this.retryAfter = null;
    this.retryable = true;
  }

  /** The HTTP method of the failed request, for example {@code GET}. */
  public String method() {
    return method;
  }

  /** The path of the failed request, for example {@code /api/1.0/me}, without its query. */
  public String path() {
    return path;
  }

  /** The HTTP status of the response; empty when none arrived. */
  public OptionalInt httpStatus() {
    return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }

  /**
   * The server's explanation: the {@code message} member of a JSON error body (else its {@code
   * error}), cut to one printable line of at most 200 characters. Empty when the body was not JSON
   * or had neither member.
   */
  public Optional<String> serverMessage() {
    return Optional.ofNullable(serverMessage);
  }

  /**
   * How long the server asked to wait before trying again, from a valid {@code Retry-After} header
   * (usually on 429 and 503).
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public final boolean isRetryable() {
    return retryable;
  }
}
