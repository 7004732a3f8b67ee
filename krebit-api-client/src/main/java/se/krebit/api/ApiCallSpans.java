package se.krebit.api;

import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.KrebitException;

/**
 * Starts and stops an {@link ApiCallListener.Call} around one API call; nothing at all, not even an
 * allocation, when nobody listens. A listener that throws is logged, never allowed to break a call.
 */
final class ApiCallSpans {
  private static final Logger LOG = LoggerFactory.getLogger(ApiCallListener.class);

  private ApiCallSpans() {}

  static ApiCallListener.Call start(ApiCallListener listener, String operation) {
    if (listener == ApiCallListener.NONE) {
      return ApiCallListener.Call.NONE;
    }
    try {
      ApiCallListener.Call call = listener.callStarted(operation);
      return call == null ? ApiCallListener.Call.NONE : call;
    } catch (RuntimeException e) {
      LOG.warn("API call listener {} failed; ignored", listener.getClass().getName(), e);
      return ApiCallListener.Call.NONE;
    }
  }

  /**
   * Stops {@code call}.
   *
   * @param failure what the call threw; null when it succeeded
   */
  static void stop(ApiCallListener.Call call, String operation, @Nullable Throwable failure) {
    if (call == ApiCallListener.Call.NONE) {
      return;
    }
    try {
      call.stopped(
          failure == null
              ? new ApiCallEvent(
                  operation, ApiCallEvent.Outcome.SUCCESS, OptionalInt.empty(), Optional.empty())
              : new ApiCallEvent(
                  operation,
                  ApiCallEvent.Outcome.of(failure),
                  failure instanceof KrebitApiException api
                      ? api.httpStatus()
                      : OptionalInt.empty(),
                  failure instanceof KrebitException k ? k.requestId() : Optional.empty()));
    } catch (RuntimeException e) {
      LOG.warn("API call listener {} failed; ignored", call.getClass().getName(), e);
    }
  }
}
