package se.krebit.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import se.krebit.api.Krebit;
import se.krebit.auth.CircuitBreakerGuarded;
import se.krebit.micrometer.KrebitMeters;

/**
 * {@link KrebitMeters} on the application's {@link MeterRegistry}, when {@code krebit-micrometer}
 * is on the class path: {@code Krebit} hears token requests and waits through it (one of the {@code
 * TokenListener} beans), and the token endpoint's circuit breaker is a gauge.
 */
@AutoConfiguration(
    before = KrebitAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration", // Boot 4
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration" // Boot 3
    })
@ConditionalOnClass({KrebitMeters.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
public class KrebitMetricsAutoConfiguration {
  /** The meters, which {@code Krebit} takes as one of its listeners. */
  @Bean
  @ConditionalOnMissingBean
  public KrebitMeters krebitMeters(MeterRegistry registry) {
    return new KrebitMeters(registry);
  }

  /** Binds the token endpoint's circuit breaker once every bean is made. */
  @Bean
  static SmartInitializingSingleton krebitCircuitBreakerGauge(
      ObjectProvider<KrebitMeters> meters, ObjectProvider<Krebit> krebit) {
    return () ->
        krebit.ifUnique(
            k ->
                meters.ifUnique(
                    m -> {
                      if (k.endpoint() instanceof CircuitBreakerGuarded guarded) {
                        m.bindCircuitBreaker(guarded);
                      }
                    }));
  }
}
