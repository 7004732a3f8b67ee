package se.krebit.webhooks;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import se.krebit.webhooks.internal.SafeText;

/**
 * A verified webhook event: one of the types Krebit documents, or an {@link UnknownEvent} for a
 * type Krebit adds later (its guide says new events appear over time), which keeps the JSON whole.
 * Each carries its {@link WebhookPayload}.
 *
 * <pre>{@code
 * if (event instanceof WebhookEvent.SigningSent sent) {
 *   markSent(sent.signingId().orElseThrow());
 * }
 * }</pre>
 */
public sealed interface WebhookEvent {
  /** The event type as Krebit names it, such as {@code signing.sent}. */
  String type();

  /** The delivery's JSON and the ids found in it. */
  WebhookPayload payload();

  /** The event's own id, if the payload has one. */
  default Optional<String> eventId() {
    return payload().eventId();
  }

  /** The signing's id, if the payload has one. */
  default Optional<String> signingId() {
    return payload().signingId();
  }

  /** The document's id, if the payload has one. */
  default Optional<String> documentId() {
    return payload().documentId();
  }

  /** The id of the user who caused the event, if the payload has one. */
  default Optional<String> userId() {
    return payload().userId();
  }

  /**
   * The event for {@code type}: a typed one for the documented types, else an {@link UnknownEvent}.
   */
  static WebhookEvent of(String type, WebhookPayload payload) {
    requireNonNull(type, "type");
    requireNonNull(payload, "payload");
    return switch (type) {
      case SigningSent.TYPE -> new SigningSent(payload);
      case SigningCancelled.TYPE -> new SigningCancelled(payload);
      case DocumentCompleted.TYPE -> new DocumentCompleted(payload);
      case ReminderDispatched.TYPE -> new ReminderDispatched(payload);
      default -> new UnknownEvent(type, payload);
    };
  }

  /** {@code signing.sent}: a draft went live and the invitations were sent. */
  record SigningSent(WebhookPayload payload) implements WebhookEvent {
    /** The type's name. */
    public static final String TYPE = "signing.sent";

    /** Requires the payload: the delivery's JSON, kept whole. */
    public SigningSent {
      requireNonNull(payload, "payload");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** {@code signing.cancelled}: an active signing was cancelled by an operator or an automation. */
  record SigningCancelled(WebhookPayload payload) implements WebhookEvent {
    /** The type's name. */
    public static final String TYPE = "signing.cancelled";

    /** Requires the payload: the delivery's JSON, kept whole. */
    public SigningCancelled {
      requireNonNull(payload, "payload");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** {@code signing.document.completed}: a document has all the signatures it needs. */
  record DocumentCompleted(WebhookPayload payload) implements WebhookEvent {
    /** The type's name. */
    public static final String TYPE = "signing.document.completed";

    /** Requires the payload: the delivery's JSON, kept whole. */
    public DocumentCompleted {
      requireNonNull(payload, "payload");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /**
   * {@code signing.reminder.dispatched}: a reminder was sent to recipients. Only one version of
   * Krebit's webhook guide lists it.
   */
  record ReminderDispatched(WebhookPayload payload) implements WebhookEvent {
    /** The type's name. */
    public static final String TYPE = "signing.reminder.dispatched";

    /** Requires the payload: the delivery's JSON, kept whole. */
    public ReminderDispatched {
      requireNonNull(payload, "payload");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /**
   * An event of a type this library does not know, or whose payload names no type where {@link
   * EventFields} looks ({@code type} is then empty): the JSON is kept whole in the payload.
   *
   * @param type the type as the payload names it, or the empty string
   */
  record UnknownEvent(String type, WebhookPayload payload) implements WebhookEvent {
    /** Requires both members; a payload that names no type has the empty string. */
    public UnknownEvent {
      requireNonNull(type, "type");
      requireNonNull(payload, "payload");
    }

    /** The type shown only if it looks like one, since it came from the network. */
    @Override
    public String toString() {
      return "UnknownEvent[type="
          + (type.isEmpty() ? "(none)" : SafeText.of(type))
          + ", payload="
          + payload
          + "]";
    }
  }
}
