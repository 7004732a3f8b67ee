package se.krebit.spring.boot;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import se.krebit.api.Krebit;
import se.krebit.auth.spi.TokenStore;

/**
 * The {@code krebit} health indicator, when Boot 4's health support (actuator) is on the class
 * path.
 */
@AutoConfiguration(after = KrebitAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(Krebit.class)
public class KrebitHealthAutoConfiguration {
  /** Krebit's health: the token endpoint's circuit breaker and the users' token store. */
  @Bean
  @ConditionalOnMissingBean(name = "krebitHealthIndicator")
  public KrebitHealthIndicator krebitHealthIndicator(
      Krebit krebit, ObjectProvider<TokenStore> store) {
    return new KrebitHealthIndicator(krebit, store, Clock.systemUTC());
  }
}
