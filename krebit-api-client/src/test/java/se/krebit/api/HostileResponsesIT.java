package se.krebit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.krebit.auth.KrebitException;
import se.krebit.http.HttpConfig;
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

  static Stream<Arguments> responses() {
    return Stream.of(
        Arguments.of("fd-leak-bad-status-line.http", KrebitApiUnavailableException.class, null, 3),
        Arguments.of("fd-leak-blank-lines.http", KrebitApiUnavailableException.class, null, 3),
        Arguments.of("token-in-message-1xx.http", KrebitApiUnavailableException.class, null, 3),
        Arguments.of("untyped-content-length-garbage.http", KrebitApiUnavailableException.class, null, 3),
        Arguments.of("untyped-content-length-list.http", KrebitApiUnavailableException.class, null, 3),
        // a 401 is answered once with a new token; its malformed body is never read as a message
        Arguments.of("untyped-api-401-bad-length.http", KrebitUnauthorizedException.class, "req-1", 2),
        // a 200 whose body is not the identity /me describes
        Arguments.of("untyped-scope-whitespace-token.http", KrebitUnexpectedResponseException.class, "req-1", 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("responses")
  void eachSavedResponseIsATypedErrorThatExposesNoToken(
      String name, Class<? extends KrebitApiException> expected, String requestId, int requests) {
    try (RawResponseServer server = RawResponseServer.closingAfterEachAnswer().answer(HostileResponses.bytes(name));
        CapturedLogs logs = CapturedLogs.start()) {
      Throwable thrown = catchThrowable(() -> client(server).me());

      assertThat(thrown).isInstanceOf(expected);
      assertThat(((KrebitException) thrown).requestId()).isEqualTo(Optional.ofNullable(requestId));
      assertThat(server.requests()).isEqualTo(requests);
      assertThat(Exposure.of(thrown)).noneMatch(text -> text.contains("PLANTED") || text.contains("access_token"));
      assertThat(logs.lines()).noneMatch(line -> line.contains("PLANTED"));
    }
  }

  /**
   * A thousand of each malformed response leave no descriptor open (issue 15.3); before, each left
   * its connection open for the life of the JVM, and {@code me()} retried, leaking three per call.
   * The server closes its end after answering, as the hostile server did.
   */
  @Test
  void aThousandMalformedResponsesOfEachKindLeaveNoDescriptorOpen() throws Exception {
    assertThat(LeakCheck.descriptorLeaks(ROUNDS, 4, uri -> {
      KrebitClient krebit = client(uri, 1, Duration.ofSeconds(5));
      return () -> callIgnoringTypedFailure(krebit);
    })).isEmpty();
  }

  /**
   * The client closes the connection of every response it can't use, even when the server keeps its
   * end open (as a stalled proxy would).
   */
  @Test
  void theClientClosesEveryConnectionItCanNotUseEvenWhenTheServerKeepsItOpen() throws Exception {
    assertThat(LeakCheck.connectionsLeftOpen(50, uri -> {
      KrebitClient krebit = client(uri, 1, Duration.ofMillis(300));
      return () -> callIgnoringTypedFailure(krebit);
    })).isEmpty();
  }

  private static KrebitClient client(RawResponseServer server) {
    return client(server.uri(), HttpConfig.DEFAULT_MAX_ATTEMPTS, Duration.ofSeconds(5));
  }

  private static KrebitClient client(URI server, int attempts, Duration readTimeout) {
    return KrebitClient.builder()
        .baseUri(server)
        .tokenSource(new FixedTokenSource(BEARER))
        .http(HttpConfig.custom()
            .callTimeout(readTimeout)
            .maxAttempts(attempts)
            .initialBackoff(Duration.ofMillis(5))
            .maxBackoff(Duration.ofMillis(20))
            .build())
        .build();
  }

  private static void callIgnoringTypedFailure(KrebitClient krebit) {
    Throwable failure = catchThrowable(krebit::me);
    assertThat(failure == null || failure instanceof KrebitException).as(String.valueOf(failure)).isTrue();
  }
}
