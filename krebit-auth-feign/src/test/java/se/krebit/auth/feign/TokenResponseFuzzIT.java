package se.krebit.auth.feign;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.KrebitException;
import se.krebit.auth.spi.ClientCredentialsGrant;
import se.krebit.auth.spi.TokenResponse;
import se.krebit.http.HttpConfig;
import se.krebit.testkit.hostile.FuzzInvariants;
import se.krebit.testkit.hostile.HostileResponses;
import se.krebit.testkit.hostile.OpenDescriptors;
import se.krebit.testkit.hostile.RawResponseServer;
import se.krebit.testkit.hygiene.CapturedLogs;
import se.krebit.testkit.hygiene.PlantedSecrets;

/**
 * Fuzzes the token endpoint's answer: each input is the raw HTTP/1.1 response a loopback server
 * writes to the socket, read by the real {@link FeignTokenEndpoint}. Whatever it is, the exchange
 * ends in a token response or a {@link KrebitException}, within its deadline, exposing no planted
 * token or secret, leaving no descriptor behind. The seed corpus ({@code
 * TokenResponseFuzzITInputs}) holds every minimized response of issue 15 and well-formed answers.
 */
class TokenResponseFuzzIT {
  private static final String SECRET = "cs-PLANTED-fuzz-5d1e";
  private static final ClientCredentials CLIENT = ClientCredentials.of("app-1", SECRET);
  private static final Duration READ_TIMEOUT = Duration.ofMillis(1500);

  /** One attempt, as the read timeout bounds it, and time for a loaded machine to schedule it. */
  private static final Duration DEADLINE = READ_TIMEOUT.plusSeconds(3);

  private static RawResponseServer server;
  private static FeignTokenEndpoint endpoint;
  private static long descriptors;
  private static int inputs;

  @BeforeAll
  static void start() {
    HostileResponses.PLANTED_TOKENS.forEach(PlantedSecrets::plant);
    PlantedSecrets.plant(SECRET);
    server = RawResponseServer.closingAfterEachAnswer();
    endpoint =
        HostileResponsesIT.everyCallSent(TestEndpoints.at(server.uri().toString()))
            .http(
                HttpConfig.from(TestEndpoints.FAST)
                    .callTimeout(READ_TIMEOUT)
                    .maxAttempts(1)
                    .build())
            .build();
    server.answer(HostileResponses.bytes("untyped-scope-whitespace-token.http"));
    endpoint.exchange(
        CLIENT, ClientCredentialsGrant.defaultScope()); // pools and threads at their working size
    descriptors = OpenDescriptors.count();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @FuzzTest(maxDuration = "10m")
  void anyAnswerIsATokenOrATypedErrorThatExposesNothing(byte[] answer) {
    // While fuzzing, Jazzer's SSRF detector reports every connection not allowed: allow only our
    // server's, at the start of each input as Jazzer asks (its detector is set up anew for fuzzing,
    // after the seeds ran, and not at all yet in @BeforeAll).
    int port = server.uri().getPort();
    BugDetectors.allowNetworkConnections((host, to) -> to == port);
    server.answer(answer);
    try (CapturedLogs logs = CapturedLogs.start()) {
      long started = System.nanoTime();
      Throwable failure = null;
      try {
        TokenResponse response = endpoint.exchange(CLIENT, ClientCredentialsGrant.defaultScope());
        if (PlantedSecrets.foundIn(response.toString()).isPresent()) {
          throw new AssertionError("a token response's toString() shows a planted value");
        }
      } catch (RuntimeException e) {
        failure = e;
      }
      FuzzInvariants.withinDeadline(started, DEADLINE);
      FuzzInvariants.typedAndClean(
          failure, FuzzInvariants.quotedByCore(failure), KrebitException.class);
      FuzzInvariants.cleanLogs(logs.lines());
    }
    if (++inputs % 100 == 0) {
      FuzzInvariants.noDescriptorGrowth(descriptors, 20);
    }
  }
}
