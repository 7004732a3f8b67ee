package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static se.krebit.testkit.Http.clientCredentialsJson;
import static se.krebit.testkit.JsonBodies.json;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.krebit.auth.Fingerprint;

class TokenEndpointIT {
  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder()
          .app("demo-client", "demo-secret", "reader")
          .app("odd client/ä", "s3cret:+&=", "writer")
          .tokenLifetime(Duration.ofSeconds(900))
          .build();

  private final FakeKrebitServer server = KREBIT.server();
  private final URI tokenEndpoint = server.tokenEndpoint();

  @Test
  void issuesABearerTokenForTheGuidesJsonRequest() {
    // the body exactly as the guide's curl sends it, whitespace and all
    String body =
        "{\n\"grant_type\": \"client_credentials\",\n\"client_id\": \"demo-client\",\n"
            + "\"client_secret\": \"demo-secret\"\n}";

    HttpResponse<String> response = Http.postJson(tokenEndpoint, body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(response.headers().firstValue("request_id"))
        .hasValueSatisfying(id -> assertThat(id).matches("req_[0-9a-f]{24}"));
    Map<String, Object> json = json(response);
    assertThat(json)
        .containsOnlyKeys("token_type", "expires_in", "access_token")
        .containsEntry("token_type", "Bearer");
    assertThat(((Number) json.get("expires_in")).longValue()).isEqualTo(900);
    String token = (String) json.get("access_token");
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32); // 256 random bits
    assertThat(response.body())
        .startsWith("{\"token_type\":\"Bearer\",\"expires_in\":900,\"access_token\":");
  }

  @Test
  void issuesATokenForAFormRequest() {
    HttpResponse<String> response =
        Http.postForm(
            tokenEndpoint,
            "grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response)).containsEntry("token_type", "Bearer").containsKey("access_token");
  }

  @Test
  void acceptsHttpBasicClientAuthenticationWithUrlEncodedCredentials() {
    // RFC 6749 §2.3.1: id and secret are form-encoded before they are Base64-encoded
    String encodedId = "odd+client%2F%C3%A4";
    String encodedSecret = "s3cret%3A%2B%26%3D";

    HttpResponse<String> response =
        Http.postFormWithBasic(
            tokenEndpoint, "grant_type=client_credentials", encodedId, encodedSecret);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(server.journal().lastTokenRequest().orElseThrow().clientId())
        .contains("odd client/ä");
  }

  @Test
  void acceptsAFormBodyWithUrlEncodedCharacters() {
    HttpResponse<String> response =
        Http.postForm(
            tokenEndpoint,
            "grant_type=client_credentials&client_id=odd+client%2F%C3%A4&client_secret=s3cret%3A%2B%26%3D");

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void issuesADifferentTokenEachTime() {
    Set<String> tokens = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      tokens.add(
          (String)
              json(Http.postJson(
                      tokenEndpoint, clientCredentialsJson("demo-client", "demo-secret")))
                  .get("access_token"));
    }
    assertThat(tokens).hasSize(20);
  }

  @Test
  void journalsEachRequestWithFingerprintsOnly() {
    HttpResponse<String> ok =
        Http.postJson(tokenEndpoint, clientCredentialsJson("demo-client", "demo-secret"));
    Http.postForm(
        tokenEndpoint, "grant_type=client_credentials&client_id=demo-client&client_secret=wrong");
    String token = (String) json(ok).get("access_token");

    assertThat(server.journal().tokenRequestCount()).isEqualTo(2);
    RecordedTokenRequest first = server.journal().tokenRequests().get(0);
    assertThat(first.requestId()).isEqualTo(ok.headers().firstValue("request_id").orElseThrow());
    assertThat(first.at()).isEqualTo(server.clock().instant());
    assertThat(first.grantType()).contains("client_credentials");
    assertThat(first.clientId()).contains("demo-client");
    assertThat(first.contentType()).contains("application/json");
    assertThat(first.status()).hasValue(200);
    assertThat(first.error()).isEmpty();
    assertThat(first.issuedToken()).isTrue();
    assertThat(first.issuedTokenFingerprint()).contains(Fingerprint.of(token));
    assertThat(first.fault()).isEmpty();

    RecordedTokenRequest second = server.journal().tokenRequests().get(1);
    assertThat(second.contentType()).contains("application/x-www-form-urlencoded");
    assertThat(second.status()).hasValue(401);
    assertThat(second.error()).contains("invalid_client");
    assertThat(second.issuedTokenFingerprint()).isEmpty();
    assertThat(server.journal().toString() + server.journal().tokenRequests())
        .doesNotContain(token)
        .doesNotContain("demo-secret")
        .doesNotContain("wrong");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "wrong secret            | {\"grant_type\":\"client_credentials\",\"client_id\":\"demo-client\",\"client_secret\":\"nope\"}",
        "unknown client          | {\"grant_type\":\"client_credentials\",\"client_id\":\"nobody\",\"client_secret\":\"demo-secret\"}",
        "other app's secret      | {\"grant_type\":\"client_credentials\",\"client_id\":\"demo-client\",\"client_secret\":\"s3cret:+&=\"}",
        "no client_secret        | {\"grant_type\":\"client_credentials\",\"client_id\":\"demo-client\"}",
        "no client at all        | {\"grant_type\":\"client_credentials\"}",
        "empty client_secret     | {\"grant_type\":\"client_credentials\",\"client_id\":\"demo-client\",\"client_secret\":\"\"}",
      })
  void refusesBadClientAuthenticationWithInvalidClient(String why, String body) {
    HttpResponse<String> response = Http.postJson(tokenEndpoint, body);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response))
        .containsEntry("error", "invalid_client")
        .containsKey("error_description");
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .as("RFC 9110 §15.5.2: a 401 carries a challenge, however the client authenticated")
        .contains("Basic realm=\"krebit\"");
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(response.headers().firstValue("request_id")).isPresent();
    assertThat(response.body()).doesNotContain("demo-secret").doesNotContain("nope");
  }

  @Test
  void challengesFailedBasicAuthentication() {
    HttpResponse<String> response =
        Http.postFormWithBasic(
            tokenEndpoint, "grant_type=client_credentials", "demo-client", "nope");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response)).containsEntry("error", "invalid_client");
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .contains("Basic realm=\"krebit\"");
  }

  @Test
  void challengesMalformedBasicCredentials() {
    HttpResponse<String> response =
        Http.send(
            HttpRequest.newBuilder(tokenEndpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic not-base64!")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .contains("Basic realm=\"krebit\"");
  }

  @Test
  void refusesAnUnknownGrantType() {
    HttpResponse<String> response =
        Http.postJson(
            tokenEndpoint,
            "{\"grant_type\":\"password\",\"client_id\":\"demo-client\",\"client_secret\":\"demo-secret\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response)).containsEntry("error", "unsupported_grant_type");
    assertThat((String) json(response).get("error_description"))
        .contains("password", "client_credentials");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no grant_type         | application/json                  | {\"client_id\":\"demo-client\",\"client_secret\":\"demo-secret\"}",
        "malformed JSON        | application/json                  | {\"grant_type\": \"client_credentials\",",
        "JSON array            | application/json                  | [\"client_credentials\"]",
        "number member         | application/json                  | {\"grant_type\":\"client_credentials\",\"client_id\":\"demo-client\",\"client_secret\":42}",
        "text/plain            | text/plain                        | grant_type=client_credentials",
        "multipart             | multipart/form-data; boundary=x   | --x--",
        "repeated parameter    | application/x-www-form-urlencoded | grant_type=client_credentials&grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret",
        "form, no grant_type   | application/x-www-form-urlencoded | client_id=demo-client&client_secret=demo-secret",
        "form, empty grant_type| application/x-www-form-urlencoded | grant_type=&client_id=demo-client&client_secret=demo-secret",
      })
  void refusesMalformedRequestsWithInvalidRequest(String why, String contentType, String body) {
    HttpResponse<String> response = Http.post(tokenEndpoint, contentType, body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response))
        .containsEntry("error", "invalid_request")
        .containsKey("error_description");
    assertThat(response.headers().firstValue("request_id")).isPresent();
  }

  @Test
  void refusesARequestWithoutContentType() {
    HttpResponse<String> response =
        Http.send(
            HttpRequest.newBuilder(tokenEndpoint)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        clientCredentialsJson("demo-client", "demo-secret"))));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response)).containsEntry("error", "invalid_request");
  }

  @Test
  void refusesTwoClientAuthenticationMethodsAtOnce() {
    HttpResponse<String> response =
        Http.postFormWithBasic(
            tokenEndpoint,
            "grant_type=client_credentials&client_secret=demo-secret",
            "demo-client",
            "demo-secret");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response)).containsEntry("error", "invalid_request");
  }

  @Test
  void takesPostOnly() {
    HttpResponse<String> response = Http.get(tokenEndpoint);

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).contains("POST");
    assertThat(response.headers().firstValue("request_id")).isPresent();
  }

  @Test
  void stampsAFreshRequestIdOnEveryResponseIncludingUnmatchedOnes() {
    HttpResponse<String> notFound = Http.get(server.baseUri().resolve("/no/such/thing?x=1"));
    HttpResponse<String> another = Http.get(server.baseUri().resolve("/no/such/thing"));

    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(json(notFound)).containsEntry("error", "not_found");
    assertThat(notFound.headers().firstValue("request_id"))
        .isPresent()
        .isNotEqualTo(another.headers().firstValue("request_id"));
  }
}
