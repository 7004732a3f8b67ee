package se.krebit.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.multibindings.OptionalBinder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.ClientSecret;
import se.krebit.auth.Tenant;
import se.krebit.auth.TokenSource;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.auth.feign.KrebitAuthConfig;
import se.krebit.auth.memory.InMemoryStateRepository;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.StateConsumption;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenStore;

/** Which implementations the modules bind, how store modules override them, and how bad configuration fails. */
class KrebitAuthModuleTest {
  private static final String SECRET = "cs-PLANTED-2a9b";
  private static final URI CALLBACK = URI.create("https://app.example/oauth/callback");

  private final AtomicInteger secretReads = new AtomicInteger();

  private KrebitAuthConfig.Builder config() {
    return KrebitAuthConfig.builder()
        .tenant(Tenant.organization("acme"))
        .clientId("my-app")
        .clientSecret(() -> {
          secretReads.incrementAndGet();
          return ClientSecret.of(SECRET);
        });
  }

  /** What a store module does: nothing but override a default by being installed. */
  private static Module tokenStoreModule(TokenStore store) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), TokenStore.class).setBinding().toInstance(store);
      }
    };
  }

  private static Module stateRepositoryModule(StateRepository states) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), StateRepository.class).setBinding().toInstance(states);
      }
    };
  }

  @Test
  void bindsTheFeignEndpointTheAppTokenSourceAndInMemoryStores() {
    Injector injector = Guice.createInjector(Stage.PRODUCTION, new KrebitAuthModule(config().build()));

    assertThat(injector.getInstance(TokenEndpoint.class)).isInstanceOf(FeignTokenEndpoint.class)
        .hasToString("FeignTokenEndpoint[https://acme.krebit.se/oauth/token, JSON, BODY]");
    assertThat(injector.getInstance(TokenSource.class))
        .isInstanceOf(ClientCredentialsTokenSource.class)
        .isSameAs(injector.getInstance(ClientCredentialsTokenSource.class))
        .isSameAs(injector.getInstance(TokenSource.class));
    assertThat(injector.getInstance(TokenStore.class))
        .isInstanceOf(InMemoryTokenStore.class)
        .isSameAs(injector.getInstance(TokenStore.class));
    assertThat(injector.getInstance(StateRepository.class))
        .isInstanceOf(InMemoryStateRepository.class)
        .isSameAs(injector.getInstance(StateRepository.class));
    assertThat(injector.getExistingBinding(com.google.inject.Key.get(AuthorizationCodeFlow.class)))
        .as("sign-in is a module of its own")
        .isNull();
    assertThat(secretReads).as("the secret was read at injector creation").hasValue(1);
  }

  @Test
  void aStoreModuleOverridesTheDefaultJustByBeingInstalled() {
    InMemoryTokenStore durable = new InMemoryTokenStore();

    Injector injector = Guice.createInjector(
        Stage.PRODUCTION, new KrebitAuthModule(config().build()), tokenStoreModule(durable));

    assertThat(injector.getInstance(TokenStore.class)).isSameAs(durable);
    assertThat(injector.getInstance(StateRepository.class)).isInstanceOf(InMemoryStateRepository.class);
  }

  @Test
  void theTokenSourceDefaultCanBeOverriddenToo() {
    TokenSource custom = new TokenSource() {
      @Override
      public se.krebit.auth.AccessToken token() {
        throw new UnsupportedOperationException();
      }

      @Override
      public void invalidate(se.krebit.auth.AccessToken rejected) {}
    };

    Injector injector = Guice.createInjector(Stage.PRODUCTION, new KrebitAuthModule(config().build()),
        new AbstractModule() {
          @Override
          protected void configure() {
            OptionalBinder.newOptionalBinder(binder(), TokenSource.class).setBinding().toInstance(custom);
          }
        });

    assertThat(injector.getInstance(TokenSource.class)).isSameAs(custom);
    assertThat(injector.getInstance(ClientCredentialsTokenSource.class)).isNotNull();
  }

  @Test
  void theAuthorizationCodeModuleBuildsTheFlowOnTheBoundStores() {
    InMemoryStateRepository states = new InMemoryStateRepository();

    Injector injector = Guice.createInjector(Stage.PRODUCTION,
        new KrebitAuthModule(config().redirectUri(CALLBACK).build()),
        new KrebitAuthorizationCodeModule(),
        stateRepositoryModule(states));

    AuthorizationCodeFlow flow = injector.getInstance(AuthorizationCodeFlow.class);
    assertThat(flow).isSameAs(injector.getInstance(AuthorizationCodeFlow.class));
    URI authorize = flow.begin(CALLBACK, "alice").uri();
    assertThat(authorize.toString()).startsWith("https://acme.krebit.se/oauth/authorize?");
    assertThat(states.consume(queryParameter(authorize, "state")))
        .as("the flow saved its pending sign-in in the bound repository")
        .isInstanceOf(StateConsumption.Consumed.class);
  }

  @ParameterizedTest
  @EnumSource(value = Stage.class, names = {"DEVELOPMENT", "PRODUCTION"}) // TOOL creates no instances
  void theAuthorizationCodeModuleWithoutRedirectUrisFailsAtCreationNamingTheKey(Stage stage) {
    assertThatThrownBy(() -> Guice.createInjector(stage,
            new KrebitAuthModule(config().build()), new KrebitAuthorizationCodeModule()))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("KrebitAuthorizationCodeModule needs at least one redirect URI")
        .hasMessageContaining("KREBIT_REDIRECT_URIS");
  }

  @Test
  void theEnvironmentConfiguresTheModules() {
    Map<String, String> env = Map.of(
        "KREBIT_TENANT", "acme",
        "KREBIT_CLIENT_ID", "my-app",
        "KREBIT_CLIENT_SECRET", SECRET,
        "KREBIT_REDIRECT_URIS", CALLBACK.toString());

    Injector injector = Guice.createInjector(Stage.PRODUCTION,
        KrebitAuthModule.fromEnvironment(env, Map.of("krebit.tenant", "umbrella")),
        new KrebitAuthorizationCodeModule());

    assertThat(injector.getInstance(KrebitAuthConfig.class).tenant()).isEqualTo(Tenant.organization("umbrella"));
    assertThat(injector.getInstance(AuthorizationCodeFlow.class).toString()).contains("tenant=umbrella");
  }

  @Test
  void theBoundEndpointAndFlowUseTheConfiguredEndpointsAndTokenRequestFormat() {
    Map<String, String> env = Map.of(
        "KREBIT_TENANT", "acme",
        "KREBIT_CLIENT_ID", "my-app",
        "KREBIT_CLIENT_SECRET", SECRET,
        "KREBIT_REDIRECT_URIS", CALLBACK.toString(),
        "KREBIT_TOKEN_PATH", "/api/oauth/token",
        "KREBIT_AUTHORIZE_URL", "https://sso.example/authorize",
        "KREBIT_REQUEST_FORMAT", "FORM",
        "KREBIT_CLIENT_AUTHENTICATION", "BASIC");

    Injector injector = Guice.createInjector(Stage.PRODUCTION,
        KrebitAuthModule.fromEnvironment(env, Map.of()), new KrebitAuthorizationCodeModule());

    FeignTokenEndpoint endpoint = (FeignTokenEndpoint) injector.getInstance(TokenEndpoint.class);
    assertThat(endpoint.currentTokenEndpoint()).isEqualTo(URI.create("https://acme.krebit.se/api/oauth/token"));
    // The request format and client authentication reach the wire: GuiceModulesIT, on the fake.
    assertThat(injector.getInstance(AuthorizationCodeFlow.class).begin(CALLBACK, "alice").uri().toString())
        .startsWith("https://sso.example/authorize?");
  }

  @ParameterizedTest
  @EnumSource(value = Stage.class, names = {"DEVELOPMENT", "PRODUCTION"}) // TOOL creates no instances
  void missingConfigurationFailsAtCreationNamingEachKeyInBothRunningStages(Stage stage) {
    Throwable failure = catchCreation(stage, Map.of("KREBIT_CLIENT_SECRET", SECRET));

    assertThat(failure)
        .hasMessageContaining("KREBIT_TENANT is not set")
        .hasMessageContaining("KREBIT_CLIENT_ID is not set");
    assertThat(everything(failure)).doesNotContain(SECRET);
  }

  @Test
  void malformedConfigurationFailsAtCreationNamingTheKeyWithoutTheSecret() {
    Throwable failure = catchCreation(Stage.PRODUCTION, Map.of(
        "KREBIT_TENANT", "https://acme.example/?x=" + SECRET,
        "KREBIT_CLIENT_ID", "my-app",
        "KREBIT_CLIENT_SECRET", SECRET,
        "KREBIT_MAX_ATTEMPTS", "99"));

    assertThat(failure)
        .hasMessageContaining("KREBIT_TENANT: tenant base URI must not carry user info, a query or a fragment")
        .hasMessageContaining("KREBIT_MAX_ATTEMPTS: maxAttempts must be 1 to 10; got 99");
    assertThat(everything(failure)).doesNotContain(SECRET);
  }

  @Test
  void aFailingSecretSupplierFailsCreationInProduction() {
    KrebitAuthConfig config = KrebitAuthConfig.builder()
        .tenant(Tenant.organization("acme"))
        .clientId("my-app")
        .clientSecret(() -> ClientSecret.of(" "))
        .build();

    assertThatThrownBy(() -> Guice.createInjector(Stage.PRODUCTION, new KrebitAuthModule(config)))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("client secret must not be blank");
  }

  private static Throwable catchCreation(Stage stage, Map<String, String> env) {
    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
        () -> Guice.createInjector(stage, KrebitAuthModule.fromEnvironment(env, Map.of())));
    assertThat(failure).isInstanceOf(CreationException.class);
    return failure;
  }

  /** Message, causes and stack trace: everything a log of this failure could show. */
  private static String everything(Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    return failure + "\n" + trace;
  }

  private static String queryParameter(URI uri, String name) {
    for (String pair : uri.getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      if (parts[0].equals(name)) {
        return java.net.URLDecoder.decode(parts[1], java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no " + name + " in " + uri);
  }
}
