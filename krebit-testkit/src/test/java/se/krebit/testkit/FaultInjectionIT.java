package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.krebit.testkit.Http.clientCredentialsJson;
import static se.krebit.testkit.JsonBodies.json;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import se.krebit.auth.AccessToken;

class FaultInjectionIT {
  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder().app("demo-client", "demo-secret").build();

  private final FakeKrebitServer server = KREBIT.server();
  private final URI tokenEndpoint = server.tokenEndpoint();
  private final URI me = server.apiBaseUri().resolve("me");

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504})
  void answersTheNextTokenRequestsWithAServerError(int status) {
    server.failNextTokenRequests(2, InjectedFault.status(status));

    HttpResponse<String> first = requestToken();
    HttpResponse<String> second = requestToken();
    HttpResponse<String> third = requestToken();

    assertThat(first.statusCode()).isEqualTo(status);
    assertThat(first.headers().firstValue("request_id")).isPresent();
    assertThat(first.headers().firstValue("Retry-After")).isEmpty();
    assertThat(second.statusCode()).isEqualTo(status);
    assertThat(third.statusCode()).isEqualTo(200);
    assertThat(server.journal().tokenRequests())
        .extracting(r -> r.status().getAsInt())
        .containsExactly(status, status, 200);
    assertThat(server.journal().tokenRequests().get(0).fault())
        .contains(InjectedFault.status(status));
    assertThat(server.journal().tokenRequests().get(0).clientId()).contains("demo-client");
    assertThat(server.journal().tokenRequests().get(0).issuedToken()).isFalse();
  }

  @Test
  void answersTooManyRequestsWithRetryAfterInSeconds() {
    server.failNextTokenRequests(1, InjectedFault.tooManyRequests(Duration.ofSeconds(7)));

    HttpResponse<String> response = requestToken();

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).contains("7");
    assertThat(response.headers().firstValue("request_id")).isPresent();
  }

  @Test
  void answersServiceUnavailableWithRetryAfter() {
    server.failNextTokenRequests(1, InjectedFault.status(503, Duration.ofSeconds(2)));

    HttpResponse<String> response = requestToken();

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).contains("2");
  }

  @Test
  void answersTooManyRequestsWithRetryAfterAsAnHttpDate() {
    server.failNextTokenRequests(
        1, InjectedFault.tooManyRequests(Instant.parse("2026-03-01T12:00:00.200Z")));

    HttpResponse<String> response = requestToken();

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After"))
        .contains("Sun, 01 Mar 2026 12:00:01 GMT");
    assertThat(server.journal().lastTokenRequest().orElseThrow().status()).hasValue(429);
  }

  @ParameterizedTest
  @EnumSource(InjectedFault.Disconnect.Kind.class)
  void breaksTheConnectionAndThenAnswersNormally(InjectedFault.Disconnect.Kind kind) {
    server.failNextTokenRequests(1, InjectedFault.disconnect(kind));

    assertThatThrownBy(() -> Http.sendOrThrow(tokenRequest())).isInstanceOf(IOException.class);
    assertThat(requestToken().statusCode()).isEqualTo(200);
    RecordedTokenRequest broken = server.journal().tokenRequests().get(0);
    assertThat(broken.status()).isEmpty();
    assertThat(broken.fault()).contains(InjectedFault.disconnect(kind));
    assertThat(broken.issuedToken()).isFalse();
  }

  @Test
  void dribblesTheBodyAfterTheHeaders() throws Exception {
    Duration over = Duration.ofMillis(1_200);
    server.failNextTokenRequests(1, InjectedFault.dribbledBody(over, 6));
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    long start = System.nanoTime();
    HttpResponse<InputStream> response =
        client.send(tokenRequest().build(), HttpResponse.BodyHandlers.ofInputStream());
    Duration headers = Duration.ofNanos(System.nanoTime() - start);
    String body;
    try (InputStream in = response.body()) {
      body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    Duration whole = Duration.ofNanos(System.nanoTime() - start);

    assertThat(response.statusCode()).isEqualTo(200);
    // The body comes over most of `over` after the headers: measured from the headers, not from the
    // start, so a loaded machine that is slow to send the headers can't fail it.
    assertThat(whole.minus(headers)).isGreaterThanOrEqualTo(over.multipliedBy(2).dividedBy(3));
    assertThat(body).contains("access_token");
    assertThat(server.journal().lastTokenRequest().orElseThrow().fault())
        .contains(InjectedFault.dribbledBody(over, 6));
  }

  @Test
  void answersNormallyAfterTheScriptedDelay() {
    Duration delay = Duration.ofMillis(400);
    server.failNextTokenRequests(1, InjectedFault.delay(delay));

    long start = System.nanoTime();
    HttpResponse<String> response = requestToken();
    long elapsed = System.nanoTime() - start;

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response)).containsKey("access_token");
    assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(delay);
    assertThat(server.journal().lastTokenRequest().orElseThrow().fault())
        .contains(InjectedFault.delay(delay));
    assertThat(server.journal().lastTokenRequest().orElseThrow().issuedToken()).isTrue();
  }

  @Test
  void aDelayLongerThanTheClientsTimeoutTimesItOut() {
    server.failNextTokenRequests(1, InjectedFault.delay(Duration.ofSeconds(3)));

    assertThatThrownBy(() -> Http.sendOrThrow(tokenRequest().timeout(Duration.ofMillis(300))))
        .isInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void resetsTheConnection() {
    server.failNextTokenRequests(1, InjectedFault.connectionReset());

    assertThatThrownBy(() -> Http.sendOrThrow(tokenRequest())).isInstanceOf(IOException.class);
    assertThat(requestToken().statusCode()).isEqualTo(200);
    RecordedTokenRequest reset = server.journal().tokenRequests().get(0);
    assertThat(reset.status()).isEmpty();
    assertThat(reset.fault()).contains(InjectedFault.connectionReset());
  }

  @Test
  void answersWithAnArbitraryResponse() {
    String html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    server.failNextTokenRequests(1, InjectedFault.response(502, "text/html", html));

    HttpResponse<String> response = requestToken();

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.headers().firstValue("Content-Type")).contains("text/html");
    assertThat(response.body()).isEqualTo(html);
    assertThat(response.headers().firstValue("request_id")).isPresent();
  }

  @Test
  void playsScriptedFaultsInOrder() {
    server.failNextTokenRequests(1, InjectedFault.status(503));
    server.failNextTokenRequests(
        2, InjectedFault.response(200, "application/json", "{\"token_type\":\"Bearer\"}"));

    assertThat(requestToken().statusCode()).isEqualTo(503);
    assertThat(requestToken().body()).isEqualTo("{\"token_type\":\"Bearer\"}");
    assertThat(requestToken().body()).isEqualTo("{\"token_type\":\"Bearer\"}");
    assertThat(json(requestToken())).containsKey("access_token");
  }

  @Test
  void keepsTokenAndApiFaultsApart() {
    AccessToken token = server.issueToken("demo-client");
    server.failNextApiRequests(1, InjectedFault.status(500));

    assertThat(requestToken().statusCode()).isEqualTo(200);
    HttpResponse<String> faulted = Http.get(me, token.authorizationHeader());
    assertThat(faulted.statusCode()).isEqualTo(500);
    assertThat(faulted.headers().firstValue("request_id")).isPresent();
    assertThat(Http.get(me, token.authorizationHeader()).statusCode()).isEqualTo(200);
    assertThat(server.journal().apiRequests())
        .extracting(r -> r.status().getAsInt())
        .containsExactly(500, 200);
  }

  @Test
  void injectsEveryKindOfFaultIntoApiRequests() {
    AccessToken token = server.issueToken("demo-client");
    server.failNextApiRequests(1, InjectedFault.tooManyRequests(Duration.ofSeconds(1)));
    server.failNextApiRequests(1, InjectedFault.connectionReset());
    server.failNextApiRequests(1, InjectedFault.delay(Duration.ofMillis(200)));
    server.failNextApiRequests(1, InjectedFault.response(503, "text/html", "<h1>down</h1>"));

    server.stub("POST", "/api/1.0/packages").respond(200, "{}");

    HttpResponse<String> limited = Http.get(me, token.authorizationHeader());
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).contains("1");
    // a POST: the JDK client silently retries an idempotent GET once after a reset
    assertThatThrownBy(
            () ->
                Http.sendOrThrow(
                    HttpRequest.newBuilder(server.apiBaseUri().resolve("packages"))
                        .header("Authorization", token.authorizationHeader())
                        .timeout(Http.TIMEOUT)
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))))
        .isInstanceOf(IOException.class);
    long start = System.nanoTime();
    assertThat(Http.get(me, token.authorizationHeader()).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(Http.get(me, token.authorizationHeader()).body()).isEqualTo("<h1>down</h1>");
    assertThat(server.journal().apiRequestCount()).isEqualTo(4);
  }

  @Test
  void resetDropsScriptedFaults() {
    server.failNextTokenRequests(3, InjectedFault.status(500));
    server.failNextApiRequests(3, InjectedFault.status(500));

    server.reset();

    assertThat(requestToken().statusCode()).isEqualTo(200);
    assertThat(Http.get(me, server.issueToken("demo-client").authorizationHeader()).statusCode())
        .isEqualTo(200);
  }

  private HttpResponse<String> requestToken() {
    return Http.send(tokenRequest());
  }

  private HttpRequest.Builder tokenRequest() {
    return HttpRequest.newBuilder(tokenEndpoint)
        .timeout(Http.TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(
            HttpRequest.BodyPublishers.ofString(
                clientCredentialsJson("demo-client", "demo-secret")));
  }
}
