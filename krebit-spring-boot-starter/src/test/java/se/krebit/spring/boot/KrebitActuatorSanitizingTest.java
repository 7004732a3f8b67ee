package se.krebit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static se.krebit.spring.boot.KrebitContexts.SECRET;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * Actuator's {@code configprops} and {@code env} endpoints, set to show values as an operator
 * debugging would: the other {@code krebit.*} values are shown, the client secret is not. Without
 * the starter's sanitizer Boot would show it, which the first test proves.
 */
class KrebitActuatorSanitizingTest {
  private final ApplicationContextRunner actuator =
      KrebitContexts.runner(
              EndpointAutoConfiguration.class,
              ConfigurationPropertiesReportEndpointAutoConfiguration.class,
              EnvironmentEndpointAutoConfiguration.class,
              KrebitAutoConfiguration.class)
          .withPropertyValues(
              "management.endpoints.web.exposure.include=configprops,env",
              "management.endpoint.configprops.show-values=always",
              "management.endpoint.env.show-values=always");

  @Test
  void bootAloneShowsTheSecretWhenValuesAreShown() {
    actuator.run(
        context -> {
          assertThat(clientProperties(context)).containsEntry("secret", SECRET);
          assertThat(envValue(context, "krebit.client.secret")).isEqualTo(SECRET);
        });
  }

  @Test
  void withTheStarterConfigpropsShowsEveryValueButTheSecret() {
    actuator
        .withConfiguration(AutoConfigurations.of(KrebitActuatorAutoConfiguration.class))
        .run(
            context -> {
              Map<String, Object> client = clientProperties(context);
              assertThat(client)
                  .containsEntry("id", "app")
                  .containsEntry("secret", SanitizableData.SANITIZED_VALUE);
              assertThat(krebitBean(context).getInputs().toString())
                  .contains("app")
                  .doesNotContain(SECRET);
            });
  }

  @Test
  void withTheStarterEnvMasksTheSecretsHoweverTheyAreSpelt() {
    actuator
        .withConfiguration(AutoConfigurations.of(KrebitActuatorAutoConfiguration.class))
        .withSystemProperties(
            "KREBIT_CLIENT_SECRET=" + SECRET,
            "KREBIT_VAULT_APP_ROLE_SECRET_ID=" + SECRET,
            "krebit.vault.token=" + SECRET)
        .run(
            context -> {
              assertThat(envValue(context, "krebit.client.id")).isEqualTo("app");
              assertThat(envValue(context, "krebit.client.secret"))
                  .isEqualTo(SanitizableData.SANITIZED_VALUE);
              assertThat(envValue(context, "KREBIT_CLIENT_SECRET"))
                  .isEqualTo(SanitizableData.SANITIZED_VALUE);
              assertThat(envValue(context, "KREBIT_VAULT_APP_ROLE_SECRET_ID"))
                  .isEqualTo(SanitizableData.SANITIZED_VALUE);
              assertThat(envValue(context, "krebit.vault.token"))
                  .isEqualTo(SanitizableData.SANITIZED_VALUE);
            });
  }

  @Test
  void theApplicationsOwnSanitizerWins() {
    actuator
        .withConfiguration(AutoConfigurations.of(KrebitActuatorAutoConfiguration.class))
        .withBean(KrebitSecretSanitizer.class, KrebitSecretSanitizer::new)
        .run(context -> assertThat(context).hasSingleBean(KrebitSecretSanitizer.class));
  }

  private static ConfigurationPropertiesBeanDescriptor krebitBean(ApplicationContext context) {
    return context
        .getBean(ConfigurationPropertiesReportEndpoint.class)
        .configurationPropertiesWithPrefix("krebit")
        .getContexts()
        .values()
        .iterator()
        .next()
        .getBeans()
        .values()
        .stream()
        .filter(bean -> bean.getPrefix().equals("krebit"))
        .findFirst()
        .orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> clientProperties(ApplicationContext context) {
    return (Map<String, Object>) krebitBean(context).getProperties().get("client");
  }

  private static Object envValue(ApplicationContext context, String name) {
    return context
        .getBean(EnvironmentEndpoint.class)
        .environmentEntry(name)
        .getProperty()
        .getValue();
  }
}
