package se.krebit.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The contexts the starter's tests start: Krebit's required settings for a tenant that no test
 * calls, so that each test names only the auto-configurations it checks and what it adds.
 */
final class KrebitContexts {
  /** The client secret of these contexts, which no test may find printed or shown. */
  static final String SECRET = "s3cr3t-never-printed";

  private KrebitContexts() {}

  /** A runner of {@code autoConfigurations}, with the settings. */
  static ApplicationContextRunner runner(Class<?>... autoConfigurations) {
    return withSettings(
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(autoConfigurations)));
  }

  /** {@code runner} with the tenant, the client id {@code app} and {@link #SECRET}. */
  static ApplicationContextRunner withSettings(ApplicationContextRunner runner) {
    return runner.withPropertyValues(
        "krebit.tenant=http://127.0.0.1:9",
        "krebit.client.id=app",
        "krebit.client.secret=" + SECRET);
  }
}
