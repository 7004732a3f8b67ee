package se.krebit.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import feign.Headers;
import feign.Logger;
import feign.RequestLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.AccessToken;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.http.HttpConfig;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;
import se.krebit.testkit.hygiene.CapturedLogs;
import se.krebit.testkit.internal.FakeWireMock;

/**
 * With every logger at TRACE and Feign at FULL, no client secret, access token, {@code
 * Authorization} value or body content shows up in a log line, its MDC, an exception message, a
 * stack trace or a {@code toString()}: through successes, a 401 replay, 403, retried 5xx, POST
 * bodies, non-JSON and unusable bodies, and lost connections.
 */
class SecretHygieneIT {
  private static final String SECRET = "cs-PLANTED-7c1e";
  private static final String FIXED_TOKEN = "at-PLANTED-4b2d";
  private static final String PERSONAL = "PERSONAL-PLANTED-9f3a";
  private static final String BODY = "BODY-PLANTED-2e8c";

  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder().app("hygiene-client", SECRET, "reader").build();

  interface Packages {
    @RequestLine("POST /packages")
    @Headers("Content-Type: application/json")
    String create(String json);
  }

  private static final HttpConfig FULL = TestClients.fast().logLevel(Logger.Level.FULL).build();

  private final List<String> exposed = new ArrayList<>();

  @Test
  void noSecretTokenOrBodyReachesLogsErrorsOrToString(FakeKrebitServer server) {
    FakeWireMock.of(server)
        .stubFor(
            post("/api/1.0/packages")
                .willReturn(
                    aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"signer\":\"" + PERSONAL + "\"}")));
    RecordingTokenSource tokens =
        new RecordingTokenSource(
            ClientCredentialsTokenSource.builder()
                .endpoint(FeignTokenEndpoint.builder().tenant(server.tenant()).http(FULL).build())
                .client(server.credentials("hygiene-client"))
                .build());
    KrebitClient krebit = TestClients.builder(server, tokens).http(FULL).build();
    KrebitClient refused =
        TestClients.builder(server, new FixedTokenSource(FIXED_TOKEN)).http(FULL).build();
    Packages packages = krebit.api(Packages.class);

    try (CapturedLogs logs = CapturedLogs.start()) {
      run(krebit::me);
      server.revoke(tokens.served.get(0));
      run(krebit::me);
      run(refused::me);
      server.requireRole("/api/1.0/me", "admin");
      run(krebit::me);
      server.reset();
      server.failNextApiRequests(1, InjectedFault.status(503));
      run(krebit::me);
      run(() -> packages.create("{\"signer\":\"" + PERSONAL + "\"}"));
      server.failNextApiRequests(
          1, InjectedFault.response(500, "text/html", "<p>" + BODY + "</p>"));
      run(() -> packages.create("{}"));
      server.failNextApiRequests(
          1,
          InjectedFault.response(
              422, "application/json", "{\"message\":\"bad\",\"echo\":\"" + BODY + "\"}"));
      run(krebit::me);
      server.failNextApiRequests(
          1, InjectedFault.response(200, "application/json", "{\"id\": " + BODY + "}"));
      run(krebit::me);
      server.failNextApiRequests(1, InjectedFault.connectionReset());
      run(() -> packages.create("{\"signer\":\"" + PERSONAL + "\"}"));
      List<String> lines = logs.lines();
      exposed.addAll(lines); // the fake's logs too

      assertThat(lines)
          .as("wire lines were logged at FULL")
          .anySatisfy(line -> assertThat(line).containsPattern("^\\S+ --> POST"))
          .anySatisfy(line -> assertThat(line).containsPattern("^\\S+ <-- 401 GET"));
    }
    exposed.add(krebit.toString());
    exposed.add(tokens.toString());

    List<String> planted = new ArrayList<>(List.of(SECRET, FIXED_TOKEN, PERSONAL, BODY, "Bearer "));
    tokens.served.stream().map(AccessToken::value).distinct().forEach(planted::add);
    assertThat(tokens.served).as("tokens were served").hasSizeGreaterThanOrEqualTo(2);
    for (String text : exposed) {
      for (String secret : planted) {
        assertThat(text).as("log line, error or toString").doesNotContain(secret);
      }
    }
  }

  private void run(Supplier<?> call) {
    try {
      Object result = call.get();
      if (result instanceof Me) { // a String result is the body itself, returned on purpose
        exposed.add(result.toString());
      }
    } catch (RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      exposed.add(trace.toString());
      exposed.add(e.toString());
    }
  }
}
