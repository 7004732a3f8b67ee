package se.krebit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import feign.RequestLine;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;

/**
 * Each error status becomes its typed exception, with status, request_id and the server's message.
 */
class ErrorMappingIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestClients.fake();

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(404, KrebitNotFoundException.class, false),
        Arguments.of(409, KrebitConflictException.class, false),
        Arguments.of(422, KrebitUnprocessableException.class, false),
        Arguments.of(429, KrebitRateLimitedException.class, true),
        Arguments.of(500, KrebitServerErrorException.class, true),
        Arguments.of(502, KrebitServerErrorException.class, true),
        Arguments.of(503, KrebitServerErrorException.class, true),
        Arguments.of(504, KrebitServerErrorException.class, true),
        Arguments.of(400, KrebitValidationException.class, false),
        Arguments.of(405, KrebitUnexpectedResponseException.class, false));
  }

  @ParameterizedTest
  @MethodSource("statuses")
  void eachStatusHasItsTypeWithStatusRequestIdAndMessage(
      int status,
      Class<? extends KrebitApiException> type,
      boolean retryable,
      FakeKrebitServer server) {
    server.failNextApiRequests(
        1,
        InjectedFault.response(
            status,
            "application/json",
            "{\"error\":\"some_code\",\"message\":\"Package 42 is\\nlocked\",\"details\":{\"id\":42}}"));
    KrebitClient krebit =
        TestClients.builder(server).http(TestClients.fast().maxAttempts(1).build()).build();

    KrebitApiException e = (KrebitApiException) catchThrowable(krebit::me);

    assertThat(e).isInstanceOf(type);
    assertThat(e.httpStatus()).hasValue(status);
    assertThat(e.isRetryable()).isEqualTo(retryable);
    assertThat(e.requestId()).contains(lastRequestId(server));
    assertThat(e.serverMessage()).contains("Package 42 is?locked");
    assertThat(e.getMessage())
        .startsWith("GET /api/1.0/me answered HTTP " + status + ": ")
        .endsWith("Server said: Package 42 is?locked (request_id " + lastRequestId(server) + ")");
  }

  interface Missing {
    @RequestLine("GET /no/such/thing?owner=someone@example.com")
    String get();
  }

  @Test
  void anUnstubbedPathIsNotFoundWithoutItsQueryInTheMessage(FakeKrebitServer server) {
    KrebitApiException e =
        (KrebitApiException)
            catchThrowable(() -> TestClients.client(server).api(Missing.class).get());

    assertThat(e).isInstanceOf(KrebitNotFoundException.class);
    assertThat(e.path()).isEqualTo("/api/1.0/no/such/thing");
    assertThat(e.requestId()).contains(lastRequestId(server));
    assertThat(e.serverMessage())
        .hasValueSatisfying(m -> assertThat(m).contains("Nothing is served"));
    assertThat(e).hasMessageNotContaining("someone@example.com");
  }

  @Test
  void aBodyThatIsNotJsonStillGivesTheTypedErrorAndIsNeverQuoted(FakeKrebitServer server) {
    server.failNextApiRequests(
        1,
        InjectedFault.response(
            502,
            "text/html",
            "<html><body>Gateway error for user someone@example.com</body></html>"));
    KrebitClient krebit =
        TestClients.builder(server).http(TestClients.fast().maxAttempts(1).build()).build();

    KrebitApiException e = (KrebitApiException) catchThrowable(krebit::me);

    assertThat(e).isInstanceOf(KrebitServerErrorException.class);
    assertThat(e.requestId()).contains(lastRequestId(server));
    assertThat(e.serverMessage()).isEmpty();
    assertThat(e)
        .hasMessage(
            "GET /api/1.0/me answered HTTP 502: the server failed; try again later"
                + " (a text/html body, not shown) (request_id "
                + lastRequestId(server)
                + ")");
  }

  @Test
  void aJsonBodyThatIsNotAnObjectOrIsTruncatedGivesNoMessage(FakeKrebitServer server) {
    server.failNextApiRequests(1, InjectedFault.response(409, "application/json", "[\"message\"]"));
    server.failNextApiRequests(
        1, InjectedFault.response(409, "application/json", "{\"message\":\"trunc"));
    KrebitClient krebit = TestClients.builder(server).build();

    assertThat(catchThrowable(krebit::me))
        .isInstanceOfSatisfying(
            KrebitConflictException.class, e -> assertThat(e.serverMessage()).isEmpty());
    assertThat(catchThrowable(krebit::me))
        .isInstanceOfSatisfying(
            KrebitConflictException.class, e -> assertThat(e.serverMessage()).isEmpty());
  }

  @Test
  void aRetryAfterHeaderIsCarriedByTheError(FakeKrebitServer server) {
    server.failNextApiRequests(1, InjectedFault.tooManyRequests(Duration.ofSeconds(120)));
    KrebitClient krebit = TestClients.builder(server).build();

    assertThat(catchThrowable(krebit::me))
        .isInstanceOfSatisfying(
            KrebitRateLimitedException.class,
            e -> {
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
              assertThat(e)
                  .hasMessageStartingWith(
                      "GET /api/1.0/me answered HTTP 429, asking to wait 120 s:");
            });
    assertThat(server.journal().apiRequestCount())
        .as("a Retry-After beyond maxRetryAfter is not waited for")
        .isEqualTo(1);
  }

  @Test
  void aRedirectIsNotFollowed(FakeKrebitServer server) {
    server.failNextApiRequests(1, InjectedFault.response(302, "text/plain", "moved"));

    assertThat(catchThrowable(() -> TestClients.client(server).me()))
        .isInstanceOfSatisfying(
            KrebitUnexpectedResponseException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(302);
              assertThat(e).hasMessageContaining("redirects are not followed");
            });
    assertThat(server.journal().apiRequestCount()).isEqualTo(1);
  }

  @Test
  void aSuccessWithAnUnusableBodyIsAnUnexpectedResponse(FakeKrebitServer server) {
    server.failNextApiRequests(1, InjectedFault.response(200, "text/html", "<p>Sign in</p>"));
    server.failNextApiRequests(
        1, InjectedFault.response(200, "application/json", "{\"data\":{\"name\":\"x\"}}"));
    KrebitClient krebit = TestClients.builder(server).build();

    assertThat(catchThrowable(krebit::me))
        .isInstanceOfSatisfying(
            KrebitUnexpectedResponseException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(200);
              assertThat(e.requestId()).contains(lastRequestId(server));
              assertThat(e).hasMessageContaining("the content type is text/html, not JSON");
            });
    assertThat(catchThrowable(krebit::me))
        .isInstanceOfSatisfying(
            KrebitUnexpectedResponseException.class,
            e -> {
              assertThat(e.requestId()).contains(lastRequestId(server));
              assertThat(e).hasMessageContaining("the body is unusable: the identity has no id");
            });
  }

  @Test
  void aBodyAboveTheSizeCapIsRefused(FakeKrebitServer server) {
    server.failNextApiRequests(
        1,
        InjectedFault.response(
            200,
            "application/json",
            "{\"id\":\"app_x\",\"type\":\"app\",\"padding\":\"" + "x".repeat(4096) + "\"}"));
    KrebitClient krebit =
        TestClients.builder(server).http(TestClients.fast().maxResponseBytes(1024).build()).build();

    assertThat(catchThrowable(krebit::me))
        .isInstanceOf(KrebitUnexpectedResponseException.class)
        .hasMessageContaining("larger than the limit of 1024 bytes");
  }

  private static String lastRequestId(FakeKrebitServer server) {
    return server.journal().lastApiRequest().orElseThrow().requestId();
  }
}
