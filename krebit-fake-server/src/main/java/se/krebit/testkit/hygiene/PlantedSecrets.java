package se.krebit.testkit.hygiene;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every credential a test suite has planted: client secrets, access and refresh tokens, codes, PKCE
 * verifiers and Vault tokens. The fake Krebit server and the fake Vault plant what they issue and
 * receive; tests may plant their own. Thread-safe; lives as long as the JVM.
 */
public final class PlantedSecrets {
  /** Shorter values are too likely to occur by chance in ordinary text. */
  public static final int MIN_LENGTH = 8;

  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

  private PlantedSecrets() {}

  /** Remembers {@code secret}, if it is at least {@value #MIN_LENGTH} characters long. */
  public static void plant(String secret) {
    requireNonNull(secret, "secret");
    if (secret.length() >= MIN_LENGTH) {
      SECRETS.add(secret);
    }
  }

  /**
   * Forgets {@code secret}: for a test that leaks one on purpose to prove a detector works, in its
   * {@code @AfterAll}, so that the suite-wide check does not fail the test itself.
   */
  public static void forget(String secret) {
    SECRETS.remove(requireNonNull(secret, "secret"));
  }

  /** The first planted secret that occurs in {@code text}, if any. */
  public static Optional<String> foundIn(String text) {
    for (String secret : SECRETS) {
      if (text.contains(secret)) {
        return Optional.of(secret);
      }
    }
    return Optional.empty();
  }

  /** How many secrets are planted. */
  public static int count() {
    return SECRETS.size();
  }
}
