package se.krebit.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import se.krebit.http.UnusableResponse;

/**
 * Binds {@link MeResponse} from the parser's tokens, with {@link ApiBodies}' rules to the letter:
 * the {@code data} object when the body has no {@code id} of its own, else the body; an {@code id}
 * that is a non-blank string or a whole number; {@code name}, {@code email} as any non-null
 * scalar's text; roles as strings or objects' {@code name}s, blanks and anything else skipped;
 * unknown members skipped. The whole body is read before anything is judged, so a malformed body
 * fails as malformed JSON and the reasons come in the order the tree-based reading gave them. Only
 * numbers and booleans (rare here) go through a node, for their exact text. Stateless.
 */
final class MeDeserializer extends JsonDeserializer<MeResponse> {
  private static final String WHAT = "identity";

  @Override
  public MeResponse deserialize(JsonParser parser, DeserializationContext context)
      throws IOException {
    if (!parser.isExpectedStartObjectToken()) {
      parser.skipChildren(); // a malformed body fails as malformed, as reading a tree did
      throw new UnusableResponse("the body is not a " + WHAT + ": not a JSON object");
    }
    Members body = Members.read(parser, context, true);
    Members resource = body.data != null && !body.hasId ? body.data : body;
    return new MeResponse(
        new Me(
            resource.id(WHAT),
            Optional.ofNullable(resource.name),
            Optional.ofNullable(resource.email),
            resource.organization(),
            resource.roles == null ? List.of() : resource.roles));
  }

  /** The members of one object that an identity or its organization is read from. */
  private static final class Members {
    boolean hasId;
    @Nullable String id;
    @Nullable String name;
    @Nullable String email;
    boolean organizationGiven;
    @Nullable Members organization;
    @Nullable List<String> roles;
    @Nullable Members data;

    /** Reads the object whose START_OBJECT is the current token, up to its END_OBJECT. */
    static Members read(JsonParser parser, DeserializationContext context, boolean top)
        throws IOException {
      Members members = new Members();
      for (String member = parser.nextFieldName();
          member != null;
          member = parser.nextFieldName()) {
        JsonToken value = parser.nextToken();
        switch (member) {
          case "id" -> {
            members.hasId = true;
            members.id = id(parser, context, value);
          }
          case "name" -> members.name = text(parser, context, value);
          case "email" -> members.email = text(parser, context, value);
          case "organization" -> {
            members.organizationGiven = value != JsonToken.VALUE_NULL;
            members.organization =
                value == JsonToken.START_OBJECT ? read(parser, context, false) : skip(parser);
          }
          case "roles" -> members.roles = roles(parser, context, value);
          case "data" ->
              members.data =
                  top && value == JsonToken.START_OBJECT
                      ? read(parser, context, false)
                      : skip(parser);
          default -> parser.skipChildren();
        }
      }
      return members;
    }

    String id(String what) {
      if (id == null) {
        throw new UnusableResponse("the " + what + " has no id");
      }
      return id;
    }

    Optional<Me.Organization> organization() {
      if (!organizationGiven) {
        return Optional.empty();
      }
      if (organization == null) {
        throw new UnusableResponse("the identity's organization is not a JSON object");
      }
      return Optional.of(
          new Me.Organization(
              organization.id("organization"), Optional.ofNullable(organization.name)));
    }

    private static @Nullable Members skip(JsonParser parser) throws IOException {
      parser.skipChildren();
      return null;
    }

    /** A non-blank string, or a whole number as its digits; null for anything else. */
    private static @Nullable String id(
        JsonParser parser, DeserializationContext context, JsonToken value) throws IOException {
      if (value == JsonToken.VALUE_STRING) {
        String text = parser.getText();
        return text.isBlank() ? null : text;
      }
      if (value == JsonToken.VALUE_NUMBER_INT) {
        return context.readTree(parser).asText();
      }
      parser.skipChildren();
      return null;
    }

    /** Any scalar but null as text (numbers as their node prints them); null for the rest. */
    private static @Nullable String text(
        JsonParser parser, DeserializationContext context, JsonToken value) throws IOException {
      if (value == JsonToken.VALUE_STRING) {
        return parser.getText();
      }
      if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
        JsonNode node = context.readTree(parser);
        return node.asText();
      }
      parser.skipChildren();
      return null;
    }

    /** Strings, or objects naming the role in {@code name}; blanks and anything else skipped. */
    private static List<String> roles(
        JsonParser parser, DeserializationContext context, JsonToken value) throws IOException {
      List<String> names = new ArrayList<>();
      if (value != JsonToken.START_ARRAY) {
        parser.skipChildren();
        return names;
      }
      for (JsonToken role = parser.nextToken();
          role != JsonToken.END_ARRAY;
          role = parser.nextToken()) {
        String name = null;
        if (role == JsonToken.VALUE_STRING) {
          name = parser.getText();
        } else if (role == JsonToken.START_OBJECT) {
          name = read(parser, context, false).name;
        } else {
          parser.skipChildren();
        }
        if (name != null && !name.isBlank()) {
          names.add(name);
        }
      }
      return names;
    }
  }
}
