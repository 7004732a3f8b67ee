package se.krebit.micrometer;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.CircuitBreakerGuarded;
import se.krebit.auth.TokenListener;
import se.krebit.auth.spi.TokenEndpoint;

/**
 * {@link KrebitMeters} for a Guice application, in one {@code install(...)} next to {@code
 * krebit-guice}'s {@code KrebitAuthModule}: binds the meters as the {@link TokenListener} every token
 * source and the sign-in flow that module builds report to (overriding its {@code OptionalBinder}
 * default), and binds the bound {@link TokenEndpoint}'s circuit breaker when it has one.
 *
 * <pre>{@code
 * Guice.createInjector(Stage.PRODUCTION,
 *     KrebitAuthModule.fromEnvironment(),
 *     new KrebitMetersModule(registry));          // or new KrebitMetersModule() with a MeterRegistry bound
 * }</pre>
 *
 * <p>Guice is an optional dependency of this module: applications without Guice never load this class.
 */
public final class KrebitMetersModule extends AbstractModule {
  private final @Nullable MeterRegistry registry;

  /** Meters in the application's bound {@link MeterRegistry}. */
  public KrebitMetersModule() {
    this.registry = null;
  }

  /** Meters in {@code registry}. */
  public KrebitMetersModule(MeterRegistry registry) {
    this.registry = requireNonNull(registry, "registry");
  }

  @Override
  protected void configure() {
    if (registry != null) {
      bind(MeterRegistry.class).toInstance(registry);
    }
    OptionalBinder.newOptionalBinder(binder(), TokenListener.class).setBinding().to(KrebitMeters.class);
    requestInjection(new CircuitBreakerBinding());
  }

  @Provides
  @Singleton
  KrebitMeters meters(MeterRegistry registry) {
    return new KrebitMeters(registry);
  }

  /** Binds the endpoint's breaker at injector creation, if an endpoint is bound and guarded by one. */
  static final class CircuitBreakerBinding {
    @Inject(optional = true)
    void bind(KrebitMeters meters, TokenEndpoint endpoint) {
      if (endpoint instanceof CircuitBreakerGuarded guarded) {
        meters.bindCircuitBreaker(guarded);
      }
    }
  }
}
