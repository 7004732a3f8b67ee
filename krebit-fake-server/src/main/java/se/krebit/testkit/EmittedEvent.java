package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

/**
 * An event the fake sent to its webhooks: its id and type, and the exact body every delivery of it
 * carries (the same bytes on each retry).
 *
 * @param id the event's id, as the body's {@code id}
 * @param type the event type, such as {@code signing.sent}
 * @param body the JSON body as sent, UTF-8
 */
public record EmittedEvent(String id, String type, String body) {
  /** Requires every member; a missing one throws {@code NullPointerException} naming it. */
  public EmittedEvent {
    requireNonNull(id, "id");
    requireNonNull(type, "type");
    requireNonNull(body, "body");
  }
}
