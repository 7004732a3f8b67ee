package se.krebit.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * HTTP 400: Krebit refused the request's content, a validation failure or a business rule (its
 * reference: "inspect the JSON error payload for field-level messages such as {@code
 * cannot_be_edited}"). {@link #fieldErrors()} has those messages by field. No saved page shows the
 * payload's shape, so this client reads the common ones: {@code {"message": …, "errors": {"field":
 * ["…"]}}} (a message may also be a string), {@code {"errors": [{"field": …, "message": …}]}}, or
 * fields at the top level. Not retryable as is: change what the messages name.
 */
public final class KrebitValidationException extends KrebitApiException {
  private static final long serialVersionUID = 1L;
  private static final int FIELDS_IN_MESSAGE = 5;

  // A LinkedHashMap, not a Map: a Throwable's fields must be serializable types (javac's serial
  // lint);
  // never handed out but read-only, so the exception stays unchanged. Its lists are immutable.
  /** The field-level messages by field, in Krebit's order; each list is immutable. */
  private final LinkedHashMap<String, List<String>> fieldErrors;

  KrebitValidationException(ApiFailure failure) {
    super(failure, hint(failure.fieldErrors()), false);
    this.fieldErrors = new LinkedHashMap<>(failure.fieldErrors());
  }

  /**
   * The field-level messages, by field, in Krebit's order: for example {@code language ->
   * [unsupported_language]}. Each message is one printable line of at most 200 characters. Empty
   * when the body had none, or was no JSON.
   */
  public Map<String, List<String>> fieldErrors() {
    return Collections.unmodifiableMap(fieldErrors);
  }

  /** The messages of {@code field}; empty when it has none. */
  public List<String> messagesFor(String field) {
    return fieldErrors.getOrDefault(field, List.of());
  }

  private static String hint(Map<String, List<String>> fieldErrors) {
    String hint = "Krebit refused the request's content";
    if (fieldErrors.isEmpty()) {
      return hint;
    }
    String fields =
        fieldErrors.entrySet().stream()
            .limit(FIELDS_IN_MESSAGE)
            .map(field -> field.getKey() + ": " + String.join(", ", field.getValue()))
            .collect(Collectors.joining("; "));
    int more = fieldErrors.size() - FIELDS_IN_MESSAGE;
    return hint + " (" + fields + (more > 0 ? "; and " + more + " more field(s)" : "") + ")";
  }
}
