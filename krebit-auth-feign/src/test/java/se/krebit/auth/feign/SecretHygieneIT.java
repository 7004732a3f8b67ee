package se.krebit.auth.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.spi.AuthorizationCodeGrant;
import se.krebit.auth.spi.ClientCredentialsGrant;
import se.krebit.auth.spi.Grant;
import se.krebit.auth.spi.RefreshTokenGrant;
import se.krebit.http.HttpConfig;
import se.krebit.testkit.hygiene.CapturedLogs;

/**
 * With every logger at TRACE and Feign at FULL, no secret, code, verifier or token sent or received
 * shows up in a log line, an exception message, a stack trace or a result's {@code toString()}.
 */
class SecretHygieneIT {
  @RegisterExtension
  static final WireMockExtension SERVER =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String SECRET = "cs-PLANTED-0a1b2c";
  private static final String CODE = "code-PLANTED-3d4e";
  private static final String VERIFIER = "pkce-PLANTED-5f6a";
  private static final String REFRESH = "rt-PLANTED-7b8c";
  private static final String ACCESS = "at-PLANTED-9d0e";
  private static final String NEW_REFRESH = "rt-NEW-PLANTED-1f2a";
  private static final List<String> PLANTED =
      List.of(SECRET, CODE, VERIFIER, REFRESH, ACCESS, NEW_REFRESH);

  private static final ClientCredentials CLIENT = ClientCredentials.of("app-1", SECRET);
  private static final String ISSUED =
      "{\"access_token\":\""
          + ACCESS
          + "\",\"token_type\":\"Bearer\",\"expires_in\":60,"
          + "\"refresh_token\":\""
          + NEW_REFRESH
          + "\"}";

  private final List<String> exposed = new ArrayList<>();
  private final List<String> sentBodies = new ArrayList<>();
  private CapturedLogs logs;

  @BeforeEach
  void captureEverything() {
    logs = CapturedLogs.start();
  }

  @AfterEach
  void restoreLogging() {
    logs.close();
  }

  @Test
  void noSecretOrTokenReachesLogsErrorsOrToString() {
    FeignTokenEndpoint json =
        TestEndpoints.at(SERVER.baseUrl())
            .http(HttpConfig.from(TestEndpoints.FAST).logLevel(feign.Logger.Level.FULL).build())
            .circuitBreakerWindow(1000)
            .build();
    FeignTokenEndpoint form = json.toBuilder().requestFormat(RequestFormat.FORM).build();
    Grant code =
        new AuthorizationCodeGrant(
            CODE, URI.create("https://app.example/cb"), Optional.of(VERIFIER));
    Grant refresh = new RefreshTokenGrant(new RefreshToken(REFRESH), Set.of("read"));
    Grant credentials = new ClientCredentialsGrant(Set.of("read"));

    run(json, credentials, Wire.json(200, ISSUED));
    run(form, code, Wire.json(200, ISSUED));
    run(json, refresh, Wire.json(200, ISSUED));
    run(
        json,
        refresh,
        Wire.json(400, "{\"error\":\"invalid_grant\",\"refresh_token\":\"" + REFRESH + "\"}"));
    run(form, credentials, Wire.json(401, "{\"error\":\"invalid_client\"}"));
    run(json, code, html("<p>Login " + ACCESS + "</p>"));
    run(json, code, Wire.json(200, "{\"access_token\": " + ACCESS + " }"));
    run(json, code, Wire.json(200, "{\"access_token\":\"a\",\"access_token\":\"" + ACCESS + "\"}"));
    run(
        json,
        refresh,
        Wire.json(
            200, "{\"access_token\":\"" + ACCESS + "\",\"token_type\":\"mac\",\"expires_in\":1}"));
    run(json, refresh, Wire.json(503, ISSUED).withHeader("Retry-After", "0"));
    run(json, refresh, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    runFlaky(json, code);

    assertThat(String.join("\n", sentBodies))
        .as("the planted values were really sent")
        .contains(SECRET, CODE, VERIFIER, REFRESH);
    List<String> lines = logs.lines();
    assertThat(lines)
        .as("wire log lines were captured")
        .anySatisfy(line -> assertThat(line).containsPattern("^\\S+ --> POST"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .containsPattern("^\\S+ <-- .* request_id=" + Pattern.quote(Wire.REQUEST_ID)));
    exposed.addAll(lines);
    for (String text : exposed) {
      for (String planted : PLANTED) {
        assertThat(text).as("log line, error or toString").doesNotContain(planted);
      }
    }
  }

  private void run(FeignTokenEndpoint endpoint, Grant grant, ResponseDefinitionBuilder response) {
    SERVER.resetAll();
    SERVER.stubFor(Wire.tokenRequest().willReturn(response));
    exchange(endpoint, grant);
  }

  private void runFlaky(FeignTokenEndpoint endpoint, Grant grant) {
    SERVER.resetAll();
    SERVER.stubFor(
        Wire.tokenRequest()
            .inScenario("flaky")
            .whenScenarioStateIs(STARTED)
            .willReturn(Wire.json(500, ISSUED))
            .willSetStateTo("ok"));
    SERVER.stubFor(
        Wire.tokenRequest()
            .inScenario("flaky")
            .whenScenarioStateIs("ok")
            .willReturn(Wire.json(200, ISSUED)));
    exchange(endpoint, grant);
  }

  private void exchange(FeignTokenEndpoint endpoint, Grant grant) {
    try {
      Object result = endpoint.exchange(CLIENT, grant);
      exposed.add(result.toString());
    } catch (RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      exposed.add(trace.toString());
      exposed.add(e.toString());
    }
    exposed.add(endpoint.toString());
    exposed.add(grant.toString());
    SERVER.findAll(Wire.tokenRequests()).forEach(r -> sentBodies.add(r.getBodyAsString()));
  }

  private static ResponseDefinitionBuilder html(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody(body);
  }
}
