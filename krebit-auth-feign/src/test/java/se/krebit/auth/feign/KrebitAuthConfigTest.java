package se.krebit.auth.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Logger;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.krebit.auth.ClientSecret;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.Tenant;
import se.krebit.http.HttpConfig;

class KrebitAuthConfigTest {
  private static final String SECRET = "cs-PLANTED-6d1f";

  private static Map<String, String> env(String... keysAndValues) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      env.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return env;
  }

  private static Map<String, String> complete() {
    return env(
        "KREBIT_TENANT", "acme", "KREBIT_CLIENT_ID", "my-app", "KREBIT_CLIENT_SECRET", SECRET);
  }

  @Test
  void readsTheRequiredKeysFromTheEnvironment() {
    KrebitAuthConfig config = KrebitAuthConfig.fromEnvironment(complete(), Map.of());

    assertThat(config.tenant()).isEqualTo(Tenant.organization("acme"));
    assertThat(config.clientId()).isEqualTo("my-app");
    assertThat(config.credentials().secret().reveal()).isEqualTo(SECRET);
    assertThat(config.redirectUris()).isEmpty();
    assertThat(config.http()).hasToString(HttpConfig.ofDefaults().toString());
    assertThat(config.toString()).doesNotContain(SECRET).contains("clientSecret=redacted");
  }

  @Test
  void readsTheOptionalKeysAndSystemPropertiesWin() {
    Map<String, String> env = complete();
    env.put("KREBIT_REDIRECT_URIS", "https://app.example/cb, http://127.0.0.1:8080/cb");
    env.put("KREBIT_CONNECT_TIMEOUT", "PT3S");
    env.put("KREBIT_READ_TIMEOUT", "PT0.5S");
    env.put("KREBIT_MAX_ATTEMPTS", "2");
    env.put("KREBIT_MAX_RETRY_AFTER", "PT1S");
    env.put("KREBIT_LOG_LEVEL", "none");
    Map<String, String> properties =
        Map.of(
            "krebit.tenant",
            "http://127.0.0.1:9999",
            "krebit.max.attempts",
            "4",
            "krebit.client.id",
            " ");

    KrebitAuthConfig config = KrebitAuthConfig.fromEnvironment(env, properties);

    assertThat(config.tenant().baseUri()).isEqualTo(URI.create("http://127.0.0.1:9999/"));
    assertThat(config.clientId())
        .as("a blank property does not hide the variable")
        .isEqualTo("my-app");
    assertThat(config.redirectUris())
        .containsExactly(
            URI.create("https://app.example/cb"), URI.create("http://127.0.0.1:8080/cb"));
    assertThat(config.http().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.http().callTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.http().maxAttempts()).isEqualTo(4);
    assertThat(config.http().maxRetryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.http().logLevel()).isEqualTo(Logger.Level.NONE);
  }

  @Test
  void everyMissingKeyIsNamedInOneError() {
    assertThatThrownBy(
            () -> KrebitAuthConfig.fromEnvironment(Map.of("KREBIT_CLIENT_ID", "my-app"), Map.of()))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining(
            "KREBIT_TENANT is not set (environment variable KREBIT_TENANT or system property krebit.tenant)")
        .hasMessageContaining("KREBIT_CLIENT_SECRET is not set")
        .hasMessageNotContaining("KREBIT_CLIENT_ID");
  }

  @Test
  void everyMalformedKeyIsNamedAndTheSecretNeverShown() {
    Map<String, String> env = complete();
    env.put("KREBIT_TENANT", "Not A Label");
    env.put("KREBIT_CLIENT_ID", "bad\nid");
    env.put("KREBIT_REDIRECT_URIS", "http://evil.example/cb");
    env.put("KREBIT_CONNECT_TIMEOUT", "5 seconds");
    env.put("KREBIT_READ_TIMEOUT", "PT0S");
    env.put("KREBIT_MAX_ATTEMPTS", "lots");
    env.put("KREBIT_MAX_RETRY_AFTER", "-PT1S");
    env.put("KREBIT_LOG_LEVEL", "LOUD");

    assertThatThrownBy(() -> KrebitAuthConfig.fromEnvironment(env, Map.of()))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("KREBIT_TENANT: tenant organization must be a DNS label")
        .hasMessageContaining("KREBIT_CLIENT_ID: client id must be 1 to 255 printable characters")
        .hasMessageContaining("KREBIT_REDIRECT_URIS: redirect URI must use https")
        .hasMessageContaining(
            "KREBIT_CONNECT_TIMEOUT: must be an ISO-8601 duration such as PT10S or PT0.5S")
        .hasMessageContaining("KREBIT_READ_TIMEOUT: callTimeout must be at least 1 ms")
        .hasMessageContaining("KREBIT_MAX_ATTEMPTS: must be a whole number")
        .hasMessageContaining("KREBIT_MAX_RETRY_AFTER: maxRetryAfter must not be negative")
        .hasMessageContaining("KREBIT_LOG_LEVEL: must be one of NONE, BASIC, HEADERS, FULL")
        .hasMessageNotContaining(SECRET)
        // the kind of problem, never the value (issue 15.5)
        .hasMessageNotContaining("Not A Label")
        .hasMessageNotContaining("evil.example")
        .hasMessageNotContaining("5 seconds")
        .hasMessageNotContaining("lots")
        .hasMessageNotContaining("LOUD");
  }

  @Test
  void aSecretPastedIntoAnotherKeyIsNotEchoedByItsError() {
    Map<String, String> env = complete();
    env.put("KREBIT_TENANT", SECRET);

    assertThatThrownBy(() -> KrebitAuthConfig.fromEnvironment(env, Map.of()))
        .hasMessageContaining("KREBIT_TENANT: tenant organization must be a DNS label")
        .hasMessageNotContaining(SECRET);
  }

  /**
   * The error once cut a quoted value to 128 characters before redacting the secret, so a secret
   * after ~110 other characters leaked its first part (issue 15.5): no part of any value is echoed.
   */
  @Test
  void noPartOfAMistypedValueIsEchoedWhereverTheSecretSitsInIt() {
    String stranger =
        "sk-live-PLANTED-" + "q".repeat(40) + "?"; // the '?' makes it no token path either
    for (String key :
        List.of(
            "KREBIT_TENANT",
            "KREBIT_REDIRECT_URIS",
            "KREBIT_CONNECT_TIMEOUT",
            "KREBIT_MAX_ATTEMPTS",
            "KREBIT_LOG_LEVEL",
            "KREBIT_TOKEN_PATH",
            "KREBIT_TOKEN_URL",
            "KREBIT_AUTHORIZE_URL",
            "KREBIT_REQUEST_FORMAT",
            "KREBIT_CLIENT_AUTHENTICATION",
            "KREBIT_EXPIRES_IN_WHEN_ABSENT")) {
      for (int prefix : new int[] {0, 50, 110, 127, 200}) {
        Map<String, String> env = complete();
        env.put(key, "x".repeat(prefix) + stranger);

        assertThatThrownBy(() -> KrebitAuthConfig.fromEnvironment(env, Map.of()))
            .as("%s after %d characters", key, prefix)
            .hasMessageContaining(key + ": ")
            .hasMessageNotContaining("PLANTED")
            .hasMessageNotContaining("xxxxxxxx");
      }
    }
  }

  @Test
  void theBuilderNamesWhatIsMissingAndChecksRedirectUris() {
    assertThatThrownBy(() -> KrebitAuthConfig.custom().clientId("x").build())
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessage("KrebitAuthConfig needs tenant, clientSecret: set them on the builder");
    assertThatThrownBy(
            () -> KrebitAuthConfig.custom().redirectUris(URI.create("http://app.example/cb")))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("redirect URI must use https");
  }

  @Test
  void fromDerivesAVariantAndRedirectUrisReplaceWhatWasSet() {
    URI first = URI.create("https://app.example/cb");
    URI second = URI.create("http://127.0.0.1:8080/cb");
    KrebitAuthConfig base =
        KrebitAuthConfig.custom()
            .tenant(Tenant.organization("acme"))
            .clientId("my-app")
            .clientSecret(() -> ClientSecret.of(SECRET))
            .redirectUris(first, second, first)
            .requestFormat(RequestFormat.FORM)
            .build();

    KrebitAuthConfig variant =
        KrebitAuthConfig.from(base)
            .redirectUris(second)
            .http(HttpConfig.custom().maxAttempts(1).build())
            .build();

    assertThat(base.redirectUris()).containsExactly(first, second);
    assertThat(variant.redirectUris()).containsExactly(second);
    assertThat(variant.http().maxAttempts()).isEqualTo(1);
    assertThat(variant.tenant()).isEqualTo(base.tenant());
    assertThat(variant.requestFormat()).isEqualTo(RequestFormat.FORM);
    assertThat(variant.clientAuthentication())
        .isEqualTo(KrebitAuthConfig.DEFAULT_CLIENT_AUTHENTICATION);
    assertThat(variant.expiresInWhenAbsent())
        .isEqualTo(KrebitAuthConfig.DEFAULT_EXPIRES_IN_WHEN_ABSENT);
    assertThat(variant.credentials().secret().reveal()).isEqualTo(SECRET);
    assertThat(variant.toString()).doesNotContain(SECRET).contains("clientSecret=redacted");
    assertThat(KrebitAuthConfig.from(base).redirectUris().build().redirectUris()).isEmpty();
    assertThatThrownBy(
            () -> KrebitAuthConfig.from(base).redirectUris(second, URI.create("http://app/cb")))
        .isInstanceOf(KrebitConfigurationException.class);
    assertThat(KrebitAuthConfig.from(base).build().redirectUris())
        .as("a refused list leaves nothing half set")
        .containsExactly(first, second);
  }

  @Test
  void theSecretSupplierIsAskedForCredentials() {
    int[] calls = {0};
    KrebitAuthConfig config =
        KrebitAuthConfig.custom()
            .tenant(Tenant.organization("acme"))
            .clientId("my-app")
            .clientSecret(
                () -> {
                  calls[0]++;
                  return ClientSecret.of(SECRET);
                })
            .build();

    assertThat(calls[0]).isZero();
    assertThat(config.credentials().clientId()).isEqualTo("my-app");
    assertThat(calls[0]).isEqualTo(1);
    assertThat(config.toString()).doesNotContain(SECRET);
  }

  @Test
  void readsTheEndpointAndTokenRequestKeys() {
    Map<String, String> env = complete();
    env.put("KREBIT_TOKEN_PATH", "/api/oauth/token");
    env.put("KREBIT_AUTHORIZE_URL", "https://sso.example/auth");
    env.put("KREBIT_REQUEST_FORMAT", "form");
    env.put("KREBIT_CLIENT_AUTHENTICATION", "Basic");
    env.put("KREBIT_EXPIRES_IN_WHEN_ABSENT", "PT10M");

    KrebitAuthConfig config = KrebitAuthConfig.fromEnvironment(env, Map.of());

    assertThat(config.tenant().tokenEndpoint())
        .isEqualTo(URI.create("https://acme.krebit.se/api/oauth/token"));
    assertThat(config.tenant().alternativeTokenEndpoint()).isEmpty();
    assertThat(config.tenant().authorizationEndpoint())
        .isEqualTo(URI.create("https://sso.example/auth"));
    assertThat(config.requestFormat()).isEqualTo(RequestFormat.FORM);
    assertThat(config.clientAuthentication()).isEqualTo(ClientAuthentication.BASIC);
    assertThat(config.expiresInWhenAbsent()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.toString())
        .contains("tokenEndpoint=https://acme.krebit.se/api/oauth/token", "FORM", "BASIC");
    assertThat(
            KrebitAuthConfig.fromEnvironment(complete(), Map.of())
                .tenant()
                .alternativeTokenEndpoint())
        .as("unset: the default path, with the other as alternative")
        .isPresent();
  }

  @Test
  void aTokenUrlReplacesTheTenantsTokenEndpointAndSystemPropertiesWin() {
    Map<String, String> env = complete();
    env.put("KREBIT_TOKEN_URL", "https://sso.example/token");

    Tenant tenant =
        KrebitAuthConfig.tenantFromEnvironment(
            env, Map.of("krebit.token.url", "https://sso.example/t2"));

    assertThat(tenant.tokenEndpoint()).isEqualTo(URI.create("https://sso.example/t2"));
    assertThat(tenant.baseUri()).isEqualTo(URI.create("https://acme.krebit.se/"));
  }

  @Test
  void malformedEndpointAndTokenRequestKeysAreNamed() {
    Map<String, String> env = complete();
    env.put("KREBIT_TOKEN_PATH", "../token");
    env.put("KREBIT_AUTHORIZE_URL", "http://sso.example/auth");
    env.put("KREBIT_REQUEST_FORMAT", "xml");
    env.put("KREBIT_CLIENT_AUTHENTICATION", "jwt");
    env.put("KREBIT_EXPIRES_IN_WHEN_ABSENT", "PT0S");

    assertThatThrownBy(() -> KrebitAuthConfig.fromEnvironment(env, Map.of()))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("KREBIT_TOKEN_PATH: tokenPath must be a path")
        .hasMessageContaining("KREBIT_AUTHORIZE_URL: authorizationEndpoint must use https")
        .hasMessageContaining("KREBIT_REQUEST_FORMAT: must be one of [JSON, FORM]")
        .hasMessageContaining("KREBIT_CLIENT_AUTHENTICATION: must be one of [BODY, BASIC]")
        .hasMessageContaining(
            "KREBIT_EXPIRES_IN_WHEN_ABSENT: expiresInWhenAbsent must be a whole number")
        .hasMessageNotContaining("../token")
        .hasMessageNotContaining("sso.example")
        .hasMessageNotContaining("xml")
        .hasMessageNotContaining("jwt")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void aTokenPathAndATokenUrlTogetherAreRefused() {
    Map<String, String> env = complete();
    env.put("KREBIT_TOKEN_PATH", "/api/oauth/token");
    env.put("KREBIT_TOKEN_URL", "https://sso.example/token");

    assertThatThrownBy(() -> KrebitAuthConfig.tenantFromEnvironment(env, Map.of()))
        .isInstanceOf(KrebitConfigurationException.class)
        .hasMessageContaining("KREBIT_TOKEN_PATH and KREBIT_TOKEN_URL are both set");
  }
}
