package se.krebit.guice;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import se.krebit.api.Krebit;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.RefreshPolicy;
import se.krebit.auth.TokenListener;
import se.krebit.auth.TokenSource;
import se.krebit.auth.UserTokens;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.auth.feign.KrebitAuthConfig;
import se.krebit.auth.memory.InMemoryStateRepository;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenStore;

/**
 * Guice bindings for authenticating with Krebit, from a {@link KrebitAuthConfig} given in code or
 * read from the environment. Binds:
 *
 * <ul>
 *   <li>{@link KrebitAuthConfig}, an eager singleton: a missing or malformed setting fails injector
 *       creation, in {@code DEVELOPMENT} and {@code PRODUCTION} alike, with a message naming the
 *       key;
 *   <li>{@link TokenEndpoint}: a {@link FeignTokenEndpoint} for the tenant and its token endpoint,
 *       with the config's HTTP settings, request format and client authentication;
 *   <li>{@link Krebit}, the one object the rest derive from, built from the bindings here;
 *   <li>{@link ClientCredentialsTokenSource}: the application's own (app-only) tokens;
 *   <li>{@link UserTokens}: signed-in users' tokens from the bound {@link TokenStore} (the flow's
 *       own when {@link KrebitAuthorizationCodeModule} is installed: one source per user either
 *       way);
 *   <li>{@link TokenSource}, unqualified: by default that same client-credentials source. It is the
 *       identity {@code KrebitApiModule}'s client calls the API as. Users' tokens come from {@code
 *       AuthorizationCodeFlow.forSubject} (see {@link KrebitAuthorizationCodeModule}) instead;
 *   <li>{@link TokenStore} and {@link StateRepository}: by default in memory, one per injector;
 *   <li>{@link TokenListener} (by default {@link TokenListener#NONE}), {@link RefreshPolicy} (by
 *       default {@link RefreshPolicy#ofDefaults()}) and {@link Clock} (by default the system clock,
 *       in UTC): what every token source and the flow the modules build use.
 * </ul>
 *
 * <p>The defaults are {@link OptionalBinder#setDefault()} bindings: another module overrides one by
 * being installed next to this one, with no change here, as the JDBC and Vault store modules do and
 * as {@code se.krebit.micrometer.KrebitMetersModule} does for the listener:
 *
 * <pre>{@code
 * OptionalBinder.newOptionalBinder(binder(), TokenStore.class).setBinding().to(JdbcTokenStore.class);
 * OptionalBinder.newOptionalBinder(binder(), RefreshPolicy.class).setBinding().toInstance(myPolicy);
 * }</pre>
 *
 * <p>The {@link Clock} binding is unqualified, so an injector that binds {@code Clock} itself for
 * other reasons must do it through that same {@code OptionalBinder}, not with {@code
 * bind(Clock.class)}.
 *
 * <p>Use {@code Stage.PRODUCTION} so that the endpoint and the token source (and the secret
 * supplier they call) are created, and checked, at injector creation too. No token is requested
 * before the first {@code token()}.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(Stage.PRODUCTION,
 *     KrebitAuthModule.fromEnvironment(),      // KREBIT_TENANT, KREBIT_CLIENT_ID, KREBIT_CLIENT_SECRET
 *     new KrebitApiModule());
 * }</pre>
 */
public final class KrebitAuthModule extends AbstractModule {
  private final Supplier<KrebitAuthConfig> config;

  /** Bindings from {@code config}. */
  public KrebitAuthModule(KrebitAuthConfig config) {
    requireNonNull(config, "config");
    this.config = () -> config;
  }

  private KrebitAuthModule(Supplier<KrebitAuthConfig> config) {
    this.config = config;
  }

  /**
   * Bindings from this process's environment variables and system properties, read when the
   * injector is created; see {@link KrebitAuthConfig} for the keys.
   */
  public static KrebitAuthModule fromEnvironment() {
    return new KrebitAuthModule(KrebitAuthConfig::fromEnvironment);
  }

  /**
   * Bindings from {@code environment} and {@code systemProperties} (which win), read when the
   * injector is created: for tests, which should not touch the real environment.
   */
  public static KrebitAuthModule fromEnvironment(
      Map<String, String> environment, Map<String, String> systemProperties) {
    Map<String, String> env = Map.copyOf(requireNonNull(environment, "environment"));
    Map<String, String> props = Map.copyOf(requireNonNull(systemProperties, "systemProperties"));
    return new KrebitAuthModule(() -> KrebitAuthConfig.fromEnvironment(env, props));
  }

  @Override
  protected void configure() {
    bind(KrebitAuthConfig.class).toProvider(new ConfigProvider(config)).asEagerSingleton();
    OptionalBinder.newOptionalBinder(binder(), TokenSource.class)
        .setDefault()
        .to(ClientCredentialsTokenSource.class);
    OptionalBinder.newOptionalBinder(binder(), TokenStore.class)
        .setDefault()
        .to(InMemoryTokenStore.class)
        .in(Scopes.SINGLETON);
    OptionalBinder.newOptionalBinder(binder(), StateRepository.class)
        .setDefault()
        .to(InMemoryStateRepository.class)
        .in(Scopes.SINGLETON);
    OptionalBinder.newOptionalBinder(binder(), TokenListener.class)
        .setDefault()
        .toInstance(TokenListener.NONE);
    OptionalBinder.newOptionalBinder(binder(), RefreshPolicy.class)
        .setDefault()
        .toInstance(RefreshPolicy.ofDefaults());
    OptionalBinder.newOptionalBinder(binder(), Clock.class)
        .setDefault()
        .toInstance(Clock.systemUTC());
  }

  @Provides
  @Singleton
  TokenEndpoint tokenEndpoint(KrebitAuthConfig config) {
    return FeignTokenEndpoint.builder().config(config).build();
  }

  @Provides
  @Singleton
  Krebit krebit(
      KrebitAuthConfig config,
      TokenEndpoint endpoint,
      TokenStore store,
      StateRepository states,
      TokenListener listener,
      RefreshPolicy policy,
      Clock clock) {
    return Krebit.builder(config)
        .endpoint(endpoint)
        .tokenStore(store)
        .stateRepository(states)
        .listener(listener)
        .refreshPolicy(policy)
        .clock(clock)
        .build();
  }

  @Provides
  @Singleton
  ClientCredentialsTokenSource appTokens(Krebit krebit) {
    return krebit.appTokens();
  }

  @Provides
  @Singleton
  UserTokens userTokens(Krebit krebit) {
    return krebit.users();
  }

  /** Reads the configuration once, when Guice creates the eager singleton. */
  private static final class ConfigProvider implements Provider<KrebitAuthConfig> {
    private final Supplier<KrebitAuthConfig> config;

    ConfigProvider(Supplier<KrebitAuthConfig> config) {
      this.config = config;
    }

    @Override
    public KrebitAuthConfig get() {
      return config.get();
    }
  }
}
