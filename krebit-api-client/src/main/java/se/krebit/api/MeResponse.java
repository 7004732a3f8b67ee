package se.krebit.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import se.krebit.http.UnusableResponse;

/**
 * The wire form of {@code GET /api/1.0/me}: the users guide's {@code {"data": {"id", "name",
 * "email", "organization": {"id", "name"}}}}, or the same object bare. Unknown members are ignored;
 * a body without an id is unusable, which the decoder reports with the response's {@code
 * request_id}.
 */
record MeResponse(Me me) {
  private static final String WHAT = "identity";

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static MeResponse of(JsonNode body) {
    JsonNode data = ApiBodies.resource(body, WHAT);
    return new MeResponse(
        new Me(
            ApiBodies.id(data, WHAT),
            ApiBodies.text(data, "name"),
            ApiBodies.text(data, "email"),
            organization(data.get("organization")),
            roles(data.get("roles"))));
  }

  private static Optional<Me.Organization> organization(JsonNode organization) {
    if (organization == null || organization.isNull()) {
      return Optional.empty();
    }
    if (!organization.isObject()) {
      throw new UnusableResponse("the identity's organization is not a JSON object");
    }
    return Optional.of(
        new Me.Organization(
            ApiBodies.id(organization, "organization"), ApiBodies.text(organization, "name")));
  }

  /** Strings, or objects naming the role in {@code name}; anything else in the list is skipped. */
  private static List<String> roles(JsonNode roles) {
    List<String> names = new ArrayList<>();
    if (roles != null && roles.isArray()) {
      for (JsonNode role : roles) {
        Optional<String> name =
            role.isTextual() ? Optional.of(role.textValue()) : ApiBodies.text(role, "name");
        name.filter(n -> !n.isBlank()).ifPresent(names::add);
      }
    }
    return names;
  }
}
