package se.krebit.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The wire form of an uploaded document, bare or wrapped in {@code data}; unusable without an id.
 */
record DocumentResponse(Document document) implements ApiResource {
  private static final String WHAT = "document";

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static DocumentResponse of(JsonNode body) {
    return new DocumentResponse(new Document(ApiBodies.id(ApiBodies.resource(body, WHAT), WHAT)));
  }
}
