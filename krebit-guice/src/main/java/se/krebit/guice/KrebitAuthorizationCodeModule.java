package se.krebit.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Provider;
import java.time.Clock;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.RefreshPolicy;
import se.krebit.auth.TokenListener;
import se.krebit.auth.feign.KrebitAuthConfig;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenStore;

/**
 * Guice binding of the {@link AuthorizationCodeFlow}, for applications whose users sign in; install
 * it next to {@link KrebitAuthModule}, whose endpoint, {@link TokenStore} and {@link
 * StateRepository} it uses (in memory unless a store module overrides them), and whose {@link
 * TokenListener}, {@link RefreshPolicy} and {@link Clock}.
 *
 * <p>A separate module rather than a switch: an app-only application installs only {@link
 * KrebitAuthModule} and needs no redirect URI, while one that installs this module without any
 * redirect URI configured fails at injector creation, in {@code DEVELOPMENT} and {@code PRODUCTION}
 * alike, with a message naming {@code
 * KREBIT_REDIRECT_URIS}.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(Stage.PRODUCTION,
 *     KrebitAuthModule.fromEnvironment(),       // with KREBIT_REDIRECT_URIS
 *     new KrebitAuthorizationCodeModule());
 * AuthorizationCodeFlow flow = injector.getInstance(AuthorizationCodeFlow.class);
 * }</pre>
 */
public final class KrebitAuthorizationCodeModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(AuthorizationCodeFlow.class).toProvider(FlowProvider.class).asEagerSingleton();
  }

  /** Builds the flow from the configuration and the bound ports. */
  static final class FlowProvider implements Provider<AuthorizationCodeFlow> {
    private final KrebitAuthConfig config;
    private final TokenEndpoint endpoint;
    private final TokenStore store;
    private final StateRepository states;
    private final TokenListener listener;
    private final RefreshPolicy policy;
    private final Clock clock;

    @Inject
    FlowProvider(KrebitAuthConfig config, TokenEndpoint endpoint, TokenStore store, StateRepository states,
        TokenListener listener, RefreshPolicy policy, Clock clock) {
      this.config = config;
      this.endpoint = endpoint;
      this.store = store;
      this.states = states;
      this.listener = listener;
      this.policy = policy;
      this.clock = clock;
    }

    @Override
    public AuthorizationCodeFlow get() {
      if (config.redirectUris().isEmpty()) {
        throw new KrebitConfigurationException(
            "KrebitAuthorizationCodeModule needs at least one redirect URI: set"
                + " KrebitAuthConfig.Builder.redirectUri(...), or "
                + KrebitAuthConfig.ENV_REDIRECT_URIS
                + " (system property krebit.redirect.uris), comma-separated");
      }
      AuthorizationCodeFlow.Builder flow =
          AuthorizationCodeFlow.builder()
              .tenant(config.tenant())
              .client(config.credentials())
              .endpoint(endpoint)
              .tokenStore(store)
              .stateRepository(states)
              .listener(listener)
              .refreshPolicy(policy)
              .clock(clock);
      config.redirectUris().forEach(flow::redirectUri);
      return flow.build();
    }
  }
}
