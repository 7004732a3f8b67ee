package se.krebit.auth.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Logger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import se.krebit.auth.ClientSecret;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.Tenant;
import se.krebit.http.HttpConfig;

class FeignTokenEndpointBuilderTest {
  private static final URI LOCAL = URI.create("http://127.0.0.1:8089/oauth/token");

  @Test
  void defaultsAreTheNamedConstants() {
    EndpointSettings settings =
        FeignTokenEndpoint.builder().tokenEndpoint(LOCAL).build().settings();

    assertThat(settings.requestFormat()).isEqualTo(RequestFormat.JSON);
    assertThat(settings.clientAuthentication()).isEqualTo(ClientAuthentication.BODY);
    assertThat(settings.expiresInWhenAbsent()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.alternativeTokenEndpoint()).as("set explicitly: no other").isNull();
    assertThat(settings.http())
        .as("the same HTTP defaults as API calls")
        .isSameAs(HttpConfig.ofDefaults());
    assertThat(settings.circuitBreakerFailureRate()).isEqualTo(50f);
    assertThat(settings.circuitBreakerWindow()).isEqualTo(10);
    assertThat(settings.circuitBreakerOpenDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.clock()).isEqualTo(Clock.systemUTC());
  }

  @Test
  void tenantSetsItsTokenEndpoint() {
    FeignTokenEndpoint endpoint =
        FeignTokenEndpoint.builder().tenant(Tenant.organization("acme")).build();

    assertThat(endpoint.settings().tokenEndpoint())
        .isEqualTo(URI.create("https://acme.krebit.se/oauth/token"));
    assertThat(endpoint.settings().alternativeTokenEndpoint())
        .isEqualTo(URI.create("https://acme.krebit.se/api/oauth/token"));
    assertThat(endpoint)
        .hasToString("FeignTokenEndpoint[https://acme.krebit.se/oauth/token, JSON, BODY]");
  }

  @Test
  void anExplicitTokenEndpointOrPathHasNoAlternative() {
    assertThat(
            FeignTokenEndpoint.builder()
                .tenant(Tenant.organization("acme"))
                .tokenEndpoint(LOCAL)
                .build()
                .settings()
                .alternativeTokenEndpoint())
        .isNull();
    EndpointSettings pinned =
        FeignTokenEndpoint.builder()
            .tenant(Tenant.organization("acme").withTokenPath("/api/oauth/token"))
            .build()
            .settings();
    assertThat(pinned.tokenEndpoint())
        .isEqualTo(URI.create("https://acme.krebit.se/api/oauth/token"));
    assertThat(pinned.alternativeTokenEndpoint()).isNull();
  }

  @Test
  void aConfigSetsEverythingItHolds() {
    KrebitAuthConfig config =
        KrebitAuthConfig.custom()
            .tenant(
                Tenant.organization("acme")
                    .withTokenEndpoint(URI.create("https://sso.example/token")))
            .clientId("my-app")
            .clientSecret(() -> ClientSecret.of("s"))
            .requestFormat(RequestFormat.FORM)
            .clientAuthentication(ClientAuthentication.BASIC)
            .expiresInWhenAbsent(Duration.ofSeconds(42))
            .http(HttpConfig.custom().maxAttempts(2).build())
            .build();

    EndpointSettings settings = FeignTokenEndpoint.builder().config(config).build().settings();

    assertThat(settings.tokenEndpoint()).isEqualTo(URI.create("https://sso.example/token"));
    assertThat(settings.requestFormat()).isEqualTo(RequestFormat.FORM);
    assertThat(settings.clientAuthentication()).isEqualTo(ClientAuthentication.BASIC);
    assertThat(settings.expiresInWhenAbsent()).isEqualTo(Duration.ofSeconds(42));
    assertThat(settings.http().maxAttempts()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT0S", "PT-1S", "PT0.5S", "PT1.5S"})
  void expiresInWhenAbsentIsWholePositiveSeconds(String lifetime) {
    assertThatThrownBy(
            () -> FeignTokenEndpoint.builder().expiresInWhenAbsent(Duration.parse(lifetime)))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("expiresInWhenAbsent must be a whole number of seconds");
    assertThatThrownBy(
            () -> KrebitAuthConfig.custom().expiresInWhenAbsent(Duration.parse(lifetime)))
        .isInstanceOf(KrebitConfigurationException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://acme.krebit.se/oauth/token",
        "http://10.0.0.7/oauth/token",
        "http://localhost.attacker.example/oauth/token",
        "http://127.0.0.1.nip.io/oauth/token"
      })
  void refusesPlainHttpToNonLoopbackHostsAtBuildTime(String url) {
    assertThatThrownBy(() -> FeignTokenEndpoint.builder().tokenEndpoint(URI.create(url)))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("tokenEndpoint must use https");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://acme.krebit.se/oauth/token",
        "/oauth/token",
        "https://user:pass@acme.krebit.se/oauth/token",
        "https://acme.krebit.se/oauth/token?x=1",
        "https://acme.krebit.se/oauth/token#frag"
      })
  void refusesMalformedEndpoints(String url) {
    assertThatThrownBy(() -> FeignTokenEndpoint.builder().tokenEndpoint(URI.create(url)))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("tokenEndpoint")
        .hasMessageNotContaining("pass");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost:8089/oauth/token",
        "http://127.0.0.1:8089/oauth/token",
        "http://127.1.2.3/oauth/token",
        "http://[::1]:8089/oauth/token",
        "https://acme.krebit.se/oauth/token"
      })
  void acceptsHttpsAndLoopbackHttp(String url) {
    assertThat(
            FeignTokenEndpoint.builder()
                .tokenEndpoint(URI.create(url))
                .build()
                .settings()
                .tokenEndpoint())
        .isEqualTo(URI.create(url));
  }

  static Stream<Arguments> invalidSettings() {
    return Stream.of(
        invalid("circuitBreakerFailureRate", b -> b.circuitBreakerFailureRate(0f)),
        invalid("circuitBreakerFailureRate", b -> b.circuitBreakerFailureRate(100.5f)),
        invalid("circuitBreakerFailureRate", b -> b.circuitBreakerFailureRate(Float.NaN)),
        invalid("circuitBreakerWindow", b -> b.circuitBreakerWindow(0)),
        invalid("circuitBreakerOpenDuration", b -> b.circuitBreakerOpenDuration(Duration.ZERO)));
  }

  private static Arguments invalid(String field, Consumer<FeignTokenEndpoint.Builder> setter) {
    return Arguments.of(field, setter);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSettings")
  void settersRefuseInvalidValuesNamingTheField(
      String field, Consumer<FeignTokenEndpoint.Builder> setter) {
    FeignTokenEndpoint.Builder builder = FeignTokenEndpoint.builder();

    assertThatThrownBy(() -> setter.accept(builder))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageStartingWith(field + " must");
  }

  @Test
  void settersRefuseNullNamingTheField() {
    FeignTokenEndpoint.Builder builder = FeignTokenEndpoint.builder();

    assertThatNullPointerException().isThrownBy(() -> builder.http(null)).withMessage("http");
    assertThatNullPointerException().isThrownBy(() -> builder.tenant(null)).withMessage("tenant");
  }

  @Test
  void buildNeedsAnEndpoint() {
    assertThatThrownBy(() -> FeignTokenEndpoint.builder().build())
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("tokenEndpoint is required");
  }

  @Test
  void toBuilderKeepsEverySetting() throws Exception {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, null, null);
    Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
    FeignTokenEndpoint original =
        FeignTokenEndpoint.builder()
            .tokenEndpoint(LOCAL)
            .requestFormat(RequestFormat.FORM)
            .http(
                HttpConfig.custom()
                    .maxAttempts(5)
                    .logLevel(Logger.Level.FULL)
                    .sslContext(tls)
                    .build())
            .circuitBreakerFailureRate(75f)
            .circuitBreakerWindow(4)
            .circuitBreakerOpenDuration(Duration.ofSeconds(7))
            .clock(clock)
            .build();

    assertThat(original.toBuilder().build().settings()).isEqualTo(original.settings());
    HttpConfig once = HttpConfig.from(original.settings().http()).maxAttempts(1).build();
    assertThat(original.toBuilder().http(once).build().settings().http().maxAttempts())
        .isEqualTo(1);
    assertThat(original.settings().http().maxAttempts()).isEqualTo(5);
    assertThat(original.settings().http().sslContext()).containsSame(tls);
  }
}
