package se.krebit.testkit.hygiene;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import se.krebit.auth.Fingerprint;

/**
 * Fails a test class during which any {@link PlantedSecrets planted secret} appeared in a log line
 * (with Logback as the backend: every logger, every level the configuration lets through, MDC and
 * exception chains included) or in the message of an exception thrown by Krebit code.
 *
 * <p>Register it for a whole suite with JUnit's extension auto-detection: a {@code
 * META-INF/services/org.junit.jupiter.api.extension.Extension} file naming this class and {@code
 * junit.jupiter.extensions.autodetection.enabled=true} in {@code junit-platform.properties}. Run
 * the suite with the root logger at TRACE to see everything. The failure names each leak by the
 * secret's fingerprint and where it appeared, never by the secret.
 */
public final class SecretHygieneExtension implements BeforeAllCallback, AfterAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SecretHygieneExtension.class);

  private record Capture(ExceptionMessages exceptions, LogLines logs) {}

  @Override
  public void beforeAll(ExtensionContext context) {
    if (context.getParent().flatMap(ExtensionContext::getParent).isPresent()
        || context.getStore(NAMESPACE).get(Capture.class) != null) {
      return; // a @Nested class, covered by its outer class's capture; or registered twice
    }
    context
        .getStore(NAMESPACE)
        .put(Capture.class, new Capture(new ExceptionMessages(), logCaptureOrNull()));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Capture capture = context.getStore(NAMESPACE).remove(Capture.class, Capture.class);
    if (capture == null) {
      return;
    }
    List<String> leaks = new ArrayList<>();
    try (ExceptionMessages exceptions = capture.exceptions()) {
      check("exception", exceptions.stop(), leaks);
    }
    if (capture.logs() != null) {
      check("log line", capture.logs().detach(), leaks);
    }
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          "Planted secrets leaked during "
              + context.getDisplayName()
              + ":\n  "
              + String.join("\n  ", leaks));
    }
  }

  private static void check(String where, List<String> texts, List<String> leaks) {
    for (String text : texts) {
      PlantedSecrets.foundIn(text)
          .ifPresent(
              secret -> {
                String masked = text.replace(secret, "<secret " + Fingerprint.of(secret) + ">");
                leaks.add(where + ": " + masked.substring(0, Math.min(masked.length(), 400)));
              });
    }
  }

  private static LogLines logCaptureOrNull() {
    try {
      Class.forName("ch.qos.logback.classic.LoggerContext");
    } catch (ClassNotFoundException e) {
      return null;
    }
    return LogLines.attachIfLogback();
  }
}
