package se.krebit.auth.internal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.Function;

/**
 * The checks of a {@code Duration} setting, one wording for every builder: each names the setting,
 * and the caller chooses the exception its API documents.
 */
public final class Durations {
  private Durations() {}

  /**
   * {@code value} if it is longer than zero.
   *
   * @throws NullPointerException naming the setting if {@code value} is null
   */
  public static <X extends RuntimeException> Duration positive(
      String name, Duration value, Function<String, X> error) {
    requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw error.apply(name + " must be positive; got " + value);
    }
    return value;
  }

  /**
   * {@code value} if it is zero or longer.
   *
   * @throws NullPointerException naming the setting if {@code value} is null
   */
  public static <X extends RuntimeException> Duration notNegative(
      String name, Duration value, Function<String, X> error) {
    requireNonNull(value, name);
    if (value.isNegative()) {
      throw error.apply(name + " must not be negative; got " + value);
    }
    return value;
  }
}
