package se.krebit.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import feign.Headers;
import feign.RequestLine;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import se.krebit.auth.TokenEndpointUnavailableException;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;
import se.krebit.testkit.InjectedFault.Disconnect;
import se.krebit.testkit.internal.FakeWireMock;

/**
 * The fault matrix of API calls, through the whole stack: {@link KrebitClient} on a client
 * credentials token source, both over Feign to the fake Krebit server, each fault played over a
 * real socket. Each test is one row of the README's "Failure behaviour" table.
 */
class ApiFaultMatrixIT {
  private static final Duration READ_TIMEOUT = Duration.ofMillis(500);

  @RegisterExtension static final FakeKrebitExtension KREBIT = TestClients.fake();

  interface Packages {
    @RequestLine("POST /packages")
    @Headers("Content-Type: application/json")
    String create(String json);
  }

  private KrebitClient krebit;

  @BeforeEach
  void clientWithATokenAlready(FakeKrebitServer server) {
    FakeWireMock.of(server)
        .stubFor(
            any(urlPathEqualTo("/api/1.0/packages"))
                .willReturn(
                    aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"p1\"}")));
    krebit =
        TestClients.builder(server)
            .http(TestClients.fast().callTimeout(READ_TIMEOUT).build())
            .build();
    krebit.me(); // the token is cached: the faults below hit API requests only
    server.reset();
  }

  private static void assertIsTheApp(Me me) {
    assertThat(me.id()).isEqualTo("app_" + TestClients.CLIENT_ID);
  }

  private static KrebitApiUnavailableException unavailable(Throwable failure) {
    assertThat(failure).isInstanceOf(KrebitApiUnavailableException.class);
    KrebitApiUnavailableException unavailable = (KrebitApiUnavailableException) failure;
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
    KrebitClient nowhere =
        krebit.toBuilder()
            .baseUri(URI.create("http://127.0.0.1:" + closedPort + "/api/1.0/"))
            .build();

    KrebitApiUnavailableException error = unavailable(catchThrowable(nowhere::me));

    assertThat(error.httpStatus()).isEmpty();
    assertThat(error.getCause()).isInstanceOf(ConnectException.class);
    assertThat(error.method()).isEqualTo("GET");
    assertThat(server.journal().apiRequestCount()).isZero();
  }

  @Test
  void aResetGetIsRetried(FakeKrebitServer server) {
    server.failNextApiRequests(1, InjectedFault.connectionReset());

    assertIsTheApp(krebit.me());
    assertThat(server.journal().apiRequests())
        .first()
        .satisfies(r -> assertThat(r.status()).isEmpty());
    assertThat(server.journal().lastApiRequest().orElseThrow().status()).hasValue(200);
  }

  @ParameterizedTest
  @EnumSource(Disconnect.Kind.class)
  void aGetBrokenMidResponseIsRetried(Disconnect.Kind kind, FakeKrebitServer server) {
    server.failNextApiRequests(1, InjectedFault.disconnect(kind));

    assertIsTheApp(krebit.me());
    assertThat(server.journal().apiRequests().get(0).fault())
        .contains(InjectedFault.disconnect(kind));
    assertThat(server.journal().lastApiRequest().orElseThrow().status()).hasValue(200);
  }

  @ParameterizedTest
  @EnumSource(Disconnect.Kind.class)
  void aGetBrokenOnEveryAttemptIsUnavailable(Disconnect.Kind kind, FakeKrebitServer server) {
    // the JDK client repeats a GET once by itself after some breaks: enough faults for every try
    server.failNextApiRequests(6, InjectedFault.disconnect(kind));

    KrebitApiUnavailableException error = unavailable(catchThrowable(krebit::me));

    assertThat(error.getCause()).isInstanceOf(IOException.class);
    assertThat(error.path()).isEqualTo("/api/1.0/me");
    assertThat(server.journal().apiRequestCount()).isBetween(3, 6);
  }

  @ParameterizedTest
  @EnumSource(Disconnect.Kind.class)
  void aPostBrokenMidResponseIsNotRepeated(Disconnect.Kind kind, FakeKrebitServer server) {
    server.failNextApiRequests(1, InjectedFault.disconnect(kind));

    KrebitApiUnavailableException error =
        unavailable(
            catchThrowable(() -> krebit.api(Packages.class).create("{\"name\":\"contract\"}")));

    assertThat(error.method()).isEqualTo("POST");
    assertThat(server.journal().apiRequestCount())
        .as("a POST may have taken effect: it is sent once")
        .isEqualTo(1);
  }

  // ---- Too slow --------------------------------------------------------------------------------

  @Test
  void slowHeadersOnEveryAttemptAreAReadTimeout(FakeKrebitServer server) {
    server.failNextApiRequests(3, InjectedFault.delay(Duration.ofSeconds(2)));

    KrebitApiUnavailableException error = unavailable(catchThrowable(krebit::me));

    assertThat(error).hasMessageContaining("read timeout");
    assertThat(error.getCause()).isInstanceOf(HttpTimeoutException.class);
    assertThat(server.journal().apiRequestCount()).isEqualTo(3);
  }

  @Test
  void aDribbledBodyHitsTheBodyDeadlineAndIsRetried(FakeKrebitServer server) {
    server.failNextApiRequests(1, InjectedFault.dribbledBody(Duration.ofSeconds(3), 10));
    long started = System.nanoTime();

    assertIsTheApp(krebit.me());

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(READ_TIMEOUT);
    assertThat(server.journal().apiRequestCount()).isEqualTo(2);
  }

  @Test
  void aDribbledBodyOnEveryAttemptIsAReadTimeout(FakeKrebitServer server) {
    server.failNextApiRequests(3, InjectedFault.dribbledBody(Duration.ofSeconds(3), 10));

    KrebitApiUnavailableException error = unavailable(catchThrowable(krebit::me));

    assertThat(error).hasMessageContaining("response body not received within 500 ms");
    assertThat(server.journal().apiRequestCount()).isEqualTo(3);
  }

  // ---- Server errors and rate limits
  // -------------------------------------------------------------

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {500, 502, 503, 504})
  void serverErrorsOfAGetAreRetried(int status, FakeKrebitServer server) {
    server.failNextApiRequests(2, InjectedFault.status(status));

    assertIsTheApp(krebit.me());
    assertThat(server.journal().apiRequests())
        .extracting(r -> r.status().getAsInt())
        .containsExactly(status, status, 200);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {500, 502, 503, 504})
  void persistentServerErrorsAreTypedWithStatusAndRequestId(int status, FakeKrebitServer server) {
    server.failNextApiRequests(3, InjectedFault.status(status));

    Throwable failure = catchThrowable(krebit::me);

    assertThat(failure)
        .isInstanceOfSatisfying(
            KrebitServerErrorException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(status);
              assertThat(e.isRetryable()).isTrue();
              assertThat(e.requestId())
                  .contains(server.journal().lastApiRequest().orElseThrow().requestId());
            });
    assertThat(server.journal().apiRequestCount()).isEqualTo(3);
  }

  @Test
  void tooManyRequestsWithRetryAfterAsAnHttpDateIsWaitedFor(FakeKrebitServer server) {
    server.failNextApiRequests(1, InjectedFault.tooManyRequests(Instant.now().plusSeconds(2)));
    long started = System.nanoTime();

    assertIsTheApp(krebit.me());

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(server.journal().apiRequests())
        .extracting(r -> r.status().getAsInt())
        .containsExactly(429, 200);
  }

  @Test
  void tooManyRequestsForLongerThanTheLimitIsLeftToTheCaller(FakeKrebitServer server) {
    server.failNextApiRequests(1, InjectedFault.tooManyRequests(Duration.ofSeconds(120)));

    Throwable failure = catchThrowable(krebit::me);

    assertThat(failure)
        .isInstanceOfSatisfying(
            KrebitRateLimitedException.class,
            e -> {
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
              assertThat(e.isRetryable()).isTrue();
            });
    assertThat(server.journal().apiRequestCount()).isEqualTo(1);
  }

  // ---- The token endpoint during an API call
  // -----------------------------------------------------

  @Test
  void aTokenEndpointOutageDuringAnApiCallIsTheTokenSourcesErrorAndNothingIsSent(
      FakeKrebitServer server) {
    KrebitClient fresh =
        TestClients.builder(server)
            .http(TestClients.fast().callTimeout(READ_TIMEOUT).build())
            .build();
    server.failNextTokenRequests(3, InjectedFault.status(503));

    Throwable failure = catchThrowable(fresh::me);

    assertThat(failure)
        .isInstanceOfSatisfying(
            TokenEndpointUnavailableException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(503);
              assertThat(e.isRetryable()).isTrue();
            });
    assertThat(server.journal().tokenRequestCount()).isEqualTo(3);
    assertThat(server.journal().apiRequestCount()).isZero();
  }
}
