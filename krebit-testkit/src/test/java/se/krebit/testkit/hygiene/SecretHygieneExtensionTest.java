package se.krebit.testkit.hygiene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.slf4j.LoggerFactory;
import se.krebit.auth.KrebitConfigurationException;

/**
 * The extension fails a class whose logs or Krebit exceptions carried a planted secret, and only
 * then.
 */
class SecretHygieneExtensionTest {
  private static final String PLANTED = "planted-secret-for-the-hygiene-test-7f3a";

  /** Logs a planted secret: the extension must fail this class. */
  @ExtendWith(SecretHygieneExtension.class)
  static class LeaksInALogLine {
    @Test
    void logsTheSecret() {
      PlantedSecrets.plant(PLANTED);
      LoggerFactory.getLogger("se.krebit.example").debug("token is {}", PLANTED);
    }
  }

  /** Builds a Krebit exception whose message carries a planted secret, then swallows it. */
  @ExtendWith(SecretHygieneExtension.class)
  static class LeaksInAnExceptionMessage {
    @Test
    void swallowsALeakyException() {
      PlantedSecrets.plant(PLANTED);
      try {
        throw new KrebitConfigurationException("secret " + PLANTED + " is wrong");
      } catch (KrebitConfigurationException expected) {
        // caught and asserted on by a test: still a leak, since the message would reach users
      }
    }
  }

  /** Logs only a fingerprint: the extension must stay quiet. */
  @ExtendWith(SecretHygieneExtension.class)
  static class LogsAFingerprint {
    @Test
    void logsTheFingerprint() {
      PlantedSecrets.plant(PLANTED);
      LoggerFactory.getLogger("se.krebit.example")
          .debug("token {}", se.krebit.auth.Fingerprint.of(PLANTED));
    }
  }

  @AfterAll
  static void forgetTheDeliberateLeaks() {
    PlantedSecrets.forget(PLANTED);
  }

  @Test
  void aLeakInALogLineFailsTheClassWithoutRepeatingTheSecret() {
    Events containers = run(LeaksInALogLine.class);

    containers.assertStatistics(stats -> stats.failed(1));
    Throwable failure =
        containers.failed().stream()
            .findFirst()
            .orElseThrow()
            .getPayload(org.junit.platform.engine.TestExecutionResult.class)
            .orElseThrow()
            .getThrowable()
            .orElseThrow();
    assertThat(failure)
        .hasMessageContaining("log line")
        .hasMessageContaining("<secret ")
        .hasMessageNotContaining(PLANTED);
  }

  @Test
  void aLeakInAKrebitExceptionMessageFailsTheClass() {
    run(LeaksInAnExceptionMessage.class).assertStatistics(stats -> stats.failed(1));
  }

  @Test
  void aFingerprintIsNoLeak() {
    run(LogsAFingerprint.class).assertStatistics(stats -> stats.failed(0));
  }

  private static Events run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(testClass))
        .execute()
        .containerEvents();
  }
}
