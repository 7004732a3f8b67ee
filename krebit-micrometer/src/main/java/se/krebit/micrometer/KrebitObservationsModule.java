package se.krebit.micrometer;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import se.krebit.api.ApiCallListener;
import se.krebit.auth.TokenListener;

/**
 * {@link KrebitObservations} and {@link KrebitApiObservations} for a Guice application, in one
 * {@code install(...)} next to {@code krebit-guice}'s modules: the token sources and the sign-in
 * flow of {@code KrebitAuthModule} report to it as their {@link TokenListener} (together with
 * {@link KrebitMeters} when {@link KrebitMetersModule} is installed too), and {@code
 * KrebitApiModule}'s client as its {@link ApiCallListener}.
 *
 * <pre>{@code
 * Guice.createInjector(Stage.PRODUCTION,
 *     KrebitAuthModule.fromEnvironment(), new KrebitApiModule(),
 *     new KrebitMetersModule(meterRegistry),
 *     new KrebitObservationsModule(observationRegistry)); // or no argument, with one bound
 * }</pre>
 *
 * <p>Guice is an optional dependency of this module: applications without Guice never load this
 * class.
 */
public final class KrebitObservationsModule extends AbstractModule {
  private final @Nullable ObservationRegistry registry;

  /** Observations in the application's bound {@link ObservationRegistry}. */
  public KrebitObservationsModule() {
    this.registry = null;
  }

  /** Observations in {@code registry}. */
  public KrebitObservationsModule(ObservationRegistry registry) {
    this.registry = requireNonNull(registry, "registry");
  }

  @Override
  protected void configure() {
    if (registry != null) {
      bind(ObservationRegistry.class).toInstance(registry);
    }
    TokenListenerBinding.contribute(binder(), KrebitObservations.class);
    OptionalBinder.newOptionalBinder(binder(), ApiCallListener.class)
        .setBinding()
        .to(KrebitApiObservations.class);
  }

  @Provides
  @Singleton
  KrebitObservations observations(ObservationRegistry registry) {
    return new KrebitObservations(registry);
  }

  @Provides
  @Singleton
  KrebitApiObservations apiObservations(ObservationRegistry registry) {
    return new KrebitApiObservations(registry);
  }
}
