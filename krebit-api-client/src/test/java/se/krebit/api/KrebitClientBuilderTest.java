package se.krebit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Logger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.Tenant;
import se.krebit.auth.TokenSource;
import se.krebit.http.HttpConfig;

class KrebitClientBuilderTest {
  private static final TokenSource TOKENS = new FixedTokenSource("t");
  private static final Tenant ACME = Tenant.organization("acme");

  @Test
  void defaultsAreTheNamedConstants() {
    ApiSettings settings =
        KrebitClient.builder().tenant(ACME).tokenSource(TOKENS).build().settings();

    assertThat(settings.apiBase()).isEqualTo(URI.create("https://acme.krebit.se/api/1.0/"));
    assertThat(settings.target()).isEqualTo("https://acme.krebit.se/api/1.0");
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.callTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.http().maxAttempts()).isEqualTo(3);
    assertThat(settings.http().initialBackoff()).isEqualTo(Duration.ofMillis(200));
    assertThat(settings.http().maxBackoff()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.http().maxRetryAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.maxResponseBytes()).isEqualTo(1024 * 1024);
    assertThat(settings.sslContext()).isNull();
    assertThat(settings.clock()).isEqualTo(Clock.systemUTC());
    assertThat(settings.http().logLevel()).isEqualTo(Logger.Level.BASIC);
  }

  @Test
  void aBaseUriIsTheApiRootWithATrailingSlash() {
    KrebitClient client =
        KrebitClient.builder()
            .baseUri(URI.create("https://proxy.example/krebit/api/1.0"))
            .tokenSource(TOKENS)
            .build();

    assertThat(client.apiBaseUri()).isEqualTo(URI.create("https://proxy.example/krebit/api/1.0/"));
    assertThat(client).hasToString("KrebitClient[https://proxy.example/krebit/api/1.0/]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://acme.krebit.se/api/1.0/",
        "ftp://acme.krebit.se/",
        "https://u:p@acme.krebit.se/",
        "https://acme.krebit.se/?x=1",
        "/api/1.0/"
      })
  void onlyHttpsOrLoopbackHttpBaseUrisAreAccepted(String uri) {
    assertThatThrownBy(() -> KrebitClient.builder().baseUri(URI.create(uri)))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageStartingWith("baseUri must");
  }

  @Test
  void plainHttpIsAcceptedForLoopback() {
    assertThat(
            KrebitClient.builder()
                .baseUri(URI.create("http://127.0.0.1:8089/api/1.0/"))
                .tokenSource(TOKENS)
                .build())
        .isNotNull();
  }

  @Test
  void theTenantAndTheTokenSourceAreRequired() {
    assertThatThrownBy(() -> KrebitClient.builder().tokenSource(TOKENS).build())
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessage("tenant is required: set tenant(...) or baseUri(...)");
    assertThatThrownBy(() -> KrebitClient.builder().tenant(ACME).build())
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessage("tokenSource is required: set tokenSource(...)");
  }

  @Test
  void theClientsOwnSettingsAreCheckedAndNamed() {

    assertThatThrownBy(() -> HttpConfig.custom().maxResponseBytes(10))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessage("maxResponseBytes must be 1024 to 67108864; got 10");
    assertThatThrownBy(() -> HttpConfig.custom().initialBackoff(Duration.ofSeconds(6)).build())
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessage("maxBackoff (PT5S) must not be below initialBackoff (PT6S)");
  }

  @Test
  void anHttpConfigReplacesTheDefaultsItSets() throws Exception {
    SSLContext tls = SSLContext.getDefault();
    HttpConfig transport =
        HttpConfig.custom()
            .callTimeout(Duration.ofSeconds(7))
            .maxAttempts(1)
            .sslContext(tls)
            .logLevel(Logger.Level.FULL)
            .build();

    ApiSettings settings =
        KrebitClient.builder().tenant(ACME).tokenSource(TOKENS).http(transport).build().settings();

    assertThat(settings.connectTimeout()).isEqualTo(HttpConfig.DEFAULT_CONNECT_TIMEOUT);
    assertThat(settings.callTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(settings.http().maxAttempts()).isEqualTo(1);
    assertThat(settings.sslContext()).isSameAs(tls);
    assertThat(settings.http().logLevel()).isEqualTo(Logger.Level.FULL);
  }

  @Test
  void toBuilderKeepsEverySetting() {
    KrebitClient original =
        KrebitClient.builder()
            .tenant(ACME)
            .tokenSource(TOKENS)
            .http(
                HttpConfig.custom()
                    .maxAttempts(5)
                    .logLevel(Logger.Level.NONE)
                    .maxResponseBytes(4096)
                    .build())
            .build();

    assertThat(original.toBuilder().build().settings()).isEqualTo(original.settings());
    assertThat(
            original.toBuilder()
                .clock(Clock.systemDefaultZone())
                .build()
                .settings()
                .http()
                .maxAttempts())
        .isEqualTo(5);
    assertThat(original.withTokenSource(new FixedTokenSource("u")).settings().http().maxAttempts())
        .isEqualTo(5);
  }
}
