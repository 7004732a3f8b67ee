package se.krebit.api;

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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.ClientSecret;
import se.krebit.auth.TokenSource;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.auth.feign.KrebitAuthConfig;
import se.krebit.auth.feign.KrebitAuthModule;
import se.krebit.auth.feign.KrebitAuthorizationCodeModule;
import se.krebit.auth.memory.InMemoryStateRepository;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenStore;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/** Each supported combination of the Guice modules, in Stage.PRODUCTION, against the fake server. */
class GuiceModulesIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestClients.fake();

  private static final URI CALLBACK = URI.create("http://127.0.0.1:8080/oauth/callback");

  private static KrebitAuthConfig.Builder config(FakeKrebitServer server) {
    return KrebitAuthConfig.builder()
        .tenant(server.tenant())
        .clientId(TestClients.CLIENT_ID)
        .clientSecret(() -> ClientSecret.of(TestClients.SECRET))
        .http(TestClients.fast().build());
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
    Injector injector = Guice.createInjector(Stage.PRODUCTION,
        new KrebitAuthModule(config(server).build()), new KrebitApiModule());

    KrebitClient krebit = injector.getInstance(KrebitClient.class);
    assertThat(krebit).isSameAs(injector.getInstance(KrebitClient.class));
    assertThat(krebit.apiBaseUri()).isEqualTo(server.apiBaseUri());
    assertThat(krebit.settings().tokenSource())
        .isSameAs(injector.getInstance(TokenSource.class))
        .isSameAs(injector.getInstance(ClientCredentialsTokenSource.class));
    assertThat(krebit.settings().callTimeout()).isEqualTo(TestClients.fast().build().callTimeout());
    assertThat(injector.getInstance(TokenEndpoint.class)).isInstanceOf(FeignTokenEndpoint.class);
    assertThat(injector.getInstance(TokenStore.class)).isInstanceOf(InMemoryTokenStore.class);
    assertThat(injector.getInstance(StateRepository.class)).isInstanceOf(InMemoryStateRepository.class);
    assertThat(injector.getExistingBinding(Key.get(AuthorizationCodeFlow.class))).isNull();
    assertThat(server.journal().tokenRequestCount()).as("no token before the first call").isZero();

    assertThat(krebit.me().id()).isEqualTo("app_" + TestClients.CLIENT_ID);
  }

  @Test
  void authAndSignInAndApiWithAStoreModule(FakeKrebitServer server) {
    InMemoryTokenStore durable = new InMemoryTokenStore();

    Injector injector = Guice.createInjector(Stage.PRODUCTION,
        new KrebitAuthModule(config(server).redirectUri(CALLBACK).build()),
        new KrebitAuthorizationCodeModule(),
        new KrebitApiModule(),
        tokenStore(durable));

    assertThat(injector.getInstance(TokenStore.class)).isSameAs(durable);
    assertThat(injector.getInstance(StateRepository.class)).isInstanceOf(InMemoryStateRepository.class);
    AuthorizationCodeFlow flow = injector.getInstance(AuthorizationCodeFlow.class);
    assertThat(flow.begin(CALLBACK, "alice").uri().toString())
        .startsWith(server.tenant().authorizationEndpoint() + "?");
    assertThat(injector.getInstance(KrebitClient.class).me().id()).isEqualTo("app_" + TestClients.CLIENT_ID);
  }

  @Test
  void theEnvironmentConfiguresAuthAndApi(FakeKrebitServer server) {
    Map<String, String> environment = Map.of(
        "KREBIT_TENANT", server.baseUri().toString(),
        "KREBIT_CLIENT_ID", TestClients.CLIENT_ID,
        "KREBIT_CLIENT_SECRET", TestClients.SECRET,
        "KREBIT_MAX_ATTEMPTS", "1");

    Injector injector = Guice.createInjector(Stage.PRODUCTION,
        KrebitAuthModule.fromEnvironment(environment, Map.of()), new KrebitApiModule());

    KrebitClient krebit = injector.getInstance(KrebitClient.class);
    assertThat(krebit.settings().http().maxAttempts()).isEqualTo(1);
    assertThat(krebit.me().id()).isEqualTo("app_" + TestClients.CLIENT_ID);
  }

  @Test
  void overridingTheTokenSourceChangesWhoTheBoundClientIs(FakeKrebitServer server) {
    TokenSource stale = new FixedTokenSource("stale-token");

    Injector injector = Guice.createInjector(Stage.PRODUCTION,
        new KrebitAuthModule(config(server).build()),
        new KrebitApiModule(),
        new AbstractModule() {
          @Override
          protected void configure() {
            OptionalBinder.newOptionalBinder(binder(), TokenSource.class).setBinding().toInstance(stale);
          }
        });

    KrebitClient krebit = injector.getInstance(KrebitClient.class);
    assertThat(krebit.settings().tokenSource()).isSameAs(stale);
    assertThatThrownBy(krebit::me).isInstanceOf(KrebitUnauthorizedException.class);
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
    assertThatThrownBy(() -> Guice.createInjector(Stage.PRODUCTION,
            KrebitAuthModule.fromEnvironment(Map.of("KREBIT_CLIENT_SECRET", TestClients.SECRET), Map.of()),
            new KrebitApiModule()))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("KREBIT_TENANT")
        .hasMessageContaining("KREBIT_CLIENT_ID")
        .hasMessageNotContaining(TestClients.SECRET);
  }
}
