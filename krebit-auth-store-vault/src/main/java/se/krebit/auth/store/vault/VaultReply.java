package se.krebit.auth.store.vault;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import io.github.jopenlibs.vault.rest.RestResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import se.krebit.auth.internal.PrintableText;

/**
 * One answer from Vault: the HTTP status and the JSON body (an empty object when there is none or
 * it is not JSON). The driver hands 4xx answers back as responses and throws for 5xx, with the body
 * in the exception's message; both end up here.
 */
record VaultReply(int status, JsonObject body) {
  private static final String BODY_MARKER = "Response body: ";
  private static final int MAX_ERROR_LENGTH = 300;

  static VaultReply of(RestResponse response) {
    return new VaultReply(response.getStatus(), parse(new String(response.getBody(), UTF_8)));
  }

  /** The answer a driver exception carries; empty when no answer came (a transport failure). */
  static Optional<VaultReply> of(VaultException e) {
    if (e.getHttpStatusCode() <= 0) {
      return Optional.empty();
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    int body = message.indexOf(BODY_MARKER);
    return Optional.of(
        new VaultReply(
            e.getHttpStatusCode(),
            body < 0 ? new JsonObject() : parse(message.substring(body + BODY_MARKER.length()))));
  }

  /** Vault's {@code errors}, each made printable and short. */
  List<String> errors() {
    return strings("errors");
  }

  /**
   * Vault's {@code warnings}, each made printable and short; a successful answer may carry them.
   */
  List<String> warnings() {
    return strings("warnings");
  }

  /** Whether Vault's errors mention {@code text}. */
  boolean says(String text) {
    return errors().stream().anyMatch(e -> e.contains(text));
  }

  /** The errors for a message: {@code (Vault said: ...)}, or nothing when there are none. */
  String saying() {
    List<String> errors = errors();
    return errors.isEmpty() ? "" : " (Vault said: " + String.join("; ", errors) + ")";
  }

  /**
   * Whether Vault said the token is unknown, revoked or expired. Only Vault 1.17 and later say so;
   * older Vaults and OpenBao answer such a token with the bare {@code permission denied} of a
   * policy refusal, so a 403 without these words proves nothing either way.
   */
  boolean isInvalidToken() {
    return status == 403 && says("invalid token");
  }

  /** The {@code data} object, if there is one. */
  Optional<JsonObject> data() {
    JsonValue data = body.get("data");
    return data != null && data.isObject() ? Optional.of(data.asObject()) : Optional.empty();
  }

  private List<String> strings(String member) {
    List<String> strings = new ArrayList<>();
    JsonValue value = body.get(member);
    if (value != null && value.isArray()) {
      for (JsonValue item : value.asArray()) {
        if (item.isString()) {
          strings.add(PrintableText.line(item.asString().strip(), MAX_ERROR_LENGTH));
        }
      }
    }
    return strings;
  }

  private static JsonObject parse(String text) {
    try {
      JsonValue value = Json.parse(text);
      return value.isObject() ? value.asObject() : new JsonObject();
    } catch (RuntimeException e) {
      return new JsonObject();
    }
  }

  @Override
  public String toString() {
    return "VaultReply[" + status + saying() + "]";
  }
}
