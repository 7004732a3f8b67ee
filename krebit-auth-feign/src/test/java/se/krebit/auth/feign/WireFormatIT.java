package se.krebit.auth.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.RefreshToken;
import se.krebit.auth.spi.AuthorizationCodeGrant;
import se.krebit.auth.spi.Grant;
import se.krebit.auth.spi.RefreshTokenGrant;

/** The bodies the server receives: the guide's curl examples byte for byte, and RFC 6749 forms. */
class WireFormatIT {
  @RegisterExtension
  static final WireMockExtension SERVER =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final Grant AUTHORIZATION_CODE =
      new AuthorizationCodeGrant(
          "AUTH_CODE_FROM_CALLBACK",
          URI.create("https://yourapp.example.com/oauth/callback"),
          Optional.empty());
  private static final Grant REFRESH =
      new RefreshTokenGrant(new RefreshToken("STORED_REFRESH_TOKEN"), Set.of());

  @BeforeEach
  void stubSuccess() {
    SERVER.stubFor(Wire.tokenRequest().willReturn(Wire.success()));
  }

  static Stream<Arguments> guideExamples() {
    return Stream.of(
        Arguments.of(
            "client_credentials",
            Wire.CLIENT_CREDENTIALS,
            "{\"grant_type\":\"client_credentials\",\"client_id\":\"YOUR_CLIENT_ID\","
                + "\"client_secret\":\"YOUR_CLIENT_SECRET\"}"),
        Arguments.of(
            "authorization_code",
            AUTHORIZATION_CODE,
            "{\"grant_type\":\"authorization_code\",\"client_id\":\"YOUR_CLIENT_ID\","
                + "\"client_secret\":\"YOUR_CLIENT_SECRET\","
                + "\"redirect_uri\":\"https://yourapp.example.com/oauth/callback\","
                + "\"code\":\"AUTH_CODE_FROM_CALLBACK\"}"),
        Arguments.of(
            "refresh_token",
            REFRESH,
            "{\"grant_type\":\"refresh_token\",\"client_id\":\"YOUR_CLIENT_ID\","
                + "\"client_secret\":\"YOUR_CLIENT_SECRET\",\"refresh_token\":\"STORED_REFRESH_TOKEN\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("guideExamples")
  void sendsTheGuidesJsonBody(String name, Grant grant, String expectedBody) {
    TestEndpoints.at(SERVER.baseUrl()).build().exchange(Wire.GUIDE_CLIENT, grant);

    LoggedRequest request = onlyRequest();
    assertThat(request.getBodyAsString()).isEqualTo(expectedBody);
    assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(request.getHeader("Accept")).isEqualTo("application/json");
    SERVER.verify(1, Wire.tokenRequests().withHeader("Content-Type", equalTo("application/json")));
  }

  static Stream<Arguments> formExamples() {
    return Stream.of(
        Arguments.of(
            "client_credentials",
            Wire.CLIENT_CREDENTIALS,
            "grant_type=client_credentials&client_id=YOUR_CLIENT_ID&client_secret=YOUR_CLIENT_SECRET"),
        Arguments.of(
            "authorization_code",
            AUTHORIZATION_CODE,
            "grant_type=authorization_code&client_id=YOUR_CLIENT_ID&client_secret=YOUR_CLIENT_SECRET"
                + "&redirect_uri=https%3A%2F%2Fyourapp.example.com%2Foauth%2Fcallback"
                + "&code=AUTH_CODE_FROM_CALLBACK"),
        Arguments.of(
            "refresh_token",
            REFRESH,
            "grant_type=refresh_token&client_id=YOUR_CLIENT_ID&client_secret=YOUR_CLIENT_SECRET"
                + "&refresh_token=STORED_REFRESH_TOKEN"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formExamples")
  void sendsRfc6749FormBodyWhenAsked(String name, Grant grant, String expectedBody) {
    TestEndpoints.at(SERVER.baseUrl())
        .requestFormat(RequestFormat.FORM)
        .build()
        .exchange(Wire.GUIDE_CLIENT, grant);

    LoggedRequest request = onlyRequest();
    assertThat(request.getBodyAsString()).isEqualTo(expectedBody);
    assertThat(request.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
  }

  static Stream<Arguments> basicExamples() {
    return Stream.of(
        Arguments.of(
            RequestFormat.FORM, "grant_type=refresh_token&refresh_token=STORED_REFRESH_TOKEN"),
        Arguments.of(
            RequestFormat.JSON,
            "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"STORED_REFRESH_TOKEN\"}"));
  }

  /**
   * RFC 6749 §2.3.1: id and secret form-encoded (Appendix B), then joined by a colon and Base64; so
   * a colon in the id can't move the split, and neither goes in the body. Decoded here by hand,
   * with the JDK, not by the library that encoded them.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("basicExamples")
  void httpBasicFormEncodesIdAndSecretAndKeepsThemOutOfTheBody(
      RequestFormat format, String expectedBody) {
    String clientId = "app:1 é";
    String secret = "p&s=w+d: {x} %41 \"q\" åäö";

    TestEndpoints.at(SERVER.baseUrl())
        .requestFormat(format)
        .clientAuthentication(ClientAuthentication.BASIC)
        .build()
        .exchange(ClientCredentials.of(clientId, secret), REFRESH);

    LoggedRequest request = onlyRequest();
    assertThat(request.getBodyAsString()).isEqualTo(expectedBody);
    String authorization = request.getHeader("Authorization");
    assertThat(authorization).startsWith("Basic ");
    String decoded =
        new String(
            Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.US_ASCII);
    int colon = decoded.indexOf(':');
    assertThat(decoded.substring(0, colon)).as("the id, form-encoded").isEqualTo("app%3A1+%C3%A9");
    assertThat(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8))
        .isEqualTo(clientId);
    assertThat(URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8))
        .isEqualTo(secret);
  }

  private static LoggedRequest onlyRequest() {
    List<LoggedRequest> requests = SERVER.findAll(Wire.tokenRequests());
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }
}
