package se.krebit.guice;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.google.inject.multibindings.OptionalBinder;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.api.KrebitClient;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.ClientSecret;
import se.krebit.auth.Tenant;
import se.krebit.auth.TokenKey;
import se.krebit.auth.feign.KrebitAuthConfig;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.spi.TokenStore;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/**
 * The README's Guice quickstart, verbatim between the {@code README} markers, run against the fake
 * server. The environment variant is fed through system properties (which override environment
 * variables of the same name), set for each test and restored after it.
 */
class ReadmeGuiceQuickstartIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestClients.fake();

  // README:begin guice-quickstart
  /** App-only: configuration from KREBIT_TENANT, KREBIT_CLIENT_ID, KREBIT_CLIENT_SECRET (or -Dkrebit.tenant=…). */
  static KrebitClient krebitFromEnvironment() {
    Injector injector = Guice.createInjector(Stage.PRODUCTION,   // bad configuration fails here
        KrebitAuthModule.fromEnvironment(),
        new KrebitApiModule());
    return injector.getInstance(KrebitClient.class);
  }

  /** With user sign-in, the secret from a secret manager, and your own token store. */
  static Injector krebitWithSignIn(Tenant tenant, String clientId, Supplier<ClientSecret> secret, URI callback) {
    KrebitAuthConfig config = KrebitAuthConfig.builder()
        .tenant(tenant)
        .clientId(clientId)
        .clientSecret(secret)                     // e.g. () -> ClientSecret.of(vault.read("krebit"))
        .redirectUri(callback)                    // as registered with your Krebit application
        .build();
    return Guice.createInjector(Stage.PRODUCTION,
        new KrebitAuthModule(config),             // TokenEndpoint, app TokenSource, in-memory stores
        new KrebitAuthorizationCodeModule(),      // AuthorizationCodeFlow
        new KrebitApiModule(),                    // KrebitClient, calling as the app
        new MyTokenStoreModule());                // replaces the in-memory TokenStore
  }

  /** How a store module replaces a default: by being installed, nothing else. */
  static final class MyTokenStoreModule extends AbstractModule {
    @Override
    protected void configure() {
      OptionalBinder.newOptionalBinder(binder(), TokenStore.class).setBinding().to(MyTokenStore.class);
    }
  }
  // README:end guice-quickstart

  /** The README's "your own token store": here, memory under another name. */
  static final class MyTokenStore implements TokenStore {
    private final TokenStore delegate = new InMemoryTokenStore();

    @Override
    public Optional<StoredTokens> load(TokenKey key) {
      return delegate.load(key);
    }

    @Override
    public Optional<StoredTokens> compareAndSet(TokenKey key, long expectedVersion, TokenRecord record) {
      return delegate.compareAndSet(key, expectedVersion, record);
    }

    @Override
    public boolean delete(TokenKey key) {
      return delegate.delete(key);
    }
  }

  private final Map<String, Optional<String>> previous = new HashMap<>();

  @BeforeEach
  void configureThroughSystemProperties(FakeKrebitServer server) {
    set("krebit.tenant", server.baseUri().toString());
    set("krebit.client.id", TestClients.CLIENT_ID);
    set("krebit.client.secret", TestClients.SECRET);
  }

  private void set(String name, String value) {
    previous.put(name, Optional.ofNullable(System.getProperty(name)));
    System.setProperty(name, value);
  }

  @AfterEach
  void restoreSystemProperties() {
    previous.forEach((name, old) ->
        old.ifPresentOrElse(value -> System.setProperty(name, value), () -> System.clearProperty(name)));
  }

  @Test
  void theEnvironmentQuickstartCallsTheApi(FakeKrebitServer server) {
    KrebitClient krebit = krebitFromEnvironment();

    assertThat(krebit.me().id()).isEqualTo("app_" + TestClients.CLIENT_ID);
    assertThat(server.journal().tokenRequestCount()).isEqualTo(1);
  }

  @Test
  void theSignInQuickstartBindsTheFlowTheClientAndTheCustomStore(FakeKrebitServer server) {
    URI callback = URI.create("http://127.0.0.1:8080/oauth/callback");

    Injector injector = krebitWithSignIn(
        server.tenant(), TestClients.CLIENT_ID, () -> ClientSecret.of(TestClients.SECRET), callback);

    assertThat(injector.getInstance(TokenStore.class)).isInstanceOf(MyTokenStore.class);
    assertThat(injector.getInstance(AuthorizationCodeFlow.class).begin(callback, "alice").uri().getPath())
        .isEqualTo("/oauth/authorize");
    assertThat(injector.getInstance(KrebitClient.class).me().id()).isEqualTo("app_" + TestClients.CLIENT_ID);
  }
}
