package se.krebit.api;

import feign.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import se.krebit.http.ResponseHeaders;

/**
 * The {@code request_id} of the response being handled, in the SLF4J MDC under {@link
 * KrebitClient#MDC_REQUEST_ID}: set when a response arrives, dropped when the next attempt starts,
 * and restored to what it was before when the call returns.
 */
final class RequestIds {
  private RequestIds() {}

  /** Records the {@code request_id} of {@code response}, or clears a stale one if it has none. */
  static void seen(Response response) {
    set(ResponseHeaders.requestId(response).orElse(null));
  }

  static @Nullable String current() {
    return MDC.get(KrebitClient.MDC_REQUEST_ID);
  }

  static void set(@Nullable String requestId) {
    if (requestId == null) {
      MDC.remove(KrebitClient.MDC_REQUEST_ID);
    } else {
      MDC.put(KrebitClient.MDC_REQUEST_ID, requestId);
    }
  }
}
