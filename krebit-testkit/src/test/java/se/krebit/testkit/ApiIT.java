package se.krebit.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.testkit.JsonBodies.data;
import static se.krebit.testkit.JsonBodies.json;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.krebit.auth.AccessToken;
import se.krebit.auth.Fingerprint;
import se.krebit.testkit.internal.FakeWireMock;

class ApiIT {
  private static final Duration LIFETIME = Duration.ofSeconds(600);

  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder()
          .app("demo-client", "demo-secret", "reader", "signer")
          .app("plain-client", "plain-secret")
          .requireRole("/api/1.0/packages", "signer")
          .tokenLifetime(LIFETIME)
          .build();

  private final FakeKrebitServer server = KREBIT.server();
  private final URI me = server.apiBaseUri().resolve("me");

  @Test
  void meAnswersWithTheAppIdentityOfAnHttpIssuedToken() {
    String token =
        (String)
            json(Http.postJson(
                    server.tokenEndpoint(),
                    Http.clientCredentialsJson("demo-client", "demo-secret")))
                .get("access_token");

    HttpResponse<String> response = Http.get(me, "Bearer " + token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.headers().firstValue("request_id")).isPresent();
    Map<String, Object> identity = data(response);
    assertThat(identity)
        .containsEntry("id", "app_demo-client")
        .containsEntry("name", "demo-client")
        .containsEntry("roles", List.of("reader", "signer"))
        .containsKey("organization")
        .doesNotContainKey("email");
  }

  @Test
  void acceptsTheSchemeInAnyCase() {
    AccessToken token = server.issueToken("demo-client");

    assertThat(Http.get(me, "bearer " + token.value()).statusCode()).isEqualTo(200);
  }

  @Test
  void challengesARequestWithoutTokenWithoutAnErrorCode() {
    HttpResponse<String> response = Http.get(me);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues("WWW-Authenticate"))
        .containsExactly("Bearer realm=\"krebit\"");
    assertThat(response.headers().firstValue("request_id")).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer",
        "Bearer ",
        "Bearer two words",
        "Bearer bad!chars",
        "Basic ZGVtbzpkZW1v",
        "token"
      })
  void rejectsMalformedAuthorizationAsInvalidToken(String authorization) {
    HttpResponse<String> response = Http.get(me, authorization);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(
            challenge ->
                assertThat(challenge)
                    .startsWith(
                        "Bearer realm=\"krebit\", error=\"invalid_token\", error_description=\""));
    assertThat(json(response)).containsEntry("error", "invalid_token");
  }

  @Test
  void rejectsAnUnknownToken() {
    HttpResponse<String> response = Http.get(me, "Bearer made-up-token");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("error=\"invalid_token\"", "unknown");
    assertThat(server.journal().lastApiRequest().orElseThrow().tokenFingerprint())
        .contains(Fingerprint.of("made-up-token"));
  }

  @Test
  void rejectsATokenOnceItExpiresOnTheFakesClock() {
    AccessToken token = server.issueToken("demo-client");
    assertThat(token.expiresAt()).isEqualTo(server.clock().instant().plus(LIFETIME));

    server.clock().advance(LIFETIME.minusMillis(1));
    assertThat(Http.get(me, token.authorizationHeader()).statusCode()).isEqualTo(200);

    server.clock().advance(Duration.ofMillis(1));
    HttpResponse<String> response = Http.get(me, token.authorizationHeader());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("error=\"invalid_token\"", "expired");
  }

  @Test
  void rejectsARevokedTokenUntilReset() {
    AccessToken token = server.issueToken("demo-client");
    AccessToken other = server.issueToken("demo-client");

    assertThat(server.revoke(token)).isTrue();
    HttpResponse<String> response = Http.get(me, token.authorizationHeader());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("revoked");
    assertThat(response.body()).doesNotContain(token.value());
    assertThat(Http.get(me, other.authorizationHeader()).statusCode()).isEqualTo(200);
    assertThat(server.revoke("never-issued")).isFalse();

    server.reset();
    assertThat(Http.get(me, token.authorizationHeader()).statusCode()).isEqualTo(200);
  }

  @Test
  void forbidsAPathToAnIdentityWithoutTheRequiredRole() {
    server.requireRole("/api/1.0/me", "admin");
    AccessToken token = server.issueToken("demo-client");

    HttpResponse<String> response = Http.get(me, token.authorizationHeader());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json(response)).containsEntry("error", "forbidden");
    assertThat((String) json(response).get("message"))
        .contains("demo-client", "admin", "/api/1.0/me");
    assertThat(response.headers().firstValue("request_id")).isPresent();
  }

  @Test
  void allowsAPathToAnIdentityWithTheRequiredRoles() {
    server.requireRole("/api/1.0/me", "reader");
    server.requireRole("/api/1.0/me", "signer");

    assertThat(Http.get(me, server.issueToken("demo-client").authorizationHeader()).statusCode())
        .isEqualTo(200);
    assertThat(Http.get(me, server.issueToken("plain-client").authorizationHeader()).statusCode())
        .isEqualTo(403);
  }

  @Test
  void resetDropsTestRoleRequirementsButKeepsTheBuildersOnes() {
    server.stub("GET", "/api/1.0/packages").respond(200, "[]");
    server.requireRole("/api/1.0/me", "admin");
    AccessToken plain = server.issueToken("plain-client");

    server.reset();

    assertThat(Http.get(me, plain.authorizationHeader()).statusCode()).isEqualTo(200);
    assertThat(
            Http.get(server.apiBaseUri().resolve("packages"), plain.authorizationHeader())
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void guardsEndpointsStubbedByTestsWithTheSameBearerCheck() {
    server.stub("GET", "/api/1.0/documents").respond(200, "[{\"id\":\"doc-1\"}]");
    URI documents = server.apiBaseUri().resolve("documents?page=1");
    AccessToken token = server.issueToken("demo-client");

    HttpResponse<String> anonymous = Http.get(documents);
    HttpResponse<String> authorized = Http.get(documents, token.authorizationHeader());
    server.revoke(token);
    HttpResponse<String> revoked = Http.get(documents, token.authorizationHeader());

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(authorized.statusCode()).isEqualTo(200);
    assertThat(authorized.body()).isEqualTo("[{\"id\":\"doc-1\"}]");
    assertThat(authorized.headers().firstValue("request_id")).isPresent();
    assertThat(revoked.statusCode()).isEqualTo(401);
    assertThat(server.journal().apiRequests())
        .extracting(RecordedApiRequest::path)
        .containsOnly("/api/1.0/documents");
  }

  @Test
  void stubbedEndpointsSeeTheRequestAsSent() {
    server.stub("POST", "/api/1.0/packages").respond(201, "{\"id\":\"pkg-1\"}");
    AccessToken token = server.issueToken("demo-client");

    HttpResponse<String> response =
        Http.send(
            HttpRequest.newBuilder(server.apiBaseUri().resolve("packages"))
                .header("Authorization", token.authorizationHeader())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"contract\"}")));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(
            FakeWireMock.of(server)
                .findAll(
                    com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        urlPathEqualTo("/api/1.0/packages"))))
        .singleElement()
        .satisfies(
            request -> assertThat(request.getBodyAsString()).isEqualTo("{\"name\":\"contract\"}"));
  }

  @Test
  void answersUnstubbedApiPathsWith404AfterTheBearerCheck() {
    URI nowhere = server.apiBaseUri().resolve("nowhere");

    assertThat(Http.get(nowhere).statusCode()).isEqualTo(401);
    HttpResponse<String> response =
        Http.get(nowhere, server.issueToken("demo-client").authorizationHeader());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("request_id")).isPresent();
  }

  @Test
  void leavesPathsOutsideTheApiUnguarded() {
    FakeWireMock.of(server).stubFor(get("/health").willReturn(okJson("{\"ok\":true}")));

    HttpResponse<String> response = Http.get(server.baseUri().resolve("health"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("request_id")).isPresent();
    assertThat(server.journal().apiRequestCount()).isZero();
  }

  @Test
  void journalsApiRequests() {
    AccessToken token = server.issueToken("demo-client");
    Http.get(me, token.authorizationHeader());
    Http.get(me);

    assertThat(server.journal().apiRequestCount()).isEqualTo(2);
    RecordedApiRequest first = server.journal().apiRequests().get(0);
    assertThat(first.method()).isEqualTo("GET");
    assertThat(first.path()).isEqualTo("/api/1.0/me");
    assertThat(first.status()).hasValue(200);
    assertThat(first.tokenFingerprint()).contains(token.fingerprint());
    assertThat(first.clientId()).contains("demo-client");
    RecordedApiRequest second = server.journal().apiRequests().get(1);
    assertThat(second.status()).hasValue(401);
    assertThat(second.tokenFingerprint()).isEmpty();
    assertThat(server.journal().tokenRequestCount()).isZero(); // issueToken is not a request
  }

  @Test
  void requiresRolesOnApiPathsOnly() {
    assertThatThrownBy(() -> server.requireRole("/oauth/token", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> server.issueToken("nobody")).hasMessageContaining("nobody");
  }

  @Test
  void stubsMatchOneSegmentPerVariableAndTheLatestStubWins() {
    server.stub("POST", "/api/1.0/signings/{id}/send").respond(202);
    server.stub("GET", "/api/1.0/documents/{id}").respond(200, "{\"id\":\"old\"}");
    server.stub("GET", "/api/1.0/documents/{id}").respond(200, "{\"id\":\"new\"}");
    String bearer = server.issueToken("demo-client").authorizationHeader();

    HttpResponse<String> sent =
        Http.send(
            HttpRequest.newBuilder(server.apiBaseUri().resolve("signings/s-1/send"))
                .header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> document = Http.get(server.apiBaseUri().resolve("documents/d-1"), bearer);
    HttpResponse<String> deeper =
        Http.get(server.apiBaseUri().resolve("documents/d-1/pages"), bearer);
    HttpResponse<String> otherMethod =
        Http.get(server.apiBaseUri().resolve("signings/s-1/send"), bearer);

    assertThat(sent.statusCode()).isEqualTo(202);
    assertThat(sent.body()).isEmpty();
    assertThat(document.statusCode()).isEqualTo(200);
    assertThat(document.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(document.body()).isEqualTo("{\"id\":\"new\"}");
    assertThat(deeper.statusCode()).as("{id} is one segment").isEqualTo(404);
    assertThat(otherMethod.statusCode()).isEqualTo(404);
  }

  @Test
  void stubsOnlyUndocumentedApiPaths() {
    assertThatThrownBy(() -> server.stub("GET", "/health"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/api/1.0/");
    assertThatThrownBy(() -> server.stub("GET", "/api/1.0/me"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> server.stub("get", "/api/1.0/x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> server.stub("GET", "/api/1.0/x?y=1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> server.stub("GET", "/api/1.0/x").respond(99))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void journalsEveryRequestAtAnyPathWithoutHeadersOrBodies() {
    AccessToken token = server.issueToken("demo-client");
    Http.get(me, token.authorizationHeader());
    Http.postJson(server.tokenEndpoint(), Http.clientCredentialsJson("demo-client", "demo-secret"));
    Http.get(server.baseUri().resolve("nowhere?x=1"));

    List<RecordedRequest> requests = server.journal().requests();

    assertThat(requests)
        .extracting(r -> r.method() + " " + r.path() + " " + r.status().getAsInt())
        .containsExactly("GET /api/1.0/me 200", "POST /oauth/token 200", "GET /nowhere 404");
    assertThat(requests.get(0).requestId())
        .isEqualTo(server.journal().apiRequests().get(0).requestId());
    assertThat(requests.get(1).requestId())
        .isEqualTo(server.journal().tokenRequests().get(0).requestId());
    assertThat(requests).allSatisfy(r -> assertThat(r.toString()).doesNotContain(token.value()));
    server.reset();
    assertThat(server.journal().requests()).isEmpty();
  }
}
