package se.krebit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.krebit.auth.KrebitException;
import se.krebit.http.HttpConfig;
import se.krebit.http.HttpTransport;
import se.krebit.http.okhttp.OkHttpTransport;
import se.krebit.testkit.hostile.HostileResponses;
import se.krebit.testkit.hostile.LeakCheck;
import se.krebit.testkit.hostile.RawResponseServer;
import se.krebit.testkit.hygiene.CapturedLogs;
import se.krebit.testkit.hygiene.Exposure;
import se.krebit.testkit.hygiene.PlantedSecrets;

/**
 * Every minimized response of issue 15, written to a real socket as the answer to {@code me()}: a
 * typed {@link KrebitApiException} with the {@code request_id} where the response had one, no
 * planted token in any message, cause, {@code toString()} or log line, and no descriptor left open
 * after a thousand of each.
 */
class HostileResponsesIT {
  private static final String BEARER = "at-PLANTED-api-3c9d";
  private static final int ROUNDS = 1_000;

  @BeforeAll
  static void plant() {
    HostileResponses.PLANTED_TOKENS.forEach(PlantedSecrets::plant);
    PlantedSecrets.plant(BEARER);
  }

  /** Every transport keeps the same promises: the default JDK one and the optional OkHttp one. */
  static Stream<Named<HttpTransport.Factory>> transports() {
    return Stream.of(
        Named.of("JDK transport", HttpConfig.ofDefaults().transport()),
        Named.of("OkHttp transport", OkHttpTransport.factory()));
  }

  static Stream<Arguments> responses() {
    return transports()
        .flatMap(
            transport ->
                savedResponses()
                    .map(
                        saved -> {
                          Object[] values = saved.get();
                          Object[] withTransport = new Object[values.length + 1];
                          withTransport[0] = transport;
                          System.arraycopy(values, 0, withTransport, 1, values.length);
                          return Arguments.of(withTransport);
                        }));
  }

  private static Stream<Arguments> savedResponses() {
    return Stream.of(
        Arguments.of("fd-leak-bad-status-line.http", KrebitApiUnavailableException.class, null, 3),
        Arguments.of("fd-leak-blank-lines.http", KrebitApiUnavailableException.class, null, 3),
        Arguments.of("token-in-message-1xx.http", KrebitApiUnavailableException.class, null, 3),
        Arguments.of(
            "untyped-content-length-garbage.http", KrebitApiUnavailableException.class, null, 3),
        Arguments.of(
            "untyped-content-length-list.http", KrebitApiUnavailableException.class, null, 3),
        // a 401 is answered once with a new token; its malformed body is never read as a message
        Arguments.of(
            "untyped-api-401-bad-length.http", KrebitUnauthorizedException.class, "req-1", 2),
        // a 200 whose body is not the identity /me describes
        Arguments.of(
            "untyped-scope-whitespace-token.http",
            KrebitUnexpectedResponseException.class,
            "req-1",
            1));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("responses")
  void eachSavedResponseIsATypedErrorThatExposesNoToken(
      HttpTransport.Factory transport,
      String name,
      Class<? extends KrebitApiException> expected,
      String requestId,
      int requests) {
    try (RawResponseServer server =
            RawResponseServer.closingAfterEachAnswer().answer(HostileResponses.bytes(name));
        CapturedLogs logs = CapturedLogs.start()) {
      Throwable thrown = catchThrowable(() -> client(transport, server).me());

      assertThat(thrown).isInstanceOf(expected);
      assertThat(((KrebitException) thrown).requestId()).isEqualTo(Optional.ofNullable(requestId));
      assertThat(server.requests()).isEqualTo(requests);
      assertThat(Exposure.of(thrown))
          .noneMatch(text -> text.contains("PLANTED") || text.contains("access_token"));
      assertThat(logs.lines()).noneMatch(line -> line.contains("PLANTED"));
    }
  }

  /**
   * A thousand of each malformed response leave no descriptor open (issue 15.3); before, each left
   * its connection open for the life of the JVM, and {@code me()} retried, leaking three per call.
   * The server closes its end after answering, as the hostile server did.
   */
  @ParameterizedTest
  @MethodSource("transports")
  void aThousandMalformedResponsesOfEachKindLeaveNoDescriptorOpen(HttpTransport.Factory transport)
      throws Exception {
    assertThat(
            LeakCheck.descriptorLeaks(
                ROUNDS,
                4,
                uri -> {
                  KrebitClient krebit = client(transport, uri, 1, Duration.ofSeconds(5));
                  return () -> callIgnoringTypedFailure(krebit);
                }))
        .isEmpty();
  }

  /**
   * The client closes the connection of every response it can't use, even when the server keeps its
   * end open (as a stalled proxy would).
   */
  @ParameterizedTest
  @MethodSource("transports")
  void theClientClosesEveryConnectionItCanNotUseEvenWhenTheServerKeepsItOpen(
      HttpTransport.Factory transport) throws Exception {
    assertThat(
            LeakCheck.connectionsLeftOpen(
                50,
                uri -> {
                  KrebitClient krebit = client(transport, uri, 1, Duration.ofMillis(300));
                  return () -> callIgnoringTypedFailure(krebit);
                }))
        .isEmpty();
  }

  private static KrebitClient client(HttpTransport.Factory transport, RawResponseServer server) {
    return client(transport, server.uri(), HttpConfig.DEFAULT_MAX_ATTEMPTS, Duration.ofSeconds(5));
  }

  private static KrebitClient client(
      HttpTransport.Factory transport, URI server, int attempts, Duration readTimeout) {
    return KrebitClient.builder()
        .baseUri(server)
        .tokenSource(new FixedTokenSource(BEARER))
        .http(
            HttpConfig.custom()
                .transport(transport)
                .callTimeout(readTimeout)
                .maxAttempts(attempts)
                .initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(20))
                .build())
        .build();
  }

  private static void callIgnoringTypedFailure(KrebitClient krebit) {
    Throwable failure = catchThrowable(krebit::me);
    assertThat(failure == null || failure instanceof KrebitException)
        .as(String.valueOf(failure))
        .isTrue();
  }
}
