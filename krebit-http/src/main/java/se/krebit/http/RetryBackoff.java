package se.krebit.http;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The wait before the next attempt: exponential backoff with jitter (doubling from the initial
 * backoff, ±50 %, capped), but never shorter than the {@code Retry-After} the failure carries.
 * Thread-safe.
 *
 * @param <T> the result type of the retried call
 */
public final class RetryBackoff<T> implements IntervalBiFunction<T> {
  static final double MULTIPLIER = 2.0;
  static final double JITTER = 0.5;

  private final IntervalFunction exponential;
  private final Function<Throwable, Optional<Duration>> retryAfter;

  /**
   * @param initial the backoff before the first retry
   * @param max the cap of the computed backoff
   * @param retryAfter the {@code Retry-After} a failure carries, if any
   */
  public RetryBackoff(
      Duration initial, Duration max, Function<Throwable, Optional<Duration>> retryAfter) {
    this.exponential =
        IntervalFunction.ofExponentialRandomBackoff(initial, MULTIPLIER, JITTER, max);
    this.retryAfter = retryAfter;
  }

  @Override
  public Long apply(Integer attempt, Either<Throwable, T> outcome) {
    long backoff = exponential.apply(attempt);
    long asked =
        outcome.isLeft()
            ? retryAfter.apply(outcome.getLeft()).map(Duration::toMillis).orElse(0L)
            : 0L;
    return Math.max(backoff, asked);
  }
}
