package se.krebit.testkit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import se.krebit.testkit.internal.FaultResponses;
import se.krebit.testkit.internal.Json;

/** The shapes of the fake's own responses. */
final class Responses {
  static final String REQUEST_ID = "request_id";
  static final String JSON = "application/json";

  private Responses() {}

  static ResponseDefinitionBuilder json(int status, Map<String, ?> body) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", JSON)
        .withBody(Json.write(body));
  }

  /**
   * {@code body} laid out as Krebit's pages print their examples (see {@link
   * Json#writeAsDocumented}).
   */
  static ResponseDefinitionBuilder documentedJson(int status, Map<String, ?> body) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", JSON)
        .withBody(Json.writeAsDocumented(body));
  }

  /** A JSON error body: {@code error} plus a human-readable {@code message}. */
  static ResponseDefinitionBuilder error(int status, String error, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("message", message);
    return json(status, body);
  }

  /**
   * The fake's answer to a scripted {@link InjectedFault}, if it replaces the normal one: an HTTP
   * error is plain text naming the fake.
   */
  static Optional<ResponseDefinition> replacing(InjectedFault fault) {
    return FaultResponses.replacement(
        fault,
        status ->
            ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "text/plain; charset=utf-8")
                .withBody("HTTP " + status + " injected by the fake Krebit server\n")
                .build());
  }

  /** Token responses must not be cached by anyone (RFC 6749 §5.1). */
  static ResponseDefinitionBuilder noStore(ResponseDefinitionBuilder response) {
    return response.withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
  }

  static ResponseDefinition oauthError(OAuthError error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error.error());
    body.put("error_description", error.description());
    ResponseDefinitionBuilder response = noStore(json(error.status(), body));
    if (error.status() == 401) {
      // RFC 9110 §15.5.2: every 401 carries a challenge, whether the client tried Basic or the body
      response.withHeader("WWW-Authenticate", "Basic realm=\"krebit\"");
    }
    return response.build();
  }

  /** {@code response} with the {@code request_id} header added, whatever else it is. */
  static ResponseDefinition stamped(ResponseDefinition response, String requestId) {
    return ResponseDefinitionBuilder.like(response).but().withHeader(REQUEST_ID, requestId).build();
  }
}
