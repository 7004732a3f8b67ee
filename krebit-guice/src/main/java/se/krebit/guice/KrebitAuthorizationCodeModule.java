package se.krebit.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Provider;
import se.krebit.api.Krebit;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.feign.KrebitAuthConfig;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.spi.TokenStore;

/**
 * Guice binding of the {@link AuthorizationCodeFlow}, for applications whose users sign in; install
 * it next to {@link KrebitAuthModule}: the flow is that module's {@link Krebit#signIn()}, on its
 * endpoint, {@link TokenStore} and {@link StateRepository} (in memory unless a store module
 * overrides them), listener, refresh policy and clock.
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

  /** The flow of the bound {@link Krebit}, built from the configuration and the bound ports. */
  static final class FlowProvider implements Provider<AuthorizationCodeFlow> {
    private final KrebitAuthConfig config;
    private final Krebit krebit;

    @Inject
    FlowProvider(KrebitAuthConfig config, Krebit krebit) {
      this.config = config;
      this.krebit = krebit;
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
      return krebit.signIn();
    }
  }
}
