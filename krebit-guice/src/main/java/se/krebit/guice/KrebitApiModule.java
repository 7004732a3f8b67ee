package se.krebit.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import se.krebit.api.KrebitClient;
import se.krebit.auth.TokenSource;
import se.krebit.auth.feign.KrebitAuthConfig;

/**
 * Guice binding of {@link KrebitClient}, a singleton for the configured tenant with the configured
 * HTTP settings ({@code HttpConfig}), calling the API with the unqualified {@link TokenSource}: by default the
 * application's own client-credentials tokens. Needs {@link KrebitAuthModule} (or other bindings of
 * {@link KrebitAuthConfig} and {@link TokenSource}).
 *
 * <p>To call as a signed-in user, derive a client from the bound one: {@code
 * krebit.withTokenSource(flow.forSubject(userId))}. To make the bound client use another token
 * source, override the {@code TokenSource} default with {@code
 * OptionalBinder.newOptionalBinder(binder(), TokenSource.class).setBinding()}.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(Stage.PRODUCTION,
 *     KrebitAuthModule.fromEnvironment(), new KrebitApiModule());
 * Me me = injector.getInstance(KrebitClient.class).me();
 * }</pre>
 */
public final class KrebitApiModule extends AbstractModule {
  @Provides
  @Singleton
  KrebitClient krebitClient(KrebitAuthConfig config, TokenSource tokens) {
    return KrebitClient.builder()
        .tenant(config.tenant())
        .tokenSource(tokens)
        .http(config.http())
        .build();
  }
}
