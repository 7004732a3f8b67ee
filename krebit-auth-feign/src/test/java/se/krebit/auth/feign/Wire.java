package se.krebit.auth.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.util.List;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.spi.ClientCredentialsGrant;
import se.krebit.auth.spi.Grant;

/** Canned token endpoint stubs and requests, in the Krebit guide's words. */
final class Wire {
  static final String REQUEST_ID = "req-7f3a9c";
  static final String SUCCESS =
      "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"eyJhbGciOi...\"}";
  static final ClientCredentials GUIDE_CLIENT =
      ClientCredentials.of("YOUR_CLIENT_ID", "YOUR_CLIENT_SECRET");
  static final Grant CLIENT_CREDENTIALS = ClientCredentialsGrant.defaultScope();

  private Wire() {}

  /** {@code POST /oauth/token}. */
  static MappingBuilder tokenRequest() {
    return post(urlPathEqualTo(TestEndpoints.TOKEN_PATH));
  }

  /** A pattern matching every token request, for counting. */
  static RequestPatternBuilder tokenRequests() {
    return postRequestedFor(urlPathEqualTo(TestEndpoints.TOKEN_PATH));
  }

  /** A JSON answer with a {@code request_id} header. */
  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("request_id", REQUEST_ID)
        .withBody(body);
  }

  /** The guide's example success response. */
  static ResponseDefinitionBuilder success() {
    return json(200, SUCCESS);
  }

  /** An OAuth error response (RFC 6749 §5.2). */
  static ResponseDefinitionBuilder oauthError(int status, String error) {
    return json(
        status, "{\"error\":\"" + error + "\",\"error_description\":\"refused by the test\"}");
  }

  /** Logged dates of the requests matching {@code pattern}, oldest first, in epoch milliseconds. */
  static List<Long> arrivalMillis(
      List<com.github.tomakehurst.wiremock.verification.LoggedRequest> requests) {
    return requests.stream().map(r -> r.getLoggedDate().getTime()).sorted().toList();
  }
}
