package se.krebit.auth.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.krebit.auth.InvalidClientException;
import se.krebit.auth.InvalidGrantException;
import se.krebit.auth.InvalidTokenResponseException;
import se.krebit.auth.OAuthErrorException;
import se.krebit.auth.UnsupportedGrantTypeException;

/** OAuth errors become their types with {@code request_id}, and are never retried. */
class OAuthErrorIT {
  @RegisterExtension
  static final WireMockExtension SERVER =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static Stream<Arguments> guideErrors() {
    return Stream.of(
        Arguments.of(OAuth2Error.INVALID_CLIENT.getCode(), 401, InvalidClientException.class),
        Arguments.of(
            OAuth2Error.UNSUPPORTED_GRANT_TYPE.getCode(), 400, UnsupportedGrantTypeException.class),
        Arguments.of(OAuth2Error.INVALID_GRANT.getCode(), 400, InvalidGrantException.class),
        Arguments.of(OAuth2Error.INVALID_SCOPE.getCode(), 400, OAuthErrorException.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("guideErrors")
  void mapsOAuthErrorsToTheirTypesWithoutRetrying(
      String code, int status, Class<? extends OAuthErrorException> type) {
    SERVER.stubFor(Wire.tokenRequest().willReturn(Wire.oauthError(status, code)));

    OAuthErrorException error = Thrown.by(OAuthErrorException.class, this::exchange);

    assertThat(error).isExactlyInstanceOf(type);
    assertThat(error.error()).isEqualTo(code);
    assertThat(error.errorDescription()).contains("refused by the test");
    assertThat(error.httpStatus()).isEqualTo(status);
    assertThat(error.requestId()).contains(Wire.REQUEST_ID);
    assertThat(error.isRetryable()).isFalse();
    SERVER.verify(1, Wire.tokenRequests());
  }

  @Test
  void a4xxWithoutAnOAuthErrorBodyIsAnInvalidResponse() {
    SERVER.stubFor(
        Wire.tokenRequest()
            .willReturn(
                aResponse()
                    .withStatus(405)
                    .withHeader("Content-Type", "text/html")
                    .withHeader("request_id", Wire.REQUEST_ID)
                    .withBody("<h1>Method Not Allowed</h1>")));

    InvalidTokenResponseException error =
        Thrown.by(InvalidTokenResponseException.class, this::exchange);

    assertThat(error)
        .hasMessageContaining("HTTP 405 without an OAuth error response")
        .hasMessageContaining("text/html")
        .hasMessageContaining("check the token endpoint URL");
    assertThat(error.httpStatus()).isEqualTo(405);
    assertThat(error.requestId()).contains(Wire.REQUEST_ID);
    SERVER.verify(1, Wire.tokenRequests());
  }

  @Test
  void a4xxWithJsonButNoErrorMemberIsAnInvalidResponse() {
    SERVER.stubFor(Wire.tokenRequest().willReturn(Wire.json(400, "{\"message\":\"bad request\"}")));

    InvalidTokenResponseException error =
        Thrown.by(InvalidTokenResponseException.class, this::exchange);

    assertThat(error).hasMessageContaining("the body has no error member");
    SERVER.verify(1, Wire.tokenRequests());
  }

  @Test
  void oauthErrorsNeverOpenTheCircuit() {
    SERVER.stubFor(Wire.tokenRequest().willReturn(Wire.oauthError(401, "invalid_client")));
    FeignTokenEndpoint endpoint =
        TestEndpoints.at(SERVER.baseUrl()).circuitBreakerWindow(2).build();

    for (int i = 0; i < 5; i++) {
      Thrown.by(
          InvalidClientException.class,
          () -> endpoint.exchange(Wire.GUIDE_CLIENT, Wire.CLIENT_CREDENTIALS));
    }

    SERVER.verify(5, Wire.tokenRequests());
    assertThat(endpoint.resilience().circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  private void exchange() {
    TestEndpoints.at(SERVER.baseUrl()).build().exchange(Wire.GUIDE_CLIENT, Wire.CLIENT_CREDENTIALS);
  }
}
