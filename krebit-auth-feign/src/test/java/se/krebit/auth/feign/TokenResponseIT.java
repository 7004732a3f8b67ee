package se.krebit.auth.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import se.krebit.auth.InvalidGrantException;
import se.krebit.auth.InvalidTokenResponseException;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.spi.TokenResponse;

/** What the endpoint makes of 2xx answers: validated token responses, or a typed error. */
class TokenResponseIT {
  @RegisterExtension
  static final WireMockExtension SERVER =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  /** Planted in bad bodies: no error message may repeat it. */
  private static final String TOKEN = "at-PLANTED-5f1e";

  @Test
  void parsesTheGuidesExampleResponse() {
    SERVER.stubFor(Wire.tokenRequest().willReturn(Wire.success()));

    TokenResponse response = exchange();

    assertThat(response.accessToken()).isEqualTo("eyJhbGciOi...");
    assertThat(response.expiresIn()).isEqualTo(Duration.ofHours(1));
    assertThat(response.refreshToken()).isEmpty();
    assertThat(response.scope()).isEmpty();
    assertThat(response.requestId()).contains(Wire.REQUEST_ID);
  }

  @Test
  void parsesRefreshTokenAndScopeAndIgnoresUnknownMembers() {
    stub200(
        "{\"access_token\":\""
            + TOKEN
            + "\",\"token_type\":\"bearer\",\"expires_in\":\"7200\","
            + "\"refresh_token\":\"rt-1\",\"scope\":\"read  write\",\"id_token\":null,"
            + "\"extra\":{\"nested\":[1,2,{\"deeper\":true}]},\"issued_at\":1700000000}");

    TokenResponse response = exchange();

    assertThat(response.accessToken()).isEqualTo(TOKEN);
    assertThat(response.expiresIn()).isEqualTo(Duration.ofHours(2));
    assertThat(response.refreshToken()).contains(new RefreshToken("rt-1"));
    assertThat(response.scope()).isEqualTo(Set.of("read", "write"));
  }

  /** Nimbus's Scope.parse threw an untyped IllegalArgumentException for this (issue 15.2). */
  @Test
  void toleratesTabsAndSpaceRunsBetweenScopeTokens() {
    stub200(
        "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\" read \\t write\\t\"}");

    assertThat(exchange().scope()).containsExactlyInAnyOrder("read", "write");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json; charset=utf-8",
        "application/vnd.krebit+json",
        "APPLICATION/JSON"
      })
  void acceptsJsonContentTypeVariants(String contentType) {
    SERVER.stubFor(
        Wire.tokenRequest()
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", contentType)
                    .withBody(Wire.SUCCESS)));

    assertThat(exchange().accessToken()).isEqualTo("eyJhbGciOi...");
  }

  /** RFC 6749 §5.1 only recommends expires_in: without it the token lives the configured time. */
  @Test
  void aResponseWithoutExpiresInLivesTheConfiguredTimeAndThatIsSaidOnce() {
    stub200("{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\"}");
    FeignTokenEndpoint endpoint =
        TestEndpoints.at(SERVER.baseUrl()).expiresInWhenAbsent(Duration.ofSeconds(90)).build();
    Logger log =
        (Logger) LoggerFactory.getLogger(FeignTokenEndpoint.class);
    ListAppender<ILoggingEvent> lines =
        new ListAppender<>();
    lines.start();
    log.addAppender(lines);
    try {
      assertThat(endpoint.exchange(Wire.GUIDE_CLIENT, Wire.CLIENT_CREDENTIALS).expiresIn())
          .isEqualTo(Duration.ofSeconds(90));
      assertThat(endpoint.exchange(Wire.GUIDE_CLIENT, Wire.CLIENT_CREDENTIALS).expiresIn())
          .isEqualTo(Duration.ofSeconds(90));
    } finally {
      log.detachAppender(lines);
    }

    assertThat(lines.list)
        .filteredOn(event -> event.getLevel() == Level.INFO)
        .singleElement()
        .satisfies(event -> assertThat(event.getFormattedMessage())
            .contains("sends no expires_in", "90 s", "KREBIT_EXPIRES_IN_WHEN_ABSENT")
            .doesNotContain(TOKEN));
    assertThat(TestEndpoints.at(SERVER.baseUrl()).build().exchange(Wire.GUIDE_CLIENT, Wire.CLIENT_CREDENTIALS)
        .expiresIn()).as("the default").isEqualTo(FeignTokenEndpoint.DEFAULT_EXPIRES_IN_WHEN_ABSENT);
  }

  @Test
  void a200CarryingAnErrorMemberIsThatOAuthError() {
    stub200("{\"error\":\"invalid_grant\",\"access_token\":\"" + TOKEN + "\"}");

    InvalidGrantException error = Thrown.by(InvalidGrantException.class, this::exchange);

    assertThat(error.httpStatus()).isEqualTo(200);
    assertThat(error.requestId()).contains(Wire.REQUEST_ID);
    assertThat(SERVER.findAll(Wire.tokenRequests())).hasSize(1);
  }

  static Stream<Arguments> badResponses() {
    String nested = "[".repeat(5000) + "]".repeat(5000);
    return Stream.of(
        bad(
            "HTML page",
            html("<html><body>Sign in " + TOKEN + "</body></html>"),
            "content type is text/html"),
        bad("not JSON", json("access_token=" + TOKEN), "not valid JSON"),
        bad("bare word", json("{\"access_token\": " + TOKEN + "}"), "not valid JSON"),
        bad("truncated JSON", json("{\"access_token\":\"" + TOKEN + "\","), "not valid JSON"),
        bad("trailing content", json(good() + " {\"x\":\"" + TOKEN + "\"}"), "not valid JSON"),
        bad("empty body", json(""), "empty"),
        bad("JSON array", json("[\"" + TOKEN + "\"]"), "JSON array, not an object"),
        bad("JSON string", json("\"" + TOKEN + "\""), "JSON string, not an object"),
        bad(
            "duplicate access_token",
            json(
                "{\"access_token\":\"a\",\"access_token\":\""
                    + TOKEN
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":1}"),
            "duplicate member"),
        bad(
            "absurd nesting",
            json("{\"x\":" + nested + ",\"access_token\":\"" + TOKEN + "\"}"),
            "nested deeper"),
        bad(
            "missing access_token",
            json("{\"token_type\":\"Bearer\",\"expires_in\":3600}"),
            "access_token is missing"),
        bad(
            "null access_token",
            json(body("null", "\"Bearer\"", "3600")),
            "access_token is missing"),
        bad(
            "empty access_token",
            json(body("\"\"", "\"Bearer\"", "3600")),
            "access_token is empty"),
        bad(
            "numeric access_token",
            json(body("12345", "\"Bearer\"", "3600")),
            "access_token is not a string"),
        bad(
            "control characters in access_token",
            json(body("\"a\\r\\nX-Evil: 1\"", "\"Bearer\"", "3600")),
            "access_token has characters outside printable ASCII"),
        bad(
            "negative expires_in",
            json(body(tokenJson(), "\"Bearer\"", "-1")),
            "expires_in is not a positive"),
        bad(
            "zero expires_in",
            json(body(tokenJson(), "\"Bearer\"", "0")),
            "expires_in is not a positive"),
        bad(
            "huge expires_in",
            json(body(tokenJson(), "\"Bearer\"", "99999999999999999999")),
            "expires_in"),
        bad(
            "fractional expires_in",
            json(body(tokenJson(), "\"Bearer\"", "3600.5")),
            "not a whole number"),
        bad(
            "non-numeric expires_in",
            json(body(tokenJson(), "\"Bearer\"", "\"soon\"")),
            "not a whole number"),
        bad(
            "fractional string expires_in",
            json(body(tokenJson(), "\"Bearer\"", "\"3600.5\"")),
            "not a whole number"),
        bad(
            "negative string expires_in",
            json(body(tokenJson(), "\"Bearer\"", "\"-60\"")),
            "not a whole number"),
        bad(
            "boolean expires_in",
            json(body(tokenJson(), "\"Bearer\"", "true")),
            "not a whole number"),
        bad(
            "missing token_type",
            json("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600}"),
            "token_type is missing"),
        bad(
            "MAC token_type",
            json(body(tokenJson(), "\"mac\"", "3600")),
            "token_type is not Bearer"),
        bad(
            "numeric refresh_token",
            json(
                "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":1,\"refresh_token\":7}"),
            "refresh_token is not a string"),
        bad(
            "array scope",
            json(
                "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":1,\"scope\":[\"read\"]}"),
            "scope is not a string"),
        bad(
            "scope token with a control character",
            json(
                "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":1,\"scope\":\"read\\u0007 write\"}"),
            "scope has a token with characters RFC 6749 does not allow"),
        bad(
            "numeric error member",
            json("{\"error\":400,\"access_token\":\"" + TOKEN + "\"}"),
            "error member is not a non-empty string"),
        bad(
            "body over the cap with Content-Length",
            json("{\"access_token\":\"" + TOKEN + "\",\"padding\":\"" + "x".repeat(1_100_000) + "\"}"),
            "larger than the limit of 1048576 bytes"),
        bad(
            "body over the cap, chunked",
            json("{\"access_token\":\"" + TOKEN + "\",\"padding\":\"" + "x".repeat(1_100_000) + "\"}")
                .withChunkedDribbleDelay(4, 50),
            "larger than the limit of 1048576 bytes"),
        bad(
            "204 without body",
            aResponse().withStatus(204).withHeader("request_id", Wire.REQUEST_ID),
            "empty"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badResponses")
  void refusesBadResponsesWithAClearMessageThatQuotesNothing(
      String name, ResponseDefinitionBuilder response, String reason) {
    SERVER.stubFor(Wire.tokenRequest().willReturn(response));

    InvalidTokenResponseException error =
        Thrown.by(InvalidTokenResponseException.class, this::exchange);

    assertThat(error).hasMessageContaining(reason).hasMessageNotContaining(TOKEN).hasNoCause();
    assertThat(error.toString()).doesNotContain(TOKEN);
    assertThat(error.requestId()).contains(Wire.REQUEST_ID);
    assertThat(error.isRetryable()).isFalse();
    assertThat(SERVER.findAll(Wire.tokenRequests())).hasSize(1);
  }

  @Test
  void doesNotFollowRedirects() {
    SERVER.stubFor(
        Wire.tokenRequest()
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", "https://elsewhere.example/token")));

    InvalidTokenResponseException error =
        Thrown.by(InvalidTokenResponseException.class, this::exchange);

    assertThat(error)
        .hasMessageContaining("HTTP 302")
        .hasMessageContaining("redirects are not followed");
    assertThat(error.httpStatus()).isEqualTo(302);
    assertThat(SERVER.getAllServeEvents()).hasSize(1);
  }

  private TokenResponse exchange() {
    return TestEndpoints.at(SERVER.baseUrl())
        .build()
        .exchange(Wire.GUIDE_CLIENT, Wire.CLIENT_CREDENTIALS);
  }

  private static void stub200(String body) {
    SERVER.stubFor(Wire.tokenRequest().willReturn(json(body)));
  }

  private static Arguments bad(String name, ResponseDefinitionBuilder response, String reason) {
    return Arguments.of(name, response, reason);
  }

  private static ResponseDefinitionBuilder json(String body) {
    return Wire.json(200, body);
  }

  private static ResponseDefinitionBuilder html(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8")
        .withHeader("request_id", Wire.REQUEST_ID)
        .withBody(body);
  }

  private static String tokenJson() {
    return "\"" + TOKEN + "\"";
  }

  private static String good() {
    return body(tokenJson(), "\"Bearer\"", "3600");
  }

  private static String body(String accessToken, String tokenType, String expiresIn) {
    return "{\"access_token\":"
        + accessToken
        + ",\"token_type\":"
        + tokenType
        + ",\"expires_in\":"
        + expiresIn
        + "}";
  }
}
