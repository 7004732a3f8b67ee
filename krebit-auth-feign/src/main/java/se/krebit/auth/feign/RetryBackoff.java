package se.krebit.auth.feign;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import java.time.Duration;
import se.krebit.auth.TokenEndpointUnavailableException;
import se.krebit.auth.spi.TokenResponse;

/**
 * The wait before the next attempt: exponential backoff with jitter (doubling from the initial
 * backoff, ±50 %, capped), but never shorter than the {@code Retry-After} the server sent.
 * Thread-safe.
 */
final class RetryBackoff implements IntervalBiFunction<TokenResponse> {
  static final double MULTIPLIER = 2.0;
  static final double JITTER = 0.5;

  private final IntervalFunction exponential;

  RetryBackoff(Duration initial, Duration max) {
    this.exponential =
        IntervalFunction.ofExponentialRandomBackoff(initial, MULTIPLIER, JITTER, max);
  }

  @Override
  public Long apply(Integer attempt, Either<Throwable, TokenResponse> outcome) {
    long backoff = exponential.apply(attempt);
    long asked =
        outcome.isLeft() && outcome.getLeft() instanceof TokenEndpointUnavailableException e
            ? e.retryAfter().map(Duration::toMillis).orElse(0L)
            : 0L;
    return Math.max(backoff, asked);
  }
}
