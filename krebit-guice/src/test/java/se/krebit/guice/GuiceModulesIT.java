package se.krebit.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.multibindings.OptionalBinder;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.api.KrebitApiUnavailableException;
import se.krebit.api.KrebitClient;
import se.krebit.api.KrebitServerErrorException;
import se.krebit.api.KrebitUnauthorizedException;
import se.krebit.auth.AccessToken;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.ClientSecret;
import se.krebit.auth.RefreshPolicy;
import se.krebit.auth.TokenListener;
import se.krebit.auth.TokenSource;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.auth.feign.KrebitAuthConfig;
import se.krebit.auth.memory.InMemoryStateRepository;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenStore;
import se.krebit.auth.testing.RecordingTokenListener;
import se.krebit.http.HttpConfig;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;

/**
 * Each supported combination of the Guice modules, in Stage.PRODUCTION, against the fake server.
 */
class GuiceModulesIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestClients.fake();

  private static final URI CALLBACK = URI.create("http://127.0.0.1:8080/oauth/callback");

  private static KrebitAuthConfig.Builder config(FakeKrebitServer server) {
    return KrebitAuthConfig.custom()
        .tenant(server.tenant())
        .clientId(TestClients.CLIENT_ID)
        .clientSecret(() -> ClientSecret.of(TestClients.SECRET))
        .http(HttpConfig.ofDefaults());
  }

  private static Module tokenStore(TokenStore store) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), TokenStore.class).setBinding().toInstance(store);
      }
    };
  }

  @Test
  void authAndApi(FakeKrebitServer server) {
    Injector injector =
        Guice.createInjector(
            Stage.PRODUCTION, new KrebitAuthModule(config(server).build()), new KrebitApiModule());

    KrebitClient krebit = injector.getInstance(KrebitClient.class);
    assertThat(krebit).isSameAs(injector.getInstance(KrebitClient.class));
    assertThat(krebit.apiBaseUri()).isEqualTo(server.apiBaseUri());
    assertThat(injector.getInstance(TokenSource.class))
        .isSameAs(injector.getInstance(ClientCredentialsTokenSource.class));
    assertThat(injector.getInstance(TokenEndpoint.class)).isInstanceOf(FeignTokenEndpoint.class);
    assertThat(injector.getInstance(TokenStore.class)).isInstanceOf(InMemoryTokenStore.class);
    assertThat(injector.getInstance(StateRepository.class))
        .isInstanceOf(InMemoryStateRepository.class);
    assertThat(injector.getExistingBinding(Key.get(AuthorizationCodeFlow.class))).isNull();
    assertThat(server.journal().tokenRequestCount()).as("no token before the first call").isZero();

    assertThat(krebit.me().id()).isEqualTo("app_" + TestClients.CLIENT_ID);
    assertThat(server.journal().tokenRequestCount())
        .as("the bound client called as the bound app source")
        .isOne();
  }

  @Test
  void theBoundClientUsesTheConfiguredTransport(FakeKrebitServer server) {
    Injector injector =
        Guice.createInjector(
            Stage.PRODUCTION,
            new KrebitAuthModule(
                config(server)
                    .http(
                        HttpConfig.custom()
                            .callTimeout(Duration.ofMillis(300))
                            .maxAttempts(1)
                            .build())
                    .build()),
            new KrebitApiModule());
    KrebitClient krebit = injector.getInstance(KrebitClient.class);
    krebit.me();
    server.failNextApiRequests(1, InjectedFault.delay(Duration.ofSeconds(5)));

    assertThatThrownBy(krebit::me).isInstanceOf(KrebitApiUnavailableException.class);
    assertThat(server.journal().apiRequestCount())
        .as("one attempt: the configured maxAttempts")
        .isEqualTo(2);
  }

  /**
   * The three defaults every source and the flow use are overridden as a store is: by installing an
   * {@code OptionalBinder.setBinding()}. The fake's clock, bound as the {@link Clock}, takes the
   * app's token past its life without waiting; the listener hears both requests, the flow's too.
   */
  @Test
  void theListenerRefreshPolicyAndClockAreOverriddenByInstallingBindings(FakeKrebitServer server) {
    RecordingTokenListener listener = new RecordingTokenListener();
    RefreshPolicy policy =
        RefreshPolicy.custom().jitter(0).acquireTimeout(Duration.ofSeconds(7)).build();
    Injector injector =
        Guice.createInjector(
            Stage.PRODUCTION,
            new KrebitAuthModule(config(server).redirectUris(CALLBACK).build()),
            new KrebitAuthorizationCodeModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), TokenListener.class)
                    .setBinding()
                    .toInstance(listener);
                OptionalBinder.newOptionalBinder(binder(), RefreshPolicy.class)
                    .setBinding()
                    .toInstance(policy);
                OptionalBinder.newOptionalBinder(binder(), Clock.class)
                    .setBinding()
                    .toInstance(server.clock());
              }
            });
    TokenSource tokens = injector.getInstance(TokenSource.class);

    String first = tokens.token().value();
    server.clock().advance(server.tokenLifetime());
    String second = tokens.token().value();

    assertThat(second).as("on the bound clock the first token expired").isNotEqualTo(first);
    assertThat(server.journal().tokenRequestCount()).isEqualTo(2);
    assertThat(listener.requests())
        .hasSize(2)
        .allSatisfy(event -> assertThat(event.grantType()).isEqualTo("client_credentials"));
    assertThat(injector.getInstance(RefreshPolicy.class)).isSameAs(policy);
    assertThat(injector.getInstance(AuthorizationCodeFlow.class).begin("alice").uri().getPath())
        .isEqualTo("/oauth/authorize");
  }

  @Test
  void theDefaultsAreNoListenerTheDefaultPolicyAndTheSystemClock(FakeKrebitServer server) {
    Injector injector =
        Guice.createInjector(Stage.PRODUCTION, new KrebitAuthModule(config(server).build()));

    assertThat(injector.getInstance(TokenListener.class)).isSameAs(TokenListener.NONE);
    assertThat(injector.getInstance(RefreshPolicy.class)).isEqualTo(RefreshPolicy.ofDefaults());
    assertThat(injector.getInstance(Clock.class)).isEqualTo(Clock.systemUTC());
  }

  @Test
  void authAndSignInAndApiWithAStoreModule(FakeKrebitServer server) {
    InMemoryTokenStore durable = new InMemoryTokenStore();

    Injector injector =
        Guice.createInjector(
            Stage.PRODUCTION,
            new KrebitAuthModule(config(server).redirectUris(CALLBACK).build()),
            new KrebitAuthorizationCodeModule(),
            new KrebitApiModule(),
            tokenStore(durable));

    assertThat(injector.getInstance(TokenStore.class)).isSameAs(durable);
    assertThat(injector.getInstance(StateRepository.class))
        .isInstanceOf(InMemoryStateRepository.class);
    AuthorizationCodeFlow flow = injector.getInstance(AuthorizationCodeFlow.class);
    assertThat(flow.begin(CALLBACK, "alice").uri().toString())
        .startsWith(server.tenant().authorizationEndpoint() + "?");
    assertThat(injector.getInstance(KrebitClient.class).me().id())
        .isEqualTo("app_" + TestClients.CLIENT_ID);
  }

  @Test
  void theEnvironmentConfiguresAuthAndApi(FakeKrebitServer server) {
    Map<String, String> environment =
        Map.of(
            "KREBIT_TENANT",
            server.baseUri().toString(),
            "KREBIT_CLIENT_ID",
            TestClients.CLIENT_ID,
            "KREBIT_CLIENT_SECRET",
            TestClients.SECRET,
            "KREBIT_MAX_ATTEMPTS",
            "1",
            "KREBIT_REQUEST_FORMAT",
            "FORM",
            "KREBIT_CLIENT_AUTHENTICATION",
            "BASIC");

    Injector injector =
        Guice.createInjector(
            Stage.PRODUCTION,
            KrebitAuthModule.fromEnvironment(environment, Map.of()),
            new KrebitApiModule());

    KrebitClient krebit = injector.getInstance(KrebitClient.class);
    assertThat(krebit.me().id()).isEqualTo("app_" + TestClients.CLIENT_ID);
    assertThat(server.journal().lastTokenRequest().orElseThrow().contentType())
        .contains("application/x-www-form-urlencoded");
    server.failNextApiRequests(1, InjectedFault.status(503));
    assertThatThrownBy(krebit::me).isInstanceOf(KrebitServerErrorException.class);
    assertThat(server.journal().apiRequestCount())
        .as("KREBIT_MAX_ATTEMPTS=1: no retry")
        .isEqualTo(2);
  }

  @Test
  void overridingTheTokenSourceChangesWhoTheBoundClientIs(FakeKrebitServer server) {
    TokenSource stale =
        new TokenSource() {
          @Override
          public AccessToken token() {
            return new AccessToken(
                "stale-token", AccessToken.BEARER, Instant.parse("2100-01-01T00:00:00Z"));
          }

          @Override
          public void invalidate(AccessToken rejected) {}
        };

    Injector injector =
        Guice.createInjector(
            Stage.PRODUCTION,
            new KrebitAuthModule(config(server).build()),
            new KrebitApiModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), TokenSource.class)
                    .setBinding()
                    .toInstance(stale);
              }
            });

    KrebitClient krebit = injector.getInstance(KrebitClient.class);
    assertThatThrownBy(krebit::me).isInstanceOf(KrebitUnauthorizedException.class);
    assertThat(server.journal().tokenRequestCount())
        .as("the app's own source was never asked")
        .isZero();
  }

  @Test
  void theApiModuleAloneNamesWhatIsMissing() {
    assertThatThrownBy(() -> Guice.createInjector(Stage.PRODUCTION, new KrebitApiModule()))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining(KrebitAuthConfig.class.getName())
        .hasMessageContaining(TokenSource.class.getName());
  }

  @Test
  void missingConfigurationNamesTheKeys() {
    assertThatThrownBy(
            () ->
                Guice.createInjector(
                    Stage.PRODUCTION,
                    KrebitAuthModule.fromEnvironment(
                        Map.of("KREBIT_CLIENT_SECRET", TestClients.SECRET), Map.of()),
                    new KrebitApiModule()))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("KREBIT_TENANT")
        .hasMessageContaining("KREBIT_CLIENT_ID")
        .hasMessageNotContaining(TestClients.SECRET);
  }
}
