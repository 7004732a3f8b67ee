package se.krebit.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The wire form of one signing: bare, as the quickstart reads a created signing's {@code id}, or
 * wrapped in {@code data}, as the users guide wraps its resource. Without an id it is unusable.
 */
record SigningResponse(Signing signing) implements ApiResource {
  private static final String WHAT = "signing";

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static SigningResponse of(JsonNode body) {
    return new SigningResponse(signing(ApiBodies.resource(body, WHAT)));
  }

  /** The signing {@code object} describes. */
  static Signing signing(JsonNode object) {
    return new Signing(
        ApiBodies.id(object, WHAT),
        ApiBodies.text(object, "name"),
        ApiBodies.text(object, "language"),
        ApiBodies.text(object, "signing_order"),
        ApiBodies.text(object, "message"));
  }
}
