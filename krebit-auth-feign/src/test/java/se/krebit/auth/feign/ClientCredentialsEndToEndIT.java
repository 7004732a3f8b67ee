package se.krebit.auth.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.AccessToken;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.InvalidClientException;
import se.krebit.auth.InvalidTokenResponseException;
import se.krebit.auth.RefreshPolicy;
import se.krebit.auth.TokenAcquisitionTimeoutException;
import se.krebit.auth.TokenEndpointUnavailableException;
import se.krebit.auth.TokenSource;
import se.krebit.auth.UnsupportedGrantTypeException;
import se.krebit.auth.testing.SettableClock;
import se.krebit.http.HttpConfig;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;

/**
 * The client-credentials flow end to end: core's cached source, the Feign transport and the fake
 * Krebit server, over HTTP on loopback, on the fake's settable clock.
 */
class ClientCredentialsEndToEndIT {
  private static final Duration LIFETIME = Duration.ofSeconds(3600);
  // Lifetime 3600 s, no jitter: refresh ahead from 3535 s, served until 3595 s.
  private static final Duration INTO_REFRESH_WINDOW = Duration.ofSeconds(3540);
  private static final Duration PAST_EXPIRY = Duration.ofSeconds(3600);

  // One server, and so one clock, per test: sources of other tests must not see this test's time.
  @RegisterExtension
  final FakeKrebitExtension krebit =
      FakeKrebitExtension.builder()
          .app("demo-client", "demo-secret")
          .tokenLifetime(LIFETIME)
          .build();

  private final ExecutorService callers = Executors.newCachedThreadPool();
  private final HttpClient browser = HttpClient.newHttpClient();

  @AfterEach
  void stopCallers() {
    callers.shutdownNow();
  }

  private static ClientCredentialsTokenSource.Builder source(FakeKrebitServer server) {
    return ClientCredentialsTokenSource.builder()
        .endpoint(
            FeignTokenEndpoint.builder()
                .tenant(server.tenant())
                .http(HttpConfig.custom().initialBackoff(Duration.ofMillis(10)).build())
                .build())
        .client(server.credentials("demo-client"))
        .clock(server.clock())
        .refreshPolicy(
            RefreshPolicy.custom().jitter(0).acquireTimeout(Duration.ofSeconds(5)).build());
  }

  private int callMe(FakeKrebitServer server, AccessToken token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(server.apiBaseUri().resolve("me"))
            .header("Authorization", token.authorizationHeader())
            .build();
    return browser.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void theFirstCallObtainsATokenTheApiAccepts(FakeKrebitServer server) throws Exception {
    AccessToken token = source(server).build().token();

    assertThat(callMe(server, token)).isEqualTo(200);
    assertThat(server.journal().lastTokenRequest().orElseThrow().contentType())
        .hasValueSatisfying(t -> assertThat(t).contains("application/json"));
  }

  @Test
  void laterCallsAreServedFromCacheWithoutARequest(FakeKrebitServer server) {
    TokenSource tokens = source(server).build();
    AccessToken first = tokens.token();

    for (int i = 0; i < 1000; i++) {
      assertThat(tokens.token()).isSameAs(first);
    }
    assertThat(server.journal().tokenRequestCount()).isEqualTo(1);
  }

  @Test
  void theTokenIsRefreshedAheadOfExpiryInTheBackground(
      FakeKrebitServer server, SettableClock clock) {
    TokenSource tokens = source(server).build();
    AccessToken first = tokens.token();

    clock.advance(INTO_REFRESH_WINDOW);

    await().atMost(Duration.ofSeconds(5)).until(() -> server.journal().tokenRequestCount() == 2);
    await().atMost(Duration.ofSeconds(5)).until(() -> !tokens.token().equals(first));
    assertThat(tokens.token().expiresAt()).isAfter(first.expiresAt());
  }

  @Test
  void sixtyFourThreadsAtExpiryCauseOneRequest(FakeKrebitServer server) throws Exception {
    TokenSource tokens = source(server).build();
    AccessToken first = tokens.token();
    OneRefresh.expire(first, server);

    CountDownLatch start = new CountDownLatch(1);
    List<Future<AccessToken>> calls = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      calls.add(
          callers.submit(
              () -> {
                start.await();
                return tokens.token();
              }));
    }
    start.countDown();

    OneRefresh.assertEveryCallGotOneNewToken(calls, first, server);
  }

  @Test
  void whileTheEndpointFailsTheValidTokenIsStillServed(FakeKrebitServer server, SettableClock clock)
      throws Exception {
    TokenSource tokens = source(server).build();
    AccessToken first = tokens.token();
    server.failNextTokenRequests(100, InjectedFault.status(503));

    clock.advance(INTO_REFRESH_WINDOW);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> server.journal().tokenRequestCount() >= 4); // 1 + 3 attempts

    assertThat(tokens.token()).isEqualTo(first);
    assertThat(callMe(server, tokens.token())).isEqualTo(200);
  }

  @Test
  void afterExpiryAFailingEndpointGivesATypedErrorWithinTheBound(
      FakeKrebitServer server, SettableClock clock) {
    TokenSource tokens = source(server).build();
    AccessToken first = tokens.token();
    server.failNextTokenRequests(100, InjectedFault.status(503));
    clock.set(first.expiresAt());

    long started = System.nanoTime();
    assertThatThrownBy(tokens::token)
        .isInstanceOfSatisfying(
            TokenEndpointUnavailableException.class,
            e -> {
              assertThat(e.isRetryable()).isTrue();
              assertThat(e.httpStatus()).hasValue(503);
              assertThat(e.requestId()).isPresent();
            });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aHangingEndpointAfterExpiryTimesOutWithinTheBound(FakeKrebitServer server) {
    server.failNextTokenRequests(1, InjectedFault.delay(Duration.ofSeconds(3)));
    TokenSource tokens =
        source(server)
            .refreshPolicy(RefreshPolicy.custom().acquireTimeout(Duration.ofMillis(500)).build())
            .build();

    long started = System.nanoTime();
    assertThatThrownBy(tokens::token).isInstanceOf(TokenAcquisitionTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aWrongSecretIsInvalidClientWithTheGuidesHint(FakeKrebitServer server) {
    TokenSource tokens =
        source(server).client(ClientCredentials.of("demo-client", "wrong-secret")).build();

    assertThatThrownBy(tokens::token)
        .isInstanceOf(InvalidClientException.class)
        .hasMessageContaining("client_id, the client_secret and the tenant domain belong together")
        .hasMessageNotContaining("wrong-secret");
    assertThat(server.journal().tokenRequestCount()).isEqualTo(1);
  }

  @Test
  void unsupportedGrantTypeReachesTheCallerTyped(FakeKrebitServer server) {
    server.failNextTokenRequests(
        1,
        InjectedFault.response(
            400,
            "application/json",
            "{\"error\":\"unsupported_grant_type\",\"error_description\":\"grant not enabled for this app\"}"));

    assertThatThrownBy(() -> source(server).build().token())
        .isInstanceOf(UnsupportedGrantTypeException.class)
        .hasMessageContaining("grant not enabled");
  }

  @Test
  void anHtmlPageFromAProxyIsAnInvalidResponseAndNothingIsCached(FakeKrebitServer server)
      throws Exception {
    server.failNextTokenRequests(
        1, InjectedFault.response(200, "text/html", "<html>Sign in to the proxy</html>"));
    TokenSource tokens = source(server).build();

    assertThatThrownBy(tokens::token).isInstanceOf(InvalidTokenResponseException.class);
    server.clock().advance(Duration.ofSeconds(2)); // past the failure backoff
    assertThat(callMe(server, tokens.token())).isEqualTo(200);
  }

  @Test
  void aResponseWithoutAccessTokenIsAnInvalidResponse(FakeKrebitServer server) {
    server.failNextTokenRequests(
        1,
        InjectedFault.response(
            200, "application/json", "{\"token_type\":\"Bearer\",\"expires_in\":3600}"));

    assertThatThrownBy(() -> source(server).build().token())
        .isInstanceOf(InvalidTokenResponseException.class)
        .hasMessageContaining("access_token");
  }

  @Test
  void aRevokedTokenIsReplacedOnceHoweverManyCallersReportIt(FakeKrebitServer server)
      throws Exception {
    TokenSource tokens = source(server).build();
    AccessToken revoked = tokens.token();
    server.revoke(revoked);
    assertThat(callMe(server, revoked)).isEqualTo(401);

    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      calls.add(
          callers.submit(
              () -> {
                start.await();
                tokens.invalidate(revoked);
                return callMe(server, tokens.token());
              }));
    }
    start.countDown();

    for (Future<Integer> call : calls) {
      assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo(200);
    }
    assertThat(server.journal().tokenRequestCount()).isEqualTo(2);
  }

  @Test
  void theFormEncodedModeWorksAgainstTheSameServer(FakeKrebitServer server) throws Exception {
    TokenSource tokens =
        source(server)
            .endpoint(
                FeignTokenEndpoint.builder()
                    .tenant(server.tenant())
                    .requestFormat(RequestFormat.FORM)
                    .build())
            .build();

    assertThat(callMe(server, tokens.token())).isEqualTo(200);
    assertThat(server.journal().lastTokenRequest().orElseThrow().contentType())
        .hasValueSatisfying(t -> assertThat(t).contains("application/x-www-form-urlencoded"));
  }
}
