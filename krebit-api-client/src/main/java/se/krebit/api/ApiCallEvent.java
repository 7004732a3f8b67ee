package se.krebit.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;
import se.krebit.auth.TokenAcquisitionTimeoutException;
import se.krebit.auth.TokenEndpointUnavailableException;

/**
 * How one Krebit API call ended, as an {@link ApiCallListener} hears of it. No token values.
 *
 * @param operation as given to {@link ApiCallListener#callStarted}
 * @param outcome how it ended
 * @param status the HTTP status of a failed call's last response; empty on success (a 2xx) and when
 *     no response arrived
 * @param requestId the server's {@code request_id} of a failed call's last response, when it
 *     carried one
 */
public record ApiCallEvent(
    String operation, Outcome outcome, OptionalInt status, Optional<String> requestId) {
  /** Requires every member; a missing one throws {@code NullPointerException} naming it. */
  public ApiCallEvent {
    requireNonNull(operation, "operation");
    requireNonNull(outcome, "outcome");
    requireNonNull(status, "status");
    requireNonNull(requestId, "requestId");
  }

  /** How an API call ended. */
  public enum Outcome {
    /** The server answered 2xx and the answer was read. */
    SUCCESS,
    /** The server answered 4xx: {@link KrebitApiException} with a 4xx status. */
    CLIENT_ERROR,
    /** The server answered 5xx. */
    SERVER_ERROR,
    /** No answer: the API or the token endpoint could not be reached, or no token came in time. */
    UNAVAILABLE,
    /** Anything else: no token (the user must sign in again), configuration, an unreadable body. */
    FAILED;

    /** The outcome {@code failure} stands for. */
    static Outcome of(Throwable failure) {
      if (failure instanceof KrebitApiUnavailableException
          || failure instanceof TokenEndpointUnavailableException
          || failure instanceof TokenAcquisitionTimeoutException) {
        return UNAVAILABLE;
      }
      int status = failure instanceof KrebitApiException api ? api.httpStatus().orElse(0) : 0;
      if (status >= 400) {
        return status < 500 ? CLIENT_ERROR : SERVER_ERROR;
      }
      return FAILED;
    }
  }
}
