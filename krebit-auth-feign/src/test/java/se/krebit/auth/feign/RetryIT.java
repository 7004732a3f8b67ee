package se.krebit.auth.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.TokenEndpointUnavailableException;
import se.krebit.auth.spi.RefreshTokenGrant;
import se.krebit.auth.spi.TokenResponse;
import se.krebit.http.HttpConfig;
import se.krebit.testkit.hostile.RawResponseServer;

/**
 * Transient failures are retried with backoff, honouring Retry-After; then reported as retryable.
 */
class RetryIT {
  @RegisterExtension
  static final WireMockExtension SERVER =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void retriesA503AndReturnsTheNextSuccess() {
    failOnceThenSucceed(Wire.json(503, "{}"));

    TokenResponse response = exchange(TestEndpoints.at(SERVER.baseUrl()).build());

    assertThat(response.accessToken()).isEqualTo("eyJhbGciOi...");
    SERVER.verify(2, Wire.tokenRequests());
  }

  @Test
  void honoursRetryAfterSecondsOn429() {
    failOnceThenSucceed(Wire.json(429, "{}").withHeader("Retry-After", "1"));

    exchange(TestEndpoints.at(SERVER.baseUrl()).build());

    assertThat(millisBetweenTheTwoRequests()).isGreaterThanOrEqualTo(950);
  }

  @Test
  void honoursRetryAfterAsAnHttpDate() {
    Instant now = Instant.parse("2026-03-01T12:00:00Z");
    failOnceThenSucceed(
        Wire.json(503, "{}").withHeader("Retry-After", "Sun, 01 Mar 2026 12:00:01 GMT"));

    exchange(TestEndpoints.at(SERVER.baseUrl()).clock(Clock.fixed(now, ZoneOffset.UTC)).build());

    assertThat(millisBetweenTheTwoRequests()).isGreaterThanOrEqualTo(950);
  }

  @Test
  void leavesARetryAfterAboveTheLimitToTheCaller() {
    SERVER.stubFor(
        Wire.tokenRequest().willReturn(Wire.json(503, "{}").withHeader("Retry-After", "120")));
    FeignTokenEndpoint endpoint =
        TestEndpoints.at(SERVER.baseUrl())
            .http(HttpConfig.from(TestEndpoints.FAST).maxRetryAfter(Duration.ofSeconds(10)).build())
            .build();

    TokenEndpointUnavailableException error =
        Thrown.by(TokenEndpointUnavailableException.class, () -> exchange(endpoint));

    assertThat(error.retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(error.httpStatus()).hasValue(503);
    assertThat(error.requestId()).contains(Wire.REQUEST_ID);
    assertThat(error.isRetryable()).isTrue();
    SERVER.verify(1, Wire.tokenRequests());
  }

  @Test
  void givesUpAfterMaxAttemptsWithStatusAndRequestId() {
    SERVER.stubFor(Wire.tokenRequest().willReturn(Wire.json(502, "<html>bad gateway</html>")));

    TokenEndpointUnavailableException error =
        Thrown.by(
            TokenEndpointUnavailableException.class,
            () ->
                exchange(
                    TestEndpoints.at(SERVER.baseUrl())
                        .http(HttpConfig.from(TestEndpoints.FAST).maxAttempts(3).build())
                        .build()));

    assertThat(error).hasMessageContaining("answered HTTP 502");
    assertThat(error.httpStatus()).hasValue(502);
    assertThat(error.requestId()).contains(Wire.REQUEST_ID);
    SERVER.verify(3, Wire.tokenRequests());
  }

  @Test
  void retriesAConnectionReset() {
    failOnceThenSucceed(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    TokenResponse response = exchange(TestEndpoints.at(SERVER.baseUrl()).build());

    assertThat(response.accessToken()).isEqualTo("eyJhbGciOi...");
    SERVER.verify(2, Wire.tokenRequests());
  }

  @Test
  void aReadTimeoutIsRetriedThenReportedAsRetryable() {
    SERVER.stubFor(Wire.tokenRequest().willReturn(Wire.success().withFixedDelay(2_000)));
    FeignTokenEndpoint endpoint =
        TestEndpoints.at(SERVER.baseUrl())
            .http(
                HttpConfig.from(TestEndpoints.FAST)
                    .callTimeout(Duration.ofMillis(200))
                    .maxAttempts(3)
                    .build())
            .build();

    TokenEndpointUnavailableException error =
        Thrown.by(TokenEndpointUnavailableException.class, () -> exchange(endpoint));

    assertThat(error).hasMessageContaining("read timeout");
    assertThat(error.getCause()).isInstanceOf(HttpTimeoutException.class);
    assertThat(error.httpStatus()).isEmpty();
    assertThat(error.isRetryable()).isTrue();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> SERVER.verify(3, Wire.tokenRequests()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200",
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close"
      })
  @Timeout(10) // without the body deadline the client would wait forever
  void aBodyThatStallsAfterTheHeadersIsAReadTimeout(String head) throws IOException {
    String bodyStart = head.contains("chunked") ? "10\r\n{\"access_token\":" : "{\"access_token\":";
    // the head and the start of the body, then nothing: the connection stays open until the client
    // closes it
    try (RawResponseServer stalling =
        RawResponseServer.awaitingTheClientsClose()
            .answer((head + "\r\n\r\n" + bodyStart).getBytes(StandardCharsets.UTF_8))) {
      FeignTokenEndpoint endpoint =
          TestEndpoints.at(stalling.uri().toString())
              .http(
                  HttpConfig.from(TestEndpoints.FAST)
                      // 1 s: at 300 ms a loaded machine sometimes missed the head itself
                      .callTimeout(Duration.ofSeconds(1))
                      .maxAttempts(2)
                      .build())
              .build();
      long started = System.nanoTime();

      TokenEndpointUnavailableException error =
          Thrown.by(TokenEndpointUnavailableException.class, () -> exchange(endpoint));

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      assertThat(error)
          .hasMessageContaining("read timeout")
          .hasMessageContaining("response body not received");
      assertThat(error.isRetryable()).isTrue();
    }
  }

  @Test
  void aRefusedConnectionIsRetryable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    FeignTokenEndpoint endpoint = TestEndpoints.at("http://127.0.0.1:" + closedPort).build();

    TokenEndpointUnavailableException error =
        Thrown.by(TokenEndpointUnavailableException.class, () -> exchange(endpoint));

    assertThat(error).hasMessageContaining("failed: ConnectException");
    assertThat(error.getCause()).isInstanceOf(IOException.class);
    assertThat(error.isRetryable()).isTrue();
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {500, 502, 504})
  void aRefreshTokenIsNotSentAgainAfterAFailureTheServerMayHaveActedOn(int status) {
    failOnceThenSucceed(Wire.json(status, "{}"));

    TokenEndpointUnavailableException error =
        Thrown.by(
            TokenEndpointUnavailableException.class,
            () -> refresh(TestEndpoints.at(SERVER.baseUrl()).build()));

    assertThat(error.httpStatus()).hasValue(status);
    assertThat(error.isRetryable()).isTrue();
    SERVER.verify(1, Wire.tokenRequests());
  }

  @Test
  void aRefreshTokenIsNotSentAgainAfterAReadTimeout() {
    SERVER.stubFor(Wire.tokenRequest().willReturn(Wire.success().withFixedDelay(1_000)));
    FeignTokenEndpoint endpoint =
        TestEndpoints.at(SERVER.baseUrl())
            .http(HttpConfig.from(TestEndpoints.FAST).callTimeout(Duration.ofMillis(200)).build())
            .build();

    Thrown.by(TokenEndpointUnavailableException.class, () -> refresh(endpoint));

    SERVER.verify(1, Wire.tokenRequests());
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {429, 503})
  void aRefreshTokenIsSentAgainWhenTheServerSaysItDidNotActOnIt(int status) {
    failOnceThenSucceed(Wire.json(status, "{}"));

    assertThat(refresh(TestEndpoints.at(SERVER.baseUrl()).build()).accessToken())
        .isEqualTo("eyJhbGciOi...");
    SERVER.verify(2, Wire.tokenRequests());
  }

  @Test
  void aRefreshTokenIsSentAgainWhenTheConnectionWasRefused() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    List<String> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();
    ch.qos.logback.classic.Logger log =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(FeignTokenEndpoint.class);
    ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent> capture =
        new ch.qos.logback.core.AppenderBase<>() {
          @Override
          protected void append(ch.qos.logback.classic.spi.ILoggingEvent event) {
            attempts.add(event.getFormattedMessage());
          }
        };
    capture.start();
    log.addAppender(capture);
    try {
      Thrown.by(
          TokenEndpointUnavailableException.class,
          () ->
              refresh(
                  TestEndpoints.at("http://127.0.0.1:" + closedPort)
                      .http(HttpConfig.from(TestEndpoints.FAST).maxAttempts(3).build())
                      .build()));
    } finally {
      log.detachAppender(capture);
    }

    assertThat(attempts)
        .filteredOn(line -> line.startsWith("Token request failed on attempt"))
        .hasSize(2);
  }

  private static TokenResponse refresh(FeignTokenEndpoint endpoint) {
    return endpoint.exchange(
        Wire.GUIDE_CLIENT,
        new RefreshTokenGrant(new RefreshToken("STORED_REFRESH_TOKEN"), java.util.Set.of()));
  }

  private static void failOnceThenSucceed(ResponseDefinitionBuilder failure) {
    SERVER.stubFor(
        Wire.tokenRequest()
            .inScenario("flaky")
            .whenScenarioStateIs(STARTED)
            .willReturn(failure)
            .willSetStateTo("recovered"));
    SERVER.stubFor(
        Wire.tokenRequest()
            .inScenario("flaky")
            .whenScenarioStateIs("recovered")
            .willReturn(Wire.success()));
  }

  /** Milliseconds between the arrivals of the first and second request, from WireMock's journal. */
  private static long millisBetweenTheTwoRequests() {
    List<Long> arrivals = Wire.arrivalMillis(SERVER.findAll(Wire.tokenRequests()));
    assertThat(arrivals).hasSize(2);
    return arrivals.get(1) - arrivals.get(0);
  }

  private static TokenResponse exchange(FeignTokenEndpoint endpoint) {
    return endpoint.exchange(Wire.GUIDE_CLIENT, Wire.CLIENT_CREDENTIALS);
  }
}
