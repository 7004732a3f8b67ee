package se.krebit.webhooks;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.webhooks.internal.JsonPointer;

/**
 * Where in a delivery's JSON the event type and the ids are. Krebit's documentation names the event
 * types but not the payload's fields, so each is looked for at a list of RFC 6901 JSON Pointers,
 * the first one present winning; the defaults are guesses that cover the common shapes, and you can
 * name your tenant's. A string, number or boolean counts as present; an object, array or {@code
 * null} does not. Immutable and thread-safe.
 *
 * <pre>{@code
 * EventFields fields = EventFields.builder().eventId("/webhook_event_id").build();
 * }</pre>
 *
 * <p>Take care with {@link Builder#eventId}: deliveries are deduplicated by event type and event
 * id, so the pointer must name what identifies one event, never the signing (a signing has several
 * events of one type, such as one {@code signing.document.completed} per document). With no
 * pointers at all, deliveries are deduplicated by the SHA-256 of their body.
 */
public final class EventFields {
  /**
   * Where the type is looked for unless told otherwise: {@code /event}, {@code /type}, {@code
   * /event_type}.
   */
  public static final List<String> DEFAULT_TYPE = List.of("/event", "/type", "/event_type");

  /** Where the event id is looked for unless told otherwise: {@code /id}, {@code /event_id}. */
  public static final List<String> DEFAULT_EVENT_ID = List.of("/id", "/event_id");

  /** Where the signing id is looked for unless told otherwise. */
  public static final List<String> DEFAULT_SIGNING_ID =
      List.of("/signing_id", "/signing/id", "/data/signing_id", "/data/signing/id");

  /** Where the document id is looked for unless told otherwise. */
  public static final List<String> DEFAULT_DOCUMENT_ID =
      List.of("/document_id", "/document/id", "/data/document_id", "/data/document/id");

  /** Where the id of the user who caused the event is looked for unless told otherwise. */
  public static final List<String> DEFAULT_USER_ID =
      List.of("/user_id", "/user/id", "/data/user_id", "/data/user/id");

  private static final EventFields DEFAULTS = builder().build();

  private final List<JsonPointer> type;
  private final List<JsonPointer> eventId;
  private final List<JsonPointer> signingId;
  private final List<JsonPointer> documentId;
  private final List<JsonPointer> userId;

  private EventFields(Builder builder) {
    this.type = builder.type;
    this.eventId = builder.eventId;
    this.signingId = builder.signingId;
    this.documentId = builder.documentId;
    this.userId = builder.userId;
  }

  /** The default places: see the {@code DEFAULT_} constants. */
  public static EventFields defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the default places. */
  public static Builder builder() {
    return new Builder();
  }

  Optional<String> type(Object document) {
    return first(type, document);
  }

  Optional<String> eventId(Object document) {
    return first(eventId, document);
  }

  Optional<String> signingId(Object document) {
    return first(signingId, document);
  }

  Optional<String> documentId(Object document) {
    return first(documentId, document);
  }

  Optional<String> userId(Object document) {
    return first(userId, document);
  }

  private static Optional<String> first(List<JsonPointer> pointers, Object document) {
    for (JsonPointer pointer : pointers) {
      Optional<String> value = pointer.resolve(document).flatMap(EventFields::scalar);
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  /** A string, number or boolean as text; nothing for objects, arrays and anything else. */
  static Optional<String> scalar(@Nullable Object value) {
    if (value instanceof String text) {
      return Optional.of(text);
    }
    if (value instanceof BigDecimal decimal) {
      return Optional.of(decimal.toPlainString());
    }
    if (value instanceof Number || value instanceof Boolean) {
      return Optional.of(value.toString());
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "EventFields[type="
        + type
        + ", eventId="
        + eventId
        + ", signingId="
        + signingId
        + ", documentId="
        + documentId
        + ", userId="
        + userId
        + "]";
  }

  /**
   * Configures {@link EventFields}. Each setter replaces that field's list of places. Not
   * thread-safe.
   */
  public static final class Builder {
    private List<JsonPointer> type = pointers("type", DEFAULT_TYPE);
    private List<JsonPointer> eventId = pointers("eventId", DEFAULT_EVENT_ID);
    private List<JsonPointer> signingId = pointers("signingId", DEFAULT_SIGNING_ID);
    private List<JsonPointer> documentId = pointers("documentId", DEFAULT_DOCUMENT_ID);
    private List<JsonPointer> userId = pointers("userId", DEFAULT_USER_ID);

    private Builder() {}

    /** Where the event type is, such as {@code /event}; none makes every event an unknown one. */
    public Builder type(String... pointers) {
      this.type = pointers("type", Arrays.asList(pointers));
      return this;
    }

    /** Where the event's own id is; none makes deduplication use the body's SHA-256. */
    public Builder eventId(String... pointers) {
      this.eventId = pointers("eventId", Arrays.asList(pointers));
      return this;
    }

    /** Where the signing's id is. */
    public Builder signingId(String... pointers) {
      this.signingId = pointers("signingId", Arrays.asList(pointers));
      return this;
    }

    /** Where the document's id is. */
    public Builder documentId(String... pointers) {
      this.documentId = pointers("documentId", Arrays.asList(pointers));
      return this;
    }

    /** Where the id of the user who caused the event is. */
    public Builder userId(String... pointers) {
      this.userId = pointers("userId", Arrays.asList(pointers));
      return this;
    }

    /** The places. */
    public EventFields build() {
      return new EventFields(this);
    }

    private static List<JsonPointer> pointers(String setting, List<String> texts) {
      return texts.stream()
          .map(
              text -> {
                try {
                  return JsonPointer.parse(requireNonNull(text, setting));
                } catch (IllegalArgumentException e) {
                  throw new KrebitConfigurationException(
                      setting + ": " + e.getMessage() + "; got \"" + text + "\"");
                }
              })
          .toList();
    }
  }
}
