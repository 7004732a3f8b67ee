package se.krebit.webhooks;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import se.krebit.webhooks.internal.JsonPointer;
import se.krebit.webhooks.internal.SafeText;

/**
 * The JSON of a verified delivery, as it came, and the ids found in it. Krebit's documentation does
 * not give the payload's schema (beyond the event type), so it is kept whole: {@link #json()} for
 * your own parser, {@link #value(String)} for any field by JSON Pointer. Immutable; its {@code
 * toString()} shows the event, signing and document ids only, never the JSON or the user id, which
 * are personal data.
 */
public final class WebhookPayload {
  private final String json;
  private final Map<String, Object> document;
  private final Optional<String> eventId;
  private final Optional<String> signingId;
  private final Optional<String> documentId;
  private final Optional<String> userId;

  WebhookPayload(String json, Map<String, Object> document, EventFields fields) {
    this.json = json;
    this.document = document;
    this.eventId = fields.eventId(document);
    this.signingId = fields.signingId(document);
    this.documentId = fields.documentId(document);
    this.userId = fields.userId(document);
  }

  /** The body as Krebit sent it: the exact text that was signed. */
  public String json() {
    return json;
  }

  /**
   * The string, number or boolean at {@code jsonPointer} (RFC 6901, such as {@code /data/name}), as
   * text; empty if there is none, or an object, array or {@code null} is there.
   *
   * @throws IllegalArgumentException if {@code jsonPointer} is not a JSON Pointer
   */
  public Optional<String> value(String jsonPointer) {
    return JsonPointer.parse(requireNonNull(jsonPointer, "jsonPointer"))
        .resolve(document)
        .flatMap(EventFields::scalar);
  }

  /** The event's own id, found where {@link EventFields} says, if present. */
  public Optional<String> eventId() {
    return eventId;
  }

  /** The id of the signing the event concerns, if present. */
  public Optional<String> signingId() {
    return signingId;
  }

  /** The id of the document the event concerns, if present. */
  public Optional<String> documentId() {
    return documentId;
  }

  /**
   * The id of the user who caused the event, if present ("when applicable", says Krebit's guide).
   */
  public Optional<String> userId() {
    return userId;
  }

  /** Equal when the JSON is the same text. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof WebhookPayload that && json.equals(that.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    StringJoiner ids = new StringJoiner(", ", "WebhookPayload[", "]");
    eventId.ifPresent(id -> ids.add("event " + SafeText.of(id)));
    signingId.ifPresent(id -> ids.add("signing " + SafeText.of(id)));
    documentId.ifPresent(id -> ids.add("document " + SafeText.of(id)));
    return ids.add(json.length() + " characters").toString();
  }
}
