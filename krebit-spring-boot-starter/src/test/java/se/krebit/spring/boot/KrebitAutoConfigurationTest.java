package se.krebit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static se.krebit.spring.boot.KrebitContexts.SECRET;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.assertj.core.api.AbstractThrowableAssert;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import se.krebit.api.Krebit;
import se.krebit.api.KrebitClient;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.TokenSource;
import se.krebit.auth.UserTokens;
import se.krebit.auth.feign.KrebitAuthConfig;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.spi.TokenCipher;
import se.krebit.auth.spi.TokenStore;
import se.krebit.auth.store.jdbc.JdbcStateRepository;
import se.krebit.auth.store.jdbc.JdbcTokenStore;
import se.krebit.micrometer.KrebitMeters;
import se.krebit.tink.TinkTokenCipher;

/** Every condition of the auto-configuration, on contexts that make no request. */
class KrebitAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      KrebitContexts.runner(
          KrebitAutoConfiguration.class,
          KrebitJdbcAutoConfiguration.class,
          KrebitMetricsAutoConfiguration.class,
          KrebitHealthAutoConfiguration.class);

  @Test
  void theBeansOfOneKrebitFromTheProperties() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          Krebit krebit = context.getBean(Krebit.class);
          assertThat(context.getBean(TokenSource.class)).isSameAs(krebit.appTokens());
          assertThat(context.getBean(UserTokens.class)).isSameAs(krebit.users());
          assertThat(context).hasSingleBean(KrebitClient.class);
          assertThat(context).hasSingleBean(KrebitClientHttpRequestInterceptor.class);
          assertThat(context).hasSingleBean(KrebitExchangeFilterFunction.class);
          assertThat(context)
              .doesNotHaveBean(AuthorizationCodeFlow.class); // no redirect URI: no sign-in
          assertThat(context)
              .doesNotHaveBean(TokenStore.class); // no DataSource: in memory, inside Krebit
          assertThat(krebit.config().clientId()).isEqualTo("app");
        });
  }

  @Test
  void redirectUrisGiveTheSignInFlow() {
    runner
        .withPropertyValues("krebit.redirect.uris=http://127.0.0.1:8080/callback")
        .run(
            context ->
                assertThat(context.getBean(AuthorizationCodeFlow.class))
                    .isSameAs(context.getBean(Krebit.class).signIn()));
  }

  @Test
  void theSettingsMapToTheConfigurationAsTheEnvironmentVariablesDo() {
    runner
        .withPropertyValues(
            "krebit.connect.timeout=2s",
            "krebit.read.timeout=PT7S",
            "krebit.max.attempts=5",
            "krebit.max.retry.after=1m",
            "krebit.request.format=form",
            "krebit.client.authentication=basic",
            "krebit.token.path=/api/oauth/token",
            "krebit.expires.in.when.absent=90s")
        .run(
            context -> {
              KrebitAuthConfig config = context.getBean(KrebitAuthConfig.class);
              KrebitAuthConfig fromEnvironment =
                  KrebitAuthConfig.fromEnvironment(
                      Map.ofEntries(
                          Map.entry("KREBIT_TENANT", "http://127.0.0.1:9"),
                          Map.entry("KREBIT_CLIENT_ID", "app"),
                          Map.entry("KREBIT_CLIENT_SECRET", SECRET),
                          Map.entry("KREBIT_CONNECT_TIMEOUT", "PT2S"),
                          Map.entry("KREBIT_READ_TIMEOUT", "PT7S"),
                          Map.entry("KREBIT_MAX_ATTEMPTS", "5"),
                          Map.entry("KREBIT_MAX_RETRY_AFTER", "PT1M"),
                          Map.entry("KREBIT_REQUEST_FORMAT", "FORM"),
                          Map.entry("KREBIT_CLIENT_AUTHENTICATION", "BASIC"),
                          Map.entry("KREBIT_TOKEN_PATH", "/api/oauth/token"),
                          Map.entry("KREBIT_EXPIRES_IN_WHEN_ABSENT", "PT90S")),
                      Map.of());
              assertThat(config.toString()).isEqualTo(fromEnvironment.toString());
              assertThat(config.http().maxAttempts()).isEqualTo(5);
              assertThat(config.http().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
              assertThat(config.expiresInWhenAbsent()).isEqualTo(Duration.ofSeconds(90));
              assertThat(config.tenant().tokenEndpoint().getPath()).isEqualTo("/api/oauth/token");
            });
  }

  @Test
  void theEnvironmentVariablesBindThroughBootsRelaxedBinding() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(KrebitAutoConfiguration.class))
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .addFirst(
                        new SystemEnvironmentPropertySource(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            Map.of(
                                "KREBIT_TENANT",
                                "http://127.0.0.1:9",
                                "KREBIT_CLIENT_ID",
                                "env-app",
                                "KREBIT_CLIENT_SECRET",
                                SECRET,
                                "KREBIT_MAX_ATTEMPTS",
                                "4",
                                "KREBIT_EXPIRES_IN_WHEN_ABSENT",
                                "PT42S"))))
        .run(
            context -> {
              KrebitAuthConfig config = context.getBean(KrebitAuthConfig.class);
              assertThat(config.clientId()).isEqualTo("env-app");
              assertThat(config.http().maxAttempts()).isEqualTo(4);
              assertThat(config.expiresInWhenAbsent()).isEqualTo(Duration.ofSeconds(42));
            });
  }

  @Test
  void aMissingSettingFailsStartupNamingItAndNoSecret() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(KrebitAutoConfiguration.class))
        .withPropertyValues(
            "krebit.client.id=app", "krebit.client.secret=" + SECRET, "krebit.request.format=xml")
        .run(
            context ->
                configurationFailure(context)
                    .hasMessageContaining("KREBIT_TENANT is not set")
                    .hasMessageContaining("KREBIT_REQUEST_FORMAT: must be one of")
                    .hasMessageNotContaining(SECRET));
  }

  @Test
  void theIdeMetadataNamesEverySetting() throws Exception {
    String metadata;
    try (var in =
        KrebitProperties.class.getResourceAsStream(
            "/META-INF/spring-configuration-metadata.json")) {
      metadata =
          new String(
              java.util.Objects.requireNonNull(in, "metadata").readAllBytes(),
              java.nio.charset.StandardCharsets.UTF_8);
    }
    runner
        .withPropertyValues(
            "krebit.redirect.uris=http://127.0.0.1:8080/cb",
            "krebit.token.url=http://127.0.0.1:9/t",
            "krebit.authorize.url=http://127.0.0.1:9/a",
            "krebit.request.format=json",
            "krebit.client.authentication=body",
            "krebit.connect.timeout=1s",
            "krebit.read.timeout=1s",
            "krebit.max.attempts=1",
            "krebit.max.retry.after=1s",
            "krebit.log.level=none",
            "krebit.expires.in.when.absent=1m")
        .run(
            context -> {
              var keys = context.getBean(KrebitProperties.class).toKeys().keySet();
              assertThat(keys)
                  .hasSize(
                      14); // the 15 KREBIT_* keys but the token path, which is not set with the URL
              keys.forEach(key -> assertThat(metadata).contains("\"name\": \"" + key + "\""));
              assertThat(metadata).contains("\"name\": \"krebit.token.path\"");
            });
  }

  @Test
  void thePropertiesNeverShowTheSecret() {
    runner.run(
        context -> {
          KrebitProperties properties = context.getBean(KrebitProperties.class);
          assertThat(properties.toString()).contains("krebit.client.id=app").doesNotContain(SECRET);
          assertThat(properties.getClient().toString()).doesNotContain(SECRET);
          assertThat(context.getBean(KrebitAuthConfig.class).toString()).doesNotContain(SECRET);
          assertThat(context.getBean(Krebit.class).toString()).doesNotContain(SECRET);
        });
  }

  @Test
  void withoutTheApiClientOnTheClassPathNothingIsConfigured() {
    runner
        .withClassLoader(new FilteredClassLoader(Krebit.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TokenSource.class));
  }

  @Test
  void withoutSpringWebOrWebfluxTheirInterceptorIsLeftOut() {
    withoutPackageOnlyOneIsLeft(
        "org.springframework.web.reactive",
        KrebitClientHttpRequestInterceptor.class,
        KrebitExchangeFilterFunction.class);
    withoutPackageOnlyOneIsLeft(
        "org.springframework.http.client",
        KrebitExchangeFilterFunction.class,
        KrebitClientHttpRequestInterceptor.class);
  }

  /**
   * Checks that without {@code hidden}'s classes the context has {@code kept} and not {@code
   * leftOut}.
   */
  private void withoutPackageOnlyOneIsLeft(String hidden, Class<?> kept, Class<?> leftOut) {
    runner
        .withClassLoader(new FilteredClassLoader(hidden))
        .run(context -> assertThat(context).hasSingleBean(kept).doesNotHaveBean(leftOut));
  }

  @Test
  void theApplicationsBeansWin() {
    TokenSource own =
        new TokenSource() {
          @Override
          public se.krebit.auth.AccessToken token() {
            throw new UnsupportedOperationException("not called here");
          }

          @Override
          public void invalidate(se.krebit.auth.AccessToken rejected) {}
        };
    runner
        .withBean("ownTokens", TokenSource.class, () -> own)
        .run(
            context -> {
              assertThat(context.getBean(TokenSource.class)).isSameAs(own);
              assertThat(context.getBean(KrebitClient.class))
                  .isNotSameAs(context.getBean(Krebit.class).client());
            });
    runner
        .withBean(
            "ownConfig",
            KrebitAuthConfig.class,
            () ->
                KrebitAuthConfig.fromEnvironment(
                    Map.of(
                        "KREBIT_TENANT",
                        "http://127.0.0.1:9",
                        "KREBIT_CLIENT_ID",
                        "own",
                        "KREBIT_CLIENT_SECRET",
                        SECRET),
                    Map.of()))
        .run(
            context ->
                assertThat(context.getBean(Krebit.class).config().clientId()).isEqualTo("own"));
  }

  @Test
  void aDataSourceAndACipherGiveTheJdbcStores() {
    runner
        .withBean(DataSource.class, KrebitAutoConfigurationTest::h2)
        .withBean(
            TokenCipher.class,
            () -> TinkTokenCipher.fromKeysetJson(TinkTokenCipher.generateKeysetJson()))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
              assertThat(context.getBean(StateRepository.class))
                  .isInstanceOf(JdbcStateRepository.class);
            });
  }

  @Test
  void aDataSourceWithoutACipherFailsStartupRatherThanKeepTokensInMemory() {
    runner
        .withBean(DataSource.class, KrebitAutoConfigurationTest::h2)
        .run(
            context ->
                configurationFailure(context).hasMessageContaining("define one TokenCipher bean"));
  }

  @Test
  void withoutTheJdbcModuleADataSourceIsLeftAlone() {
    runner
        .withBean(DataSource.class, KrebitAutoConfigurationTest::h2)
        .withClassLoader(new FilteredClassLoader(JdbcTokenStore.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TokenStore.class));
  }

  @Test
  void aMeterRegistryGetsTheMeters() {
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              assertThat(context).hasSingleBean(KrebitMeters.class);
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(registry.find(KrebitMeters.CIRCUIT_STATE).gauges()).isNotEmpty();
            });
    runner.run(context -> assertThat(context).doesNotHaveBean(KrebitMeters.class));
  }

  /**
   * Checks that {@code context} failed to start for a {@link KrebitConfigurationException}, and
   * returns that exception (the root cause) for its message to be checked.
   */
  private static AbstractThrowableAssert<?, ? extends Throwable> configurationFailure(
      AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    return assertThat(context.getStartupFailure())
        .rootCause()
        .isInstanceOf(KrebitConfigurationException.class);
  }

  /**
   * An H2 database with the tables the JDBC module's shipped scripts create, as an app's migration
   * would.
   */
  static DataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(
        "jdbc:h2:mem:boot"
            + System.nanoTime()
            + ";DB_CLOSE_DELAY=-1;INIT="
            + "RUNSCRIPT FROM 'classpath:db/krebit/h2/V1__krebit_tokens.sql'\\;"
            + "RUNSCRIPT FROM 'classpath:db/krebit/h2/V2__krebit_pending_authorizations.sql'");
    return h2;
  }
}
