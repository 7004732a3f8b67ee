package se.krebit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import se.krebit.api.ApiCallListener;
import se.krebit.api.Krebit;
import se.krebit.auth.TokenListener;
import se.krebit.micrometer.KrebitApiObservations;
import se.krebit.micrometer.KrebitMeters;
import se.krebit.micrometer.KrebitObservations;

/** When the observations are bound, and that the application's own win; no request is made. */
class KrebitObservationsAutoConfigurationTest {
  /** Krebit with its meters and observations, and no properties yet. */
  static ApplicationContextRunner observedKrebit() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                KrebitAutoConfiguration.class,
                KrebitMetricsAutoConfiguration.class,
                KrebitObservationsAutoConfiguration.class));
  }

  private final ApplicationContextRunner runner = KrebitContexts.withSettings(observedKrebit());

  @Test
  void anObservationRegistryGetsTheObservationsOfTokensAndApiCalls() {
    runner
        .withBean(ObservationRegistry.class, ObservationRegistry::create)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(KrebitObservations.class);
              assertThat(context.getBean(ApiCallListener.class))
                  .isInstanceOf(KrebitApiObservations.class);
              assertThat(context).hasSingleBean(Krebit.class);
            });
  }

  @Test
  void withoutAnObservationRegistryNothingIsObserved() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(KrebitObservations.class);
          assertThat(context).doesNotHaveBean(ApiCallListener.class);
        });
  }

  @Test
  void withoutKrebitMicrometerARegistryIsLeftAlone() {
    runner
        .withBean(ObservationRegistry.class, ObservationRegistry::create)
        .withClassLoader(new FilteredClassLoader(KrebitObservations.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(ApiCallListener.class);
            });
  }

  @Test
  void metersAndObservationsAreBothTokenListeners() {
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(ObservationRegistry.class, ObservationRegistry::create)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBeansOfType(TokenListener.class).values())
                  .extracting(Object::getClass)
                  .containsExactlyInAnyOrder(KrebitMeters.class, KrebitObservations.class);
            });
  }

  @Test
  void theApplicationsOwnListenersWin() {
    KrebitObservations ownObservations = new KrebitObservations(ObservationRegistry.create());
    ApiCallListener ownCalls = operation -> ApiCallListener.Call.NONE;
    runner
        .withBean(ObservationRegistry.class, ObservationRegistry::create)
        .withBean("ownObservations", KrebitObservations.class, () -> ownObservations)
        .withBean("ownCalls", ApiCallListener.class, () -> ownCalls)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(KrebitObservations.class)).isSameAs(ownObservations);
              assertThat(context.getBean(ApiCallListener.class)).isSameAs(ownCalls);
            });
  }
}
