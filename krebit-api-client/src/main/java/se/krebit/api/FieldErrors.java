package se.krebit.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The field-level messages of an error body, read tolerantly since no saved Krebit page shows their
 * shape: {@code {"errors": {"field": ["message", …]}}} (or a single string per field, Laravel's and
 * Rails' way), {@code {"errors": [{"field": …, "message": …}]}}, or, without {@code errors}, fields
 * at the top level whose values are such messages. Each message is made one printable line; fields
 * and messages are capped so a hostile body can't grow an exception without bound. Stateless.
 */
final class FieldErrors {
  private static final int MAX_FIELDS = 50;
  private static final int MAX_MESSAGES_PER_FIELD = 10;
  private static final List<String> NOT_FIELDS =
      List.of("message", "error", "error_description", "status", "code");
  private static final List<String> FIELD_MEMBERS = List.of("field", "attribute", "source", "name");
  private static final List<String> MESSAGE_MEMBERS = List.of("message", "code", "detail");

  private FieldErrors() {}

  /** The field messages of {@code body}, in its order; empty if it has none or is no JSON. */
  static Map<String, List<String>> of(@Nullable JsonNode body) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    if (body == null || !body.isObject()) {
      return Map.of();
    }
    JsonNode errors = body.get("errors");
    if (errors != null && errors.isObject()) {
      errors.properties().forEach(field -> add(fields, field.getKey(), messages(field.getValue())));
    } else if (errors != null && errors.isArray()) {
      errors.forEach(
          error ->
              first(error, FIELD_MEMBERS)
                  .ifPresent(
                      field ->
                          add(
                              fields,
                              field,
                              first(error, MESSAGE_MEMBERS).map(List::of).orElse(List.of()))));
    } else if (errors == null) {
      for (Map.Entry<String, JsonNode> field : body.properties()) {
        if (!NOT_FIELDS.contains(field.getKey()) && field.getValue().isArray()) {
          add(fields, field.getKey(), messages(field.getValue()));
        }
      }
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    fields.forEach(
        (field, messages) -> {
          if (!messages.isEmpty()) {
            copy.put(field, List.copyOf(messages));
          }
        });
    return Collections.unmodifiableMap(copy);
  }

  private static List<String> messages(JsonNode value) {
    List<String> messages = new ArrayList<>();
    if (value.isTextual()) {
      messages.add(value.textValue());
    } else if (value.isArray()) {
      value.forEach(
          item -> {
            if (item.isTextual()) {
              messages.add(item.textValue());
            }
          });
    }
    return messages;
  }

  private static Optional<String> first(JsonNode object, List<String> members) {
    for (String member : members) {
      JsonNode value = object.get(member);
      if (value != null && value.isTextual() && !value.textValue().isBlank()) {
        return Optional.of(value.textValue());
      }
    }
    return Optional.empty();
  }

  private static void add(Map<String, List<String>> fields, String field, List<String> messages) {
    if (messages.isEmpty()
        || (fields.size() >= MAX_FIELDS && !fields.containsKey(ApiErrorDecoder.oneLine(field)))) {
      return;
    }
    List<String> kept =
        fields.computeIfAbsent(ApiErrorDecoder.oneLine(field), f -> new ArrayList<>());
    messages.stream()
        .filter(message -> !message.isBlank())
        .limit(Math.max(0, MAX_MESSAGES_PER_FIELD - kept.size()))
        .map(ApiErrorDecoder::oneLine)
        .forEach(kept::add);
  }
}
