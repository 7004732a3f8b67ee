package se.krebit.spring.boot;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import se.krebit.api.ApiCallListener;
import se.krebit.micrometer.KrebitApiObservations;
import se.krebit.micrometer.KrebitObservations;

/**
 * Krebit's work as observations in the application's {@link ObservationRegistry} (which Actuator
 * creates, and a tracer bridged to it shows as spans), when {@code krebit-micrometer} is on the
 * class path: {@link KrebitObservations} hears the token sources (beside the meters, if any) and
 * {@link KrebitApiObservations} the API client's calls, so a call's token wait and token request
 * are spans under it.
 */
@AutoConfiguration(
    before = KrebitAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration", // Boot 4
      "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration" // Boot 3
    })
@ConditionalOnClass({KrebitObservations.class, ObservationRegistry.class})
@ConditionalOnBean(ObservationRegistry.class)
public class KrebitObservationsAutoConfiguration {
  /** Token waits, token requests and refresh leases; one of {@code Krebit}'s token listeners. */
  @Bean
  @ConditionalOnMissingBean
  public KrebitObservations krebitObservations(ObservationRegistry registry) {
    return new KrebitObservations(registry);
  }

  /**
   * API calls, the root of each trace Krebit adds to: {@code Krebit}'s API-call listener, unless
   * the application has its own.
   */
  @Bean
  @ConditionalOnMissingBean(ApiCallListener.class)
  public KrebitApiObservations krebitApiObservations(ObservationRegistry registry) {
    return new KrebitApiObservations(registry);
  }
}
