package se.krebit.testkit.vault;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import se.krebit.testkit.internal.Json;

/**
 * The shapes of Vault's HTTP answers: the envelope every successful logical response has ({@code
 * request_id}, {@code lease_id}, {@code renewable}, {@code lease_duration}, {@code data}, {@code
 * wrap_info}, {@code warnings}, {@code auth}, and {@code mount_type} where the flavour has it), 204
 * without a body unless there are warnings, and {@code {"errors":[...]}} for errors.
 */
final class VaultReplies {
  static final String JSON = "application/json";

  private VaultReplies() {}

  /** What a route answers, before the request id is known. */
  record Reply(
      int status,
      @Nullable Map<String, ?> data,
      @Nullable Map<String, ?> auth,
      List<String> warnings,
      String mountType,
      boolean bodyless) {
    static Reply data(Map<String, ?> data, String mountType) {
      return new Reply(200, data, null, List.of(), mountType, false);
    }

    static Reply auth(Map<String, ?> auth, List<String> warnings, String mountType) {
      return new Reply(200, null, auth, warnings, mountType, false);
    }

    static Reply noContent() {
      return new Reply(204, null, null, List.of(), "", true);
    }

    /** A 404 that still carries data, as a KV v2 read of a deleted version does. */
    static Reply notFoundWith(Map<String, ?> data, String mountType) {
      return new Reply(404, data, null, List.of(), mountType, false);
    }

    /**
     * This reply with {@code more} warnings. A 204 with warnings is a 200 with the envelope, as
     * Vault answers when something added a warning to a response that had no body.
     */
    Reply withWarnings(List<String> more) {
      if (more.isEmpty()) {
        return this;
      }
      List<String> all = new ArrayList<>(warnings);
      all.addAll(more);
      return new Reply(bodyless ? 200 : status, data, auth, List.copyOf(all), mountType, false);
    }
  }

  static ResponseDefinition render(Reply reply, String requestId, VaultFlavour flavour) {
    if (reply.bodyless()) {
      return ResponseDefinitionBuilder.responseDefinition().withStatus(reply.status()).build();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("request_id", requestId);
    body.put("lease_id", "");
    body.put("renewable", false);
    body.put("lease_duration", 0);
    body.put("data", reply.data());
    body.put("wrap_info", null);
    body.put("warnings", reply.warnings().isEmpty() ? null : reply.warnings());
    body.put("auth", reply.auth());
    if (flavour.hasMountType()) {
      body.put("mount_type", reply.mountType());
    }
    return json(reply.status(), body);
  }

  static ResponseDefinition error(VaultError error) {
    return json(error.status(), Map.of("errors", error.errors()));
  }

  static ResponseDefinition json(int status, Map<String, ?> body) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", JSON)
        .withHeader("Cache-Control", "no-store")
        .withBody(Json.write(body))
        .build();
  }
}
