package se.krebit.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.internal.Durations;

/**
 * Checks for builder settings: each names the setting in its {@link KrebitConfigurationException}.
 */
public final class Checks {
  private static final Duration MIN_DURATION = Duration.ofMillis(1);
  private static final Duration MAX_DURATION = Duration.ofMillis(Integer.MAX_VALUE);

  /** The most attempts a call may make, the first included. */
  public static final int MAX_ATTEMPTS = 10;

  private Checks() {}

  /** Attempts per call, the first included: 1 (no retries) to {@value #MAX_ATTEMPTS}. */
  public static int attempts(String name, int value) {
    return inRange(name, value, 1, MAX_ATTEMPTS);
  }

  /**
   * A timeout or backoff: Feign and the JDK client count in int milliseconds, so 1 ms to about 24
   * days.
   */
  public static Duration timeout(String name, Duration value) {
    requireNonNull(value, name);
    if (value.compareTo(MIN_DURATION) < 0 || value.compareTo(MAX_DURATION) > 0) {
      throw new KrebitConfigurationException(
          name + " must be at least 1 ms and below 2^31 ms; got " + value);
    }
    return value;
  }

  /** A duration of zero or more. */
  public static Duration notNegative(String name, Duration value) {
    return Durations.notNegative(name, value, KrebitConfigurationException::new);
  }

  /** A count from {@code min} to {@code max}, both included. */
  public static int inRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new KrebitConfigurationException(
          name + " must be " + min + " to " + max + "; got " + value);
    }
    return value;
  }

  /** {@code maxBackoff} must not be below {@code initialBackoff}. */
  public static void backoffOrder(Duration initialBackoff, Duration maxBackoff) {
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new KrebitConfigurationException(
          "maxBackoff ("
              + maxBackoff
              + ") must not be below initialBackoff ("
              + initialBackoff
              + ")");
    }
  }
}
