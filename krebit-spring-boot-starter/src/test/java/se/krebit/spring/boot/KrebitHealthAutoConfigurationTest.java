package se.krebit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import se.krebit.auth.spi.TokenCipher;
import se.krebit.tink.TinkTokenCipher;

/**
 * The health indicator's condition, on contexts that make no request: Boot 4's health support only
 * (kept apart from {@link KrebitAutoConfigurationTest}, which also runs on Boot 3.5, where that
 * support does not exist).
 */
class KrebitHealthAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      KrebitContexts.runner(KrebitAutoConfiguration.class, KrebitHealthAutoConfiguration.class);

  @Test
  void theHealthIndicatorNeedsBootsHealthSupport() {
    runner.run(
        context ->
            assertThat(context.getBean(KrebitHealthIndicator.class).health().getDetails())
                .containsEntry("tokenEndpointCircuit", "CLOSED")
                .containsEntry("appTokenAge", "none cached")
                .containsEntry("tokenStore", "reachable"));
    runner
        .withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
        .run(
            context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(KrebitHealthIndicator.class));
  }

  @Test
  void theStoreProbeReadsTheApplicationsJdbcStore() {
    runner
        .withConfiguration(AutoConfigurations.of(KrebitJdbcAutoConfiguration.class))
        .withBean(DataSource.class, KrebitAutoConfigurationTest::h2)
        .withBean(
            TokenCipher.class,
            () -> TinkTokenCipher.fromKeysetJson(TinkTokenCipher.generateKeysetJson()))
        .run(
            context ->
                assertThat(context.getBean(KrebitHealthIndicator.class).health().getDetails())
                    .containsEntry("tokenStore", "reachable"));
  }
}
