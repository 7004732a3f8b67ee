package se.krebit.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;
import se.krebit.testkit.RecordedApiRequest;
import se.krebit.testkit.internal.FakeWireMock;

/**
 * Idempotent calls are retried on 429, 5xx and lost connections, honouring Retry-After; others
 * never.
 */
class RetryIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestClients.fake();

  interface Packages {
    @RequestLine("POST /packages")
    @Headers("Content-Type: application/json")
    String create(String json);

    @RequestLine("PATCH /packages/{id}")
    @Headers("Content-Type: application/json")
    String update(@Param("id") String id, String json);

    @RequestLine("PUT /packages/{id}")
    @Headers("Content-Type: application/json")
    String replace(@Param("id") String id, String json);

    @RequestLine("DELETE /packages/{id}")
    void delete(@Param("id") String id);
  }

  @BeforeEach
  void stubPackages(FakeKrebitServer server) {
    FakeWireMock.of(server)
        .stubFor(any(urlPathEqualTo("/api/1.0/packages")).willReturn(json("{\"id\":\"p1\"}")));
    FakeWireMock.of(server)
        .stubFor(any(urlPathEqualTo("/api/1.0/packages/p1")).willReturn(json("{\"id\":\"p1\"}")));
  }

  @Test
  void a503WithRetryAfterIsWaitedForThenSucceeds(FakeKrebitServer server) {
    KrebitClient krebit = TestClients.client(server);
    krebit.me(); // a token first, so that only API requests are timed
    server.reset();
    server.failNextApiRequests(1, InjectedFault.status(503, Duration.ofSeconds(1)));

    long started = System.nanoTime();
    Me me = krebit.me();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(me.id()).isEqualTo("app_" + TestClients.CLIENT_ID);
    assertThat(statuses(server)).containsExactly(503, 200);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void a429WithRetryAfterIsHonoured(FakeKrebitServer server) {
    KrebitClient krebit = TestClients.client(server);
    krebit.me();
    server.reset();
    server.failNextApiRequests(1, InjectedFault.tooManyRequests(Duration.ofSeconds(1)));

    long started = System.nanoTime();
    krebit.me();

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(statuses(server)).containsExactly(429, 200);
  }

  @Test
  void retriesStopAfterMaxAttemptsWithTheLastError(FakeKrebitServer server) {
    server.failNextApiRequests(3, InjectedFault.status(502));

    Throwable failure = catchThrowable(() -> TestClients.client(server).me());

    assertThat(failure)
        .isInstanceOfSatisfying(
            KrebitServerErrorException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(502);
              assertThat(e.requestId())
                  .contains(server.journal().lastApiRequest().orElseThrow().requestId());
            });
    assertThat(statuses(server)).containsExactly(502, 502, 502);
  }

  @Test
  void aPostIsNeverRetriedOn503(FakeKrebitServer server) {
    server.failNextApiRequests(1, InjectedFault.status(503));
    Packages packages = TestClients.client(server).api(Packages.class);

    Throwable failure = catchThrowable(() -> packages.create("{\"name\":\"contract\"}"));

    assertThat(failure).isInstanceOf(KrebitServerErrorException.class);
    assertThat(server.journal().apiRequestCount()).isEqualTo(1);
  }

  @Test
  void aPatchIsNeverRetriedOn429(FakeKrebitServer server) {
    server.failNextApiRequests(1, InjectedFault.tooManyRequests(Duration.ZERO));
    Packages packages = TestClients.client(server).api(Packages.class);

    assertThat(catchThrowable(() -> packages.update("p1", "{}")))
        .isInstanceOf(KrebitRateLimitedException.class);
    assertThat(server.journal().apiRequestCount()).isEqualTo(1);
  }

  @Test
  void aPostWhoseConnectionIsResetIsNotRepeated(FakeKrebitServer server) {
    server.failNextApiRequests(1, InjectedFault.connectionReset());
    Packages packages = TestClients.client(server).api(Packages.class);

    Throwable failure = catchThrowable(() -> packages.create("{}"));

    assertThat(failure)
        .isInstanceOfSatisfying(
            KrebitApiUnavailableException.class,
            e -> {
              assertThat(e.isRetryable()).isTrue();
              assertThat(e.httpStatus()).isEmpty();
              assertThat(e.method()).isEqualTo("POST");
              assertThat(e.path()).isEqualTo("/api/1.0/packages");
              assertThat(e.requestId()).isEmpty();
            });
    assertThat(server.journal().apiRequestCount()).isEqualTo(1);
  }

  @Test
  void putAndDeleteAreIdempotentAndRetried(FakeKrebitServer server) {
    Packages packages = TestClients.client(server).api(Packages.class);

    server.failNextApiRequests(1, InjectedFault.status(503));
    assertThat(packages.replace("p1", "{}")).contains("p1");
    server.failNextApiRequests(1, InjectedFault.status(500));
    packages.delete("p1");

    assertThat(server.journal().apiRequests())
        .extracting(RecordedApiRequest::method, r -> r.status().getAsInt())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("PUT", 503),
            org.assertj.core.groups.Tuple.tuple("PUT", 200),
            org.assertj.core.groups.Tuple.tuple("DELETE", 500),
            org.assertj.core.groups.Tuple.tuple("DELETE", 200));
  }

  @Test
  void clientErrorsAreNotRetried(FakeKrebitServer server) {
    server.failNextApiRequests(1, InjectedFault.status(409));

    assertThat(catchThrowable(() -> TestClients.client(server).me()))
        .isInstanceOf(KrebitConflictException.class);
    assertThat(server.journal().apiRequestCount()).isEqualTo(1);
  }

  @Test
  void aTimedOutGetIsRetried(FakeKrebitServer server) {
    server.failNextApiRequests(1, InjectedFault.delay(Duration.ofSeconds(2)));
    KrebitClient krebit =
        TestClients.builder(server)
            .http(TestClients.fast().callTimeout(Duration.ofMillis(300)).build())
            .build();

    assertThat(krebit.me().id()).isEqualTo("app_" + TestClients.CLIENT_ID);
    assertThat(server.journal().apiRequestCount()).isEqualTo(2);
  }

  private static java.util.List<Integer> statuses(FakeKrebitServer server) {
    return server.journal().apiRequests().stream().map(r -> r.status().getAsInt()).toList();
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }
}
