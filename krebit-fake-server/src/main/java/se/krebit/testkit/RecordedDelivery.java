package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One attempt to deliver an event to a webhook, for assertions: when, where, and what came back.
 *
 * @param eventId the event's id
 * @param eventType the event's type
 * @param endpointId the webhook it went to
 * @param url where it was POSTed
 * @param attempt 1 for the first delivery, 2 for the first retry, and so on
 * @param at when it was sent, on the fake's clock
 * @param status the status the endpoint answered, if it answered
 * @param failure why there was no answer (connection refused, timeout, …), if there was none
 */
public record RecordedDelivery(
    String eventId,
    String eventType,
    String endpointId,
    URI url,
    int attempt,
    Instant at,
    OptionalInt status,
    Optional<String> failure) {
  /** Requires every member: what the request lacked is empty, never null. */
  public RecordedDelivery {
    requireNonNull(eventId, "eventId");
    requireNonNull(eventType, "eventType");
    requireNonNull(endpointId, "endpointId");
    requireNonNull(url, "url");
    requireNonNull(at, "at");
    requireNonNull(status, "status");
    requireNonNull(failure, "failure");
  }

  /** Whether the endpoint took it: a 2xx answer. */
  public boolean delivered() {
    return status.isPresent() && status.getAsInt() / 100 == 2;
  }
}
