package se.krebit.auth;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One finished token request, as a {@link TokenListener} hears of it. No token values.
 *
 * @param grantType {@code client_credentials}, {@code authorization_code} or {@code refresh_token}
 * @param outcome how it ended
 * @param duration how long it took, retries included
 * @param requestId the server's {@code request_id}, when an answer carried one
 * @param status the HTTP status of the token endpoint's answer, when one arrived
 */
public record TokenRequestEvent(
    String grantType,
    Outcome outcome,
    Duration duration,
    Optional<String> requestId,
    OptionalInt status) {
  /** Requires every member; a missing one throws {@code NullPointerException} naming it. */
  public TokenRequestEvent {
    requireNonNull(grantType, "grantType");
    requireNonNull(outcome, "outcome");
    requireNonNull(duration, "duration");
    requireNonNull(requestId, "requestId");
    requireNonNull(status, "status");
  }

  /** An event without an HTTP status. */
  public TokenRequestEvent(
      String grantType, Outcome outcome, Duration duration, Optional<String> requestId) {
    this(grantType, outcome, duration, requestId, OptionalInt.empty());
  }

  /** The HTTP status {@code failure} reports, if any. */
  static OptionalInt statusOf(RuntimeException failure) {
    int status = 0;
    if (failure instanceof OAuthErrorException refused) {
      status = refused.httpStatus();
    } else if (failure instanceof InvalidTokenResponseException invalid) {
      status = invalid.httpStatus();
    } else if (failure instanceof TokenEndpointUnavailableException unavailable) {
      return unavailable.httpStatus();
    }
    return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
  }

  /** How a token request ended. */
  public enum Outcome {
    /** Tokens were issued. */
    SUCCESS,
    /** The server refused with an OAuth error ({@link OAuthErrorException}). */
    REFUSED,
    /** The server could not be reached or failed transiently, or the wait timed out. */
    UNAVAILABLE,
    /** The server answered with something that is not a usable token response. */
    INVALID_RESPONSE,
    /** Anything else, such as a configuration error. */
    FAILED;

    /** The outcome a failure stands for. */
    static Outcome of(RuntimeException failure) {
      if (failure instanceof OAuthErrorException) {
        return REFUSED;
      }
      if (failure instanceof TokenEndpointUnavailableException
          || failure instanceof TokenAcquisitionTimeoutException) {
        return UNAVAILABLE;
      }
      if (failure instanceof InvalidTokenResponseException) {
        return INVALID_RESPONSE;
      }
      return FAILED;
    }
  }
}
