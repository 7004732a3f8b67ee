package se.krebit.auth.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.KrebitException;
import se.krebit.auth.TokenEndpointUnavailableException;
import se.krebit.auth.spi.ClientCredentialsGrant;
import se.krebit.auth.spi.TokenResponse;
import se.krebit.http.HttpConfig;
import se.krebit.testkit.hostile.HostileResponses;
import se.krebit.testkit.hostile.LeakCheck;
import se.krebit.testkit.hostile.RawResponseServer;
import se.krebit.testkit.hygiene.CapturedLogs;
import se.krebit.testkit.hygiene.Exposure;
import se.krebit.testkit.hygiene.PlantedSecrets;

/**
 * Every minimized response of issue 15, written to a real socket as the token endpoint's answer:
 * the caller gets a typed outcome with the {@code request_id} where the response had one, no
 * planted token shows up in a message, a cause, a {@code toString()} or a log line, and a thousand
 * of each leave no descriptor behind.
 */
class HostileResponsesIT {
  private static final ClientCredentials CLIENT =
      ClientCredentials.of("app-1", "cs-PLANTED-77e1c0");
  private static final int ROUNDS = 1_000;

  @BeforeAll
  static void plant() {
    HostileResponses.PLANTED_TOKENS.forEach(PlantedSecrets::plant);
    PlantedSecrets.plant("cs-PLANTED-77e1c0");
  }

  /** Each saved response, and what the token endpoint makes of it. */
  static Stream<Arguments> responses() {
    return Stream.of(
        unavailable(
            "fd-leak-bad-status-line.http",
            null,
            "the response is not valid HTTP/1.1 (ProtocolException)"),
        unavailable(
            "fd-leak-blank-lines.http",
            null,
            "the response is not valid HTTP/1.1 (ProtocolException)"),
        unavailable(
            "token-in-message-1xx.http",
            null,
            "the connection failed or the response was malformed (IOException)"),
        unavailable(
            "untyped-content-length-garbage.http",
            null,
            "not valid HTTP/1.1 (NumberFormatException)"),
        unavailable(
            "untyped-content-length-list.http", null, "not valid HTTP/1.1 (NumberFormatException)"),
        unavailable(
            "untyped-api-401-bad-length.http",
            "req-1",
            "not valid HTTP/1.1 (NumberFormatException)"),
        Arguments.of("untyped-scope-whitespace-token.http", null, null, "req-1"));
  }

  private static Arguments unavailable(String name, String requestId, String reason) {
    return Arguments.of(name, TokenEndpointUnavailableException.class, reason, requestId);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("responses")
  void eachSavedResponseGivesATypedOutcomeAndExposesNoToken(
      String name, Class<? extends KrebitException> failure, String reason, String requestId) {
    try (RawResponseServer server =
            RawResponseServer.closingAfterEachAnswer().answer(HostileResponses.bytes(name));
        CapturedLogs logs = CapturedLogs.start()) {
      FeignTokenEndpoint endpoint = TestEndpoints.at(server.uri().toString()).build();

      Throwable thrown =
          catchThrowable(
              () -> {
                TokenResponse response =
                    endpoint.exchange(CLIENT, ClientCredentialsGrant.defaultScope());
                assertThat(response.scope()).containsExactlyInAnyOrder("read", "write");
                assertThat(response.requestId()).contains("req-1");
                assertThat(response.toString()).doesNotContain("PLANTED");
              });

      if (failure == null) {
        assertThat(thrown).isNull();
      } else {
        assertThat(thrown).isInstanceOf(failure).hasMessageContaining(reason);
        KrebitException typed = (KrebitException) thrown;
        assertThat(typed.isRetryable()).isTrue();
        assertThat(typed.requestId()).isEqualTo(java.util.Optional.ofNullable(requestId));
        assertThat(server.requests()).as("retried as a transport failure").isEqualTo(3);
        assertThat(Exposure.of(thrown))
            .noneMatch(text -> text.contains("PLANTED") || text.contains("access_token"));
      }
      assertThat(logs.lines()).noneMatch(line -> line.contains("PLANTED"));
    }
  }

  /**
   * The 1xx response puts a token where the JDK expects a status line; its message quoted it, and
   * the retry's WARN line printed it (issue 15.4).
   */
  @Test
  void theRetryWarningOfA1xxAnswerQuotesNothingOfIt() {
    try (RawResponseServer server =
            RawResponseServer.closingAfterEachAnswer()
                .answer(HostileResponses.bytes("token-in-message-1xx.http"));
        CapturedLogs logs = CapturedLogs.start()) {
      ClientCredentialsTokenSource tokens =
          ClientCredentialsTokenSource.builder()
              .endpoint(TestEndpoints.at(server.uri().toString()).build())
              .client(CLIENT)
              .build();

      assertThat(catchThrowable(tokens::token)).isInstanceOf(KrebitException.class);

      assertThat(logs.lines())
          .anyMatch(line -> line.contains("retrying"))
          .noneMatch(line -> line.contains("PLANTED"));
    }
  }

  /**
   * A thousand of each malformed response, through the endpoint, leave no descriptor open (issue
   * 15.3): before, each left its connection in CLOSE_WAIT for the life of the JVM. The server
   * closes its end after answering, as the hostile server did.
   */
  @Test
  void aThousandMalformedResponsesOfEachKindLeaveNoDescriptorOpen() throws Exception {
    assertThat(
            LeakCheck.descriptorLeaks(
                ROUNDS,
                4,
                uri -> {
                  FeignTokenEndpoint endpoint =
                      everyCallSent(
                              TestEndpoints.at(uri.toString())
                                  .http(HttpConfig.from(TestEndpoints.FAST).maxAttempts(1).build()))
                          .build();
                  return () -> exchangeIgnoringTypedFailure(endpoint);
                }))
        .isEmpty();
  }

  /**
   * The client closes the connection of every response it can't use, even when the server keeps its
   * end open (as a stalled proxy would). A 1xx answer whose body is no status line ends at the read
   * timeout.
   */
  @Test
  void theClientClosesEveryConnectionItCanNotUseEvenWhenTheServerKeepsItOpen() throws Exception {
    assertThat(
            LeakCheck.connectionsLeftOpen(
                50,
                uri -> {
                  FeignTokenEndpoint endpoint =
                      everyCallSent(TestEndpoints.at(uri.toString()))
                          .http(
                              HttpConfig.from(TestEndpoints.FAST)
                                  .maxAttempts(1)
                                  .callTimeout(Duration.ofMillis(300))
                                  .build())
                          .build();
                  return () -> exchangeIgnoringTypedFailure(endpoint);
                }))
        .isEmpty();
  }

  /**
   * The circuit breaker judges the last 1,000 calls and reopens after 1 ms: it keeps no call from
   * the server.
   */
  static FeignTokenEndpoint.Builder everyCallSent(FeignTokenEndpoint.Builder builder) {
    return builder
        .circuitBreakerWindow(1000)
        .circuitBreakerFailureRate(100)
        .circuitBreakerOpenDuration(Duration.ofMillis(1));
  }

  private static void exchangeIgnoringTypedFailure(FeignTokenEndpoint endpoint) {
    Throwable failure =
        catchThrowable(() -> endpoint.exchange(CLIENT, ClientCredentialsGrant.defaultScope()));
    assertThat(failure == null || failure instanceof KrebitException)
        .as(String.valueOf(failure))
        .isTrue();
  }
}
