package se.krebit.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The client secret's mask for Actuator's {@code configprops} and {@code env} endpoints, when
 * Actuator is on the class path; Boot gives every {@code SanitizingFunction} bean to both.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
public class KrebitActuatorAutoConfiguration {
  /** Masks {@code krebit.client.secret}, also where the endpoints show values. */
  @Bean
  @ConditionalOnMissingBean
  public KrebitSecretSanitizer krebitSecretSanitizer() {
    return new KrebitSecretSanitizer();
  }
}
