package se.krebit.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import se.krebit.http.UnusableResponse;

/**
 * Reads the members of Krebit's response bodies, liberally, since its pages disagree on the shape:
 * the users guide wraps a resource in {@code {"data": …}}, the quickstart reads a created signing's
 * {@code id} at the top level; both are accepted. Unknown members are ignored. A body that lacks
 * what a resource cannot do without (its {@code id}) is an {@link UnusableResponse} whose reason
 * names the member, never its value. Stateless.
 */
final class ApiBodies {
  private static final String DATA = "data";
  private static final String ID = "id";

  private ApiBodies() {}

  /**
   * The resource object of a body: its {@code data} member when that is an object and the body has
   * no {@code id} of its own, else the body itself.
   *
   * @throws UnusableResponse if that is not a JSON object
   */
  static JsonNode resource(JsonNode body, String what) {
    JsonNode data = body.get(DATA);
    JsonNode resource = data != null && data.isObject() && !body.has(ID) ? data : body;
    if (!resource.isObject()) {
      throw new UnusableResponse("the body is not a " + what + ": not a JSON object");
    }
    return resource;
  }

  /**
   * The {@code id} of {@code object}: a non-empty string, or a whole number as its digits.
   *
   * @throws UnusableResponse if it is missing or of another kind
   */
  static String id(JsonNode object, String what) {
    JsonNode id = object.get(ID);
    if (id != null && id.isTextual() && !id.textValue().isBlank()) {
      return id.textValue();
    }
    if (id != null && id.isIntegralNumber()) {
      return id.asText();
    }
    throw new UnusableResponse("the " + what + " has no id");
  }

  /**
   * A member given as a string or another scalar, as text; empty when absent, null or not a scalar.
   */
  static Optional<String> text(JsonNode object, String member) {
    JsonNode value = object.get(member);
    return value != null && value.isValueNode() && !value.isNull()
        ? Optional.of(value.asText())
        : Optional.empty();
  }
}
