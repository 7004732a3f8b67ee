package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * One HTTP request the fake answered, at any path, as {@link RequestJournal#requests()} keeps it:
 * what it was and how it was answered, never a header or a body (so never a token or a secret).
 *
 * @param requestId the {@code request_id} header of the response
 * @param at when it arrived, on the fake's clock
 * @param method the HTTP method, for example {@code POST}
 * @param path the path, without the query
 * @param status the HTTP status answered; empty if the connection was reset or broken instead
 */
public record RecordedRequest(
    String requestId, Instant at, String method, String path, OptionalInt status) {
  /** Requires every member. */
  public RecordedRequest {
    requireNonNull(requestId, "requestId");
    requireNonNull(at, "at");
    requireNonNull(method, "method");
    requireNonNull(path, "path");
    requireNonNull(status, "status");
  }

  @Override
  public String toString() {
    return method
        + " "
        + path
        + " "
        + (status.isPresent() ? String.valueOf(status.getAsInt()) : "no response")
        + " request_id "
        + requestId;
  }
}
