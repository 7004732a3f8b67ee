package se.krebit.api;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import se.krebit.auth.KrebitException;
import se.krebit.http.HttpConfig;
import se.krebit.testkit.hostile.FuzzInvariants;
import se.krebit.testkit.hostile.HostileResponses;
import se.krebit.testkit.hostile.OpenDescriptors;
import se.krebit.testkit.hostile.RawResponseServer;
import se.krebit.testkit.hygiene.CapturedLogs;
import se.krebit.testkit.hygiene.PlantedSecrets;

/**
 * Fuzzes the API's answer: each input is the raw HTTP/1.1 response a loopback server writes to the
 * socket for {@code GET /api/1.0/me}, read by the real {@link KrebitClient}. Whatever it is, the
 * call ends in a {@link Me} or a {@link KrebitException}, within its deadline, exposing no planted
 * token (the bearer sent, or one in a body) outside the server's own words the client quotes on
 * purpose, and leaving no descriptor behind. Seeds: {@code ApiResponseFuzzITInputs}.
 */
class ApiResponseFuzzIT {
  private static final String BEARER = "at-PLANTED-fuzz-api-8b1f";
  private static final Duration READ_TIMEOUT = Duration.ofMillis(1500);

  /**
   * A 401 is answered once more with a new token: two reads at most, and room for a loaded machine.
   */
  private static final Duration DEADLINE = READ_TIMEOUT.multipliedBy(2).plusSeconds(3);

  private static RawResponseServer server;
  private static KrebitClient krebit;
  private static long descriptors;
  private static int inputs;

  @BeforeAll
  static void start() {
    HostileResponses.PLANTED_TOKENS.forEach(PlantedSecrets::plant);
    PlantedSecrets.plant(BEARER);
    server = RawResponseServer.closingAfterEachAnswer();
    krebit =
        KrebitClient.builder()
            .baseUri(server.uri())
            .tokenSource(new FixedTokenSource(BEARER))
            .http(HttpConfig.custom().callTimeout(READ_TIMEOUT).maxAttempts(1).build())
            .build();
    server.answer(HostileResponses.bytes("fd-leak-bad-status-line.http"));
    call(); // pools and threads at their working size
    descriptors = OpenDescriptors.count();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @FuzzTest(maxDuration = "10m")
  void anyAnswerIsAnIdentityOrATypedErrorThatExposesNothing(byte[] answer) {
    // While fuzzing, Jazzer's SSRF detector reports every connection not allowed: allow only our
    // server's, at the start of each input as Jazzer asks (its detector is set up anew for fuzzing,
    // after the seeds ran, and not at all yet in @BeforeAll).
    int port = server.uri().getPort();
    BugDetectors.allowNetworkConnections((host, to) -> to == port);
    server.answer(answer);
    try (CapturedLogs logs = CapturedLogs.start()) {
      long started = System.nanoTime();
      Throwable failure = call();
      FuzzInvariants.withinDeadline(started, DEADLINE);
      List<String> quoted = new java.util.ArrayList<>(FuzzInvariants.quotedByCore(failure));
      if (failure instanceof KrebitApiException api) {
        api.serverMessage().ifPresent(quoted::add);
      }
      FuzzInvariants.typedAndClean(failure, quoted, KrebitException.class);
      FuzzInvariants.cleanLogs(logs.lines());
    }
    if (++inputs % 100 == 0) {
      FuzzInvariants.noDescriptorGrowth(descriptors, 20);
    }
  }

  private static Throwable call() {
    try {
      krebit.me(); // an identity is the server's own words: what it holds is not checked
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }
}
