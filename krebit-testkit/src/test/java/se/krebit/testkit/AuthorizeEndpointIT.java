package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static se.krebit.testkit.JsonBodies.json;
import static se.krebit.testkit.UserFlow.REDIRECT;
import static se.krebit.testkit.UserFlow.callback;
import static se.krebit.testkit.UserFlow.encode;
import static se.krebit.testkit.UserFlow.location;
import static se.krebit.testkit.UserFlow.query;

import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /oauth/authorize}: what it checks, and where each problem is reported. */
class AuthorizeEndpointIT {
  private static final String CHALLENGE =
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"; // RFC 7636 appendix B

  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder()
          .app("demo-client", "demo-secret")
          .app(
              RegisteredApp.of("other-client", "other-secret")
                  .withRedirectUris("https://other.example/cb?tenant=7"))
          .redirectUri("demo-client", REDIRECT)
          .build();

  private final FakeKrebitServer server = KREBIT.server();
  private final UserFlow flow = new UserFlow(server);

  @BeforeEach
  void approveAsAlice() {
    server.consent().approveAs("alice", Set.of("signer"));
  }

  @Test
  void redirectsWithACodeAndTheStateForAValidRequest() {
    HttpResponse<String> response = flow.authorize(query("state=xyz"));

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(location(response))
        .matches("http://127\\.0\\.0\\.1:9999/cb\\?code=[A-Za-z0-9_-]{43}&state=xyz");
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(response.headers().firstValue("request_id")).isPresent();
    assertThat(response.body()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no client_id          | redirect_uri=http%3A%2F%2F127.0.0.1%3A9999%2Fcb&response_type=code&state=s                         | invalid_request",
        "unknown client        | client_id=nobody&redirect_uri=http%3A%2F%2F127.0.0.1%3A9999%2Fcb&response_type=code&state=s        | invalid_client",
        "repeated client_id    | client_id=demo-client&client_id=demo-client&redirect_uri=http%3A%2F%2F127.0.0.1%3A9999%2Fcb&response_type=code | invalid_request",
        "no redirect_uri       | client_id=demo-client&response_type=code&state=s                                                   | invalid_request",
        "unregistered redirect | client_id=demo-client&redirect_uri=https%3A%2F%2Fevil.example%2Fcb&response_type=code&state=s     | invalid_request",
        "other client's        | client_id=demo-client&redirect_uri=https%3A%2F%2Fother.example%2Fcb%3Ftenant%3D7&response_type=code | invalid_request",
        "trailing slash        | client_id=demo-client&redirect_uri=http%3A%2F%2F127.0.0.1%3A9999%2Fcb%2F&response_type=code        | invalid_request",
        "other case            | client_id=demo-client&redirect_uri=HTTP%3A%2F%2F127.0.0.1%3A9999%2Fcb&response_type=code           | invalid_request",
        "extra query           | client_id=demo-client&redirect_uri=http%3A%2F%2F127.0.0.1%3A9999%2Fcb%3Fx%3D1&response_type=code   | invalid_request",
        "repeated redirect_uri | client_id=demo-client&redirect_uri=http%3A%2F%2F127.0.0.1%3A9999%2Fcb&redirect_uri=https%3A%2F%2Fevil.example&response_type=code | invalid_request",
      })
  void refusesWithAnErrorPageAndNeverRedirectsWhenClientOrRedirectUriIsBad(
      String why, String query, String error) {
    HttpResponse<String> response = flow.authorize(query);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Location")).isEmpty();
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(response.body()).contains("<h1>Authorization request refused</h1>", error);
    assertThat(response.headers().firstValue("request_id")).isPresent();
    RecordedAuthorizeRequest entry = server.journal().lastAuthorizeRequest().orElseThrow();
    assertThat(entry.outcome()).isEqualTo(AuthorizeOutcome.REFUSED);
    assertThat(entry.status()).isEqualTo(400);
    assertThat(entry.error()).contains(error);
    assertThat(entry.issuedCode()).isFalse();
  }

  @Test
  void neverRedirectsAQueryThatDoesNotDecode() throws Exception {
    // The JDK's client refuses to send a malformed escape, so this one goes over a bare socket.
    // WireMock's stub matching trips over it first and answers 500 itself; what matters is that
    // nothing redirects. (The fake's own check, a 400 page, is UrlParametersTest's.)
    String query = UserFlow.query("state=%zz");
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET /oauth/authorize?"
                      + query
                      + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + "Connection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(response)
          .matches("(?s)HTTP/1\\.1 [45]\\d\\d .*")
          .doesNotContainIgnoringCase("Location:");
    }
  }

  @Test
  void answersJsonErrorsToClientsThatAskForJson() {
    HttpResponse<String> response =
        Http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        server.authorizationEndpoint() + "?client_id=nobody&response_type=code"))
                .header("Accept", "application/json")
                .GET());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response))
        .containsEntry("error", "invalid_client")
        .containsKey("error_description");
    assertThat(response.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void escapesWhatTheRequestSentOnTheErrorPage() {
    HttpResponse<String> response =
        flow.authorize("client_id=%3Cscript%3Ealert(1)%3C%2Fscript%3E&response_type=code");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).doesNotContain("<script>").contains("&lt;script&gt;");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no response_type         | -          | state=s1                                                              | invalid_request",
        "response_type token      | token      | state=s1                                                              | unsupported_response_type",
        "response_type code token | code+token | state=s1                                                              | unsupported_response_type",
        "repeated response_type   | code&response_type=code | state=s1                                                 | invalid_request",
        "repeated state           | code       | state=s1&state=s2                                                     | invalid_request",
        "repeated scope           | code       | state=s1&scope=a&scope=b                                              | invalid_request",
        "PKCE plain               | code       | state=s1&code_challenge="
            + CHALLENGE
            + "&code_challenge_method=plain | invalid_request",
        "PKCE, no method          | code       | state=s1&code_challenge="
            + CHALLENGE
            + "                             | invalid_request",
        "PKCE, lower-case s256    | code       | state=s1&code_challenge="
            + CHALLENGE
            + "&code_challenge_method=s256  | invalid_request",
        "PKCE, unknown method     | code       | state=s1&code_challenge="
            + CHALLENGE
            + "&code_challenge_method=S512  | invalid_request",
        "PKCE, short challenge    | code       | state=s1&code_challenge=abc&code_challenge_method=S256                | invalid_request",
        "PKCE, method alone       | code       | state=s1&code_challenge_method=S256                                   | invalid_request",
        "malformed scope          | code       | state=s1&scope=read%20%22quoted%22                                    | invalid_scope",
      })
  void redirectsOtherProblemsToTheRegisteredUriWithTheState(
      String why, String responseType, String more, String error) {
    String query =
        "client_id=demo-client&redirect_uri="
            + encode(REDIRECT)
            + (responseType.equals("-") ? "" : "&response_type=" + responseType)
            + "&"
            + more;

    HttpResponse<String> response = flow.authorize(query);

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(callback(response))
        .containsEntry("error", error)
        .containsEntry("state", "s1")
        .containsKey("error_description")
        .doesNotContainKey("code");
    RecordedAuthorizeRequest entry = server.journal().lastAuthorizeRequest().orElseThrow();
    assertThat(entry.outcome()).isEqualTo(AuthorizeOutcome.ERROR_REDIRECT);
    assertThat(entry.error()).contains(error);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "xyz",
        "a%20b+c%2Bd", // encoded space, plus, encoded plus
        "%C3%A4%E2%82%AC%F0%9F%98%80", // UTF-8
        "%c3%a4-lower-case-hex", // percent-encoding kept in its case
        "~!$'()*,;:@/?-._", // sub-delims and others a query may carry raw
        "%26state%3Devil%23frag", // an encoded &, = and #
        "eyJhbGciOiJub25lIn0.eyJzIjoxfQ.", // a JWT-like state
      })
  void sendsTheStateBackByteForByte(String rawState) {
    HttpResponse<String> response = flow.authorize(query("state=" + rawState));

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(location(response)).endsWith("&state=" + rawState);
  }

  @Test
  void sendsTheStateBackWithErrorsToo() {
    HttpResponse<String> response =
        flow.authorize(
            "client_id=demo-client&redirect_uri="
                + encode(REDIRECT)
                + "&response_type=token&state=a%2Fb%20c");

    assertThat(location(response)).endsWith("&state=a%2Fb%20c");
  }

  @Test
  void leavesTheStateOutWhenNoneWasSent() {
    HttpResponse<String> response = flow.authorize(query("state="));

    assertThat(callback(response)).containsOnlyKeys("code");
    assertThat(server.journal().lastAuthorizeRequest().orElseThrow().statePresent()).isFalse();
  }

  @Test
  void keepsTheQueryOfARegisteredRedirectUri() {
    HttpResponse<String> response =
        flow.authorize(
            "client_id=other-client&redirect_uri="
                + encode("https://other.example/cb?tenant=7")
                + "&response_type=code&state=q");

    assertThat(location(response))
        .matches("https://other\\.example/cb\\?tenant=7&code=[A-Za-z0-9_-]{43}&state=q");
  }

  @Test
  void acceptsAnS256ChallengeAndAScope() {
    HttpResponse<String> response =
        flow.authorize(
            query(
                "state=s&scope=read+sign&code_challenge="
                    + CHALLENGE
                    + "&code_challenge_method=S256"));

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(callback(response)).containsKey("code");
    RecordedAuthorizeRequest entry = server.journal().lastAuthorizeRequest().orElseThrow();
    assertThat(entry.codeChallengeMethod()).contains("S256");
    assertThat(entry.scope()).contains("read sign");
  }

  @Test
  void takesGetOnly() {
    HttpResponse<String> response =
        Http.post(
            URI.create(server.authorizationEndpoint() + "?" + query("state=s")),
            "application/x-www-form-urlencoded",
            "");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).contains("GET");
    assertThat(response.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void journalsAuthorizeRequestsWithoutCodesOrStates() {
    HttpResponse<String> response =
        flow.authorize(
            query(
                "state=secret-state-value&code_challenge="
                    + CHALLENGE
                    + "&code_challenge_method=S256"));
    String code = callback(response).get("code");

    RecordedAuthorizeRequest entry = server.journal().lastAuthorizeRequest().orElseThrow();
    assertThat(server.journal().authorizeRequestCount()).isEqualTo(1);
    assertThat(entry.requestId())
        .isEqualTo(response.headers().firstValue("request_id").orElseThrow());
    assertThat(entry.at()).isEqualTo(server.clock().instant());
    assertThat(entry.path()).isEqualTo("/oauth/authorize");
    assertThat(entry.clientId()).contains("demo-client");
    assertThat(entry.redirectUri()).contains(REDIRECT);
    assertThat(entry.statePresent()).isTrue();
    assertThat(entry.status()).isEqualTo(302);
    assertThat(entry.outcome()).isEqualTo(AuthorizeOutcome.CODE);
    assertThat(entry.userId()).contains("alice");
    assertThat(entry.codeFingerprint()).contains(se.krebit.auth.Fingerprint.of(code));
    assertThat(entry.toString() + server.journal())
        .doesNotContain(code)
        .doesNotContain("secret-state-value")
        .doesNotContain(CHALLENGE);
  }
}
