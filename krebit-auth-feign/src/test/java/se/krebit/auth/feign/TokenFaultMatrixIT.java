package se.krebit.auth.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import se.krebit.auth.AccessToken;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.Fingerprint;
import se.krebit.auth.RefreshPolicy;
import se.krebit.auth.TokenEndpointUnavailableException;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSource;
import se.krebit.auth.TokenStoreException;
import se.krebit.http.HttpConfig;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;
import se.krebit.testkit.InjectedFault.Disconnect;
import se.krebit.testkit.RecordedTokenRequest;

/**
 * The fault matrix of token requests, through the whole stack a user runs: core's token sources,
 * the Feign transport with its retries and circuit breaker, and the fake Krebit server playing each
 * fault over a real socket. Each test is one row of the README's "Failure behaviour" table.
 */
class TokenFaultMatrixIT {
  // Long enough for a loaded 2-core machine to answer a healthy request (at 500 ms a token issued
  // after the deadline made a third request); the slow faults below take 2-3 s.
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration LIFETIME = Duration.ofSeconds(3600);
  private static final String REDIRECT = "http://127.0.0.1:9999/oauth/callback";

  // One server per test: its clock drives the circuit breaker and the sources' backoff.
  @RegisterExtension
  final FakeKrebitExtension krebit =
      FakeKrebitExtension.builder()
          .app("demo-client", "demo-secret")
          .redirectUri("demo-client", REDIRECT)
          .tokenLifetime(LIFETIME)
          .build();

  private final HttpClient browser =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private static final HttpConfig FAST =
      HttpConfig.custom()
          .connectTimeout(Duration.ofSeconds(1))
          .callTimeout(READ_TIMEOUT)
          .initialBackoff(Duration.ofMillis(5))
          .maxBackoff(Duration.ofMillis(20))
          .build();

  private static FeignTokenEndpoint.Builder endpoint(FakeKrebitServer server) {
    return FeignTokenEndpoint.builder().tenant(server.tenant()).http(FAST).clock(server.clock());
  }

  private static RefreshPolicy policy() {
    return RefreshPolicy.custom()
        .jitter(0)
        .minRetryDelay(Duration.ofSeconds(1))
        .maxRetryDelay(Duration.ofSeconds(15))
        .acquireTimeout(Duration.ofSeconds(10))
        .build();
  }

  private ClientCredentialsTokenSource appTokens(
      FakeKrebitServer server, FeignTokenEndpoint endpoint) {
    return ClientCredentialsTokenSource.builder()
        .endpoint(endpoint)
        .client(server.credentials("demo-client"))
        .clock(server.clock())
        .executor(threads)
        .refreshPolicy(policy())
        .build();
  }

  private ClientCredentialsTokenSource appTokens(FakeKrebitServer server) {
    return appTokens(server, endpoint(server).build());
  }

  private int statusOfMe(FakeKrebitServer server, AccessToken token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(server.apiBaseUri().resolve("me"))
            .header("Authorization", token.authorizationHeader())
            .build();
    return browser.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** A new source's first token: it took at least {@code wait} to come, and the API takes it. */
  private void assertATokenIsServedAfterAtLeast(FakeKrebitServer server, Duration wait)
      throws Exception {
    long started = System.nanoTime();

    AccessToken token = appTokens(server).token();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(wait);
    assertThat(statusOfMe(server, token)).isEqualTo(200);
  }

  /** A new source's first token comes on the second request, the first having issued nothing. */
  private void assertAFailedRequestThenAServedToken(FakeKrebitServer server) throws Exception {
    AccessToken token = appTokens(server).token();

    assertThat(statusOfMe(server, token)).isEqualTo(200);
    assertThat(server.journal().tokenRequests())
        .extracting(RecordedTokenRequest::issuedToken)
        .containsExactly(false, true);
  }

  private static TokenEndpointUnavailableException unavailable(Throwable failure) {
    assertThat(failure).isInstanceOf(TokenEndpointUnavailableException.class);
    TokenEndpointUnavailableException unavailable = (TokenEndpointUnavailableException) failure;
    assertThat(unavailable.isRetryable()).isTrue();
    return unavailable;
  }

  // ---- No answer -------------------------------------------------------------------------------

  @Test
  void connectionRefusedIsRetriedThenUnavailable(FakeKrebitServer server) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    FeignTokenEndpoint endpoint =
        endpoint(server)
            .tokenEndpoint(URI.create("http://127.0.0.1:" + closedPort + "/oauth/token"))
            .build();

    TokenEndpointUnavailableException error =
        unavailable(catchThrowable(appTokens(server, endpoint)::token));

    assertThat(error.httpStatus()).isEmpty();
    assertThat(error.getCause()).isInstanceOf(ConnectException.class);
    assertThat(error).hasMessageContaining("ConnectException");
  }

  @Test
  void aResetConnectionIsRetried(FakeKrebitServer server) throws Exception {
    server.failNextTokenRequests(1, InjectedFault.connectionReset());

    assertAFailedRequestThenAServedToken(server);
  }

  @ParameterizedTest
  @EnumSource(Disconnect.Kind.class)
  void aConnectionBrokenMidResponseIsRetried(Disconnect.Kind kind, FakeKrebitServer server)
      throws Exception {
    server.failNextTokenRequests(1, InjectedFault.disconnect(kind));

    assertAFailedRequestThenAServedToken(server);
  }

  @ParameterizedTest
  @EnumSource(Disconnect.Kind.class)
  void aConnectionBrokenOnEveryAttemptIsUnavailable(Disconnect.Kind kind, FakeKrebitServer server) {
    server.failNextTokenRequests(3, InjectedFault.disconnect(kind));

    TokenEndpointUnavailableException error = unavailable(catchThrowable(appTokens(server)::token));

    assertThat(error.httpStatus()).isEqualTo(statusSeenBefore(kind));
    assertThat(error.getCause()).isInstanceOf(IOException.class);
    assertThat(server.journal().tokenRequestCount()).isEqualTo(3);
  }

  /** A malformed chunk comes after a 200 status line; the other breaks come before any status. */
  private static java.util.OptionalInt statusSeenBefore(Disconnect.Kind kind) {
    return kind == Disconnect.Kind.MALFORMED_CHUNK
        ? java.util.OptionalInt.of(200)
        : java.util.OptionalInt.empty();
  }

  // ---- Too slow --------------------------------------------------------------------------------

  @Test
  void slowHeadersTimeOutAndAreRetried(FakeKrebitServer server) throws Exception {
    server.failNextTokenRequests(1, InjectedFault.delay(Duration.ofSeconds(2)));

    assertATokenIsServedAfterAtLeast(server, READ_TIMEOUT);
    assertThat(server.journal().tokenRequestCount()).isEqualTo(2);
  }

  @Test
  void slowHeadersOnEveryAttemptAreAReadTimeout(FakeKrebitServer server) {
    server.failNextTokenRequests(3, InjectedFault.delay(Duration.ofSeconds(2)));

    TokenEndpointUnavailableException error = unavailable(catchThrowable(appTokens(server)::token));

    assertThat(error).hasMessageContaining("read timeout");
    assertThat(error.getCause()).isInstanceOf(HttpTimeoutException.class);
    assertThat(server.journal().tokenRequestCount()).isEqualTo(3);
  }

  @Test
  void aDribbledBodyHitsTheBodyDeadlineAndIsRetried(FakeKrebitServer server) throws Exception {
    server.failNextTokenRequests(1, InjectedFault.dribbledBody(Duration.ofSeconds(3), 10));

    assertATokenIsServedAfterAtLeast(server, READ_TIMEOUT);
    assertThat(server.journal().tokenRequestCount()).isEqualTo(2);
  }

  @Test
  void aDribbledBodyOnEveryAttemptIsAReadTimeout(FakeKrebitServer server) {
    server.failNextTokenRequests(3, InjectedFault.dribbledBody(Duration.ofSeconds(3), 10));

    TokenEndpointUnavailableException error = unavailable(catchThrowable(appTokens(server)::token));

    assertThat(error)
        .hasMessageContaining(
            "response body not received within " + READ_TIMEOUT.toMillis() + " ms");
    assertThat(error.getCause()).isInstanceOf(HttpTimeoutException.class);
    assertThat(error.httpStatus()).hasValue(200);
    assertThat(server.journal().tokenRequestCount()).isEqualTo(3);
  }

  // ---- Server errors and rate limits
  // -------------------------------------------------------------

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {500, 502, 503, 504})
  void serverErrorsAreRetried(int status, FakeKrebitServer server) throws Exception {
    server.failNextTokenRequests(2, InjectedFault.status(status));

    AccessToken token = appTokens(server).token();

    assertThat(statusOfMe(server, token)).isEqualTo(200);
    assertThat(server.journal().tokenRequests())
        .extracting(r -> r.status().getAsInt())
        .containsExactly(status, status, 200);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {500, 502, 503, 504})
  void persistentServerErrorsAreUnavailableWithStatusAndRequestId(
      int status, FakeKrebitServer server) {
    server.failNextTokenRequests(3, InjectedFault.status(status));

    TokenEndpointUnavailableException error = unavailable(catchThrowable(appTokens(server)::token));

    assertThat(error.httpStatus()).hasValue(status);
    assertThat(error.requestId())
        .contains(server.journal().lastTokenRequest().orElseThrow().requestId());
    assertThat(server.journal().tokenRequestCount()).isEqualTo(3);
  }

  @Test
  void tooManyRequestsWithRetryAfterInSecondsIsWaitedFor(FakeKrebitServer server) throws Exception {
    server.failNextTokenRequests(1, InjectedFault.tooManyRequests(Duration.ofSeconds(1)));

    assertATokenIsServedAfterAtLeast(server, Duration.ofSeconds(1));
    assertThat(server.journal().tokenRequests())
        .extracting(r -> r.status().getAsInt())
        .containsExactly(429, 200);
  }

  @Test
  void tooManyRequestsWithRetryAfterAsAnHttpDateIsWaitedFor(FakeKrebitServer server)
      throws Exception {
    Instant retryAt = server.clock().instant().plusSeconds(1);
    server.failNextTokenRequests(1, InjectedFault.tooManyRequests(retryAt));

    assertATokenIsServedAfterAtLeast(server, Duration.ofSeconds(1));
    assertThat(server.journal().tokenRequests())
        .extracting(r -> r.status().getAsInt())
        .containsExactly(429, 200);
  }

  @Test
  void aRetryAfterAboveTheLimitIsNotWaitedForInLineButHonouredByTheSource(FakeKrebitServer server) {
    server.failNextTokenRequests(1, InjectedFault.tooManyRequests(Duration.ofSeconds(120)));
    TokenSource tokens = appTokens(server);

    TokenEndpointUnavailableException error = unavailable(catchThrowable(tokens::token));
    Throwable again = catchThrowable(tokens::token);
    int requestsWhileBackingOff = server.journal().tokenRequestCount();
    server.clock().advance(Duration.ofSeconds(15)); // the source's longest backoff
    AccessToken token = tokens.token();

    assertThat(error.retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(error.httpStatus()).hasValue(429);
    assertThat(again).isSameAs(error);
    assertThat(requestsWhileBackingOff).isEqualTo(1);
    assertThat(token).isNotNull();
    assertThat(server.journal().tokenRequestCount()).isEqualTo(2);
  }

  // ---- Circuit breaker -------------------------------------------------------------------------

  @Test
  void theCircuitBreakerOpensHalfOpensAndCloses(FakeKrebitServer server) throws Exception {
    FeignTokenEndpoint endpoint =
        endpoint(server)
            .http(HttpConfig.from(FAST).maxAttempts(1).build())
            .circuitBreakerWindow(4)
            .circuitBreakerFailureRate(50f)
            .circuitBreakerOpenDuration(Duration.ofSeconds(30))
            .build();
    TokenSource tokens = appTokens(server, endpoint);
    server.failNextTokenRequests(5, InjectedFault.status(503));

    for (int i = 1; i <= 4; i++) {
      assertThat(unavailable(failureAfterBackoff(server, tokens)).httpStatus())
          .as("call %d", i)
          .hasValue(503);
    }
    assertThat(endpoint.resilience().circuitState()).isEqualTo(CircuitBreaker.State.OPEN);

    TokenEndpointUnavailableException open = unavailable(failureAfterBackoff(server, tokens));
    assertThat(open).hasMessageContaining("circuit breaker is open");
    assertThat(open.httpStatus()).isEmpty();
    assertThat(server.journal().tokenRequestCount())
        .as("an open circuit sends nothing")
        .isEqualTo(4);

    server.clock().advance(Duration.ofSeconds(30));
    assertThat(unavailable(failureAfterBackoff(server, tokens)).httpStatus())
        .as("trial request")
        .hasValue(503);
    assertThat(server.journal().tokenRequestCount()).isEqualTo(5);
    assertThat(endpoint.resilience().circuitState())
        .as("a failed trial opens again")
        .isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(unavailable(failureAfterBackoff(server, tokens)))
        .hasMessageContaining("circuit breaker is open");

    server.clock().advance(Duration.ofSeconds(30));
    assertThat(endpoint.resilience().circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
    server.clock().advance(Duration.ofSeconds(2));
    AccessToken token = tokens.token();

    assertThat(endpoint.resilience().circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(statusOfMe(server, token)).isEqualTo(200);
    assertThat(server.journal().tokenRequestCount()).isEqualTo(6);
  }

  /**
   * The failure of a {@code token()} call once the source's own backoff after the last failure is
   * over.
   */
  private static Throwable failureAfterBackoff(FakeKrebitServer server, TokenSource tokens) {
    server.clock().advance(Duration.ofSeconds(16));
    return catchThrowable(tokens::token);
  }

  // ---- Refresh tokens: single use
  // ----------------------------------------------------------------

  private AuthorizationCodeFlow signedIn(
      FakeKrebitServer server, OutageStore store, FeignTokenEndpoint endpoint) throws Exception {
    AuthorizationCodeFlow flow =
        AuthorizationCodeFlow.builder()
            .tenant(server.tenant())
            .client(server.credentials("demo-client"))
            .endpoint(endpoint)
            .redirectUri(URI.create(REDIRECT))
            .tokenStore(store)
            .clock(server.clock())
            .executor(threads)
            .refreshPolicy(policy())
            .build();
    server.consent().approveAs("alice");
    HttpResponse<String> consent =
        browser.send(
            HttpRequest.newBuilder(flow.begin(URI.create(REDIRECT), "user-1").uri()).build(),
            HttpResponse.BodyHandlers.ofString());
    flow.complete(URI.create(consent.headers().firstValue("Location").orElseThrow()));
    return flow;
  }

  @ParameterizedTest
  @EnumSource(Disconnect.Kind.class)
  void aRefreshWhoseAnswerIsLostIsNotSentAgainAndTheNextCallRefreshes(
      Disconnect.Kind kind, FakeKrebitServer server) throws Exception {
    AuthorizationCodeFlow flow = signedIn(server, new OutageStore(), endpoint(server).build());
    TokenSource tokens = flow.forSubject("user-1");
    String family = server.tokenFamily(tokens.token().value()).orElseThrow();
    server.clock().advance(LIFETIME);
    int before = server.journal().tokenRequestCount();
    server.failNextTokenRequests(1, InjectedFault.disconnect(kind));

    TokenEndpointUnavailableException error = unavailable(catchThrowable(tokens::token));
    int afterFailure = server.journal().tokenRequestCount();
    server.clock().advance(Duration.ofSeconds(2));
    AccessToken token = tokens.token();

    assertThat(error.httpStatus()).isEqualTo(statusSeenBefore(kind));
    assertThat(afterFailure - before)
        .as("a refresh token is sent once: the server may have acted")
        .isEqualTo(1);
    assertThat(statusOfMe(server, token)).isEqualTo(200);
    assertThat(server.journal().refreshRedemptions(family)).isEqualTo(1);
  }

  @Test
  void aStoreWriteFailingRightAfterRotationIsRetriedSurfacedAndTheNewRefreshTokenStoredLater(
      FakeKrebitServer server) throws Exception {
    OutageStore store = new OutageStore();
    AuthorizationCodeFlow flow = signedIn(server, store, endpoint(server).build());
    TokenSource tokens = flow.forSubject("user-1");
    TokenKey key = TokenKey.of(server.tenant(), server.credentials("demo-client"), "user-1");
    String family = server.tokenFamily(tokens.token().value()).orElseThrow();
    server.clock().advance(LIFETIME);
    store.failNextRotationWrites(3);

    Throwable failure = catchThrowable(tokens::token);
    String issued =
        server
            .journal()
            .lastTokenRequest()
            .orElseThrow()
            .issuedRefreshTokenFingerprint()
            .orElseThrow();
    String storedWhileDown =
        Fingerprint.of(store.load(key).orElseThrow().tokens().refreshToken().orElseThrow().value());
    server.clock().advance(Duration.ofSeconds(2)); // past the source's backoff; the store is back
    AccessToken token = tokens.token();

    assertThat(failure)
        .isInstanceOfSatisfying(
            TokenStoreException.class,
            e -> {
              assertThat(e.isRetryable()).isTrue();
              assertThat(e).hasMessageContaining("kept in memory");
            });
    assertThat(store.failedWrites()).as("the write was tried three times").isEqualTo(3);
    assertThat(storedWhileDown).isNotEqualTo(issued);
    assertThat(
            Fingerprint.of(
                store.load(key).orElseThrow().tokens().refreshToken().orElseThrow().value()))
        .as("the rotated refresh token reached the store on the next call")
        .isEqualTo(issued);
    assertThat(server.journal().refreshRedemptions(family)).as("redeemed once").isEqualTo(1);
    assertThat(statusOfMe(server, token)).isEqualTo(200);
    server.clock().advance(LIFETIME);
    assertThat(statusOfMe(server, tokens.token()))
        .as("and the stored refresh token still works")
        .isEqualTo(200);
    assertThat(server.journal().refreshRedemptions(family)).isEqualTo(2);
  }
}
