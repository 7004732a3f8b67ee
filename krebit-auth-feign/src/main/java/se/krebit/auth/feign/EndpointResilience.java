package se.krebit.auth.feign;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.event.RetryOnRetryEvent;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.TokenEndpointUnavailableException;
import se.krebit.auth.spi.TokenResponse;
import se.krebit.http.RetryBackoff;

/**
 * Retry around a circuit breaker around one attempt, the order Resilience4j recommends: every
 * attempt counts in the breaker, and an open breaker ends the retries at once.
 *
 * <p>Only {@link TokenEndpointUnavailableException} (transport faults, 5xx, 429) is retried or
 * counted as a failure, and for single-use grants (authorization code, refresh token) only when the
 * server surely did not act on the request. OAuth errors and unusable responses are neither: the
 * server answered, and asking again would get the same answer. A {@code Retry-After} longer than
 * the configured maximum is not waited for in line; the error carries it to the caller instead.
 * Thread-safe.
 */
final class EndpointResilience {
  private static final Logger LOG = LoggerFactory.getLogger(FeignTokenEndpoint.class);

  private final URI endpoint;
  private final int maxAttempts;
  private final Duration maxRetryAfter;
  private final Duration openDuration;
  private final CircuitBreaker breaker;
  private final Retry retry;
  private final Retry retryUnprocessed;

  EndpointResilience(EndpointSettings settings) {
    this.endpoint = settings.tokenEndpoint();
    this.maxAttempts = settings.http().maxAttempts();
    this.maxRetryAfter = settings.http().maxRetryAfter();
    this.openDuration = settings.circuitBreakerOpenDuration();
    String name = "krebit-token-endpoint " + endpoint;
    this.breaker = CircuitBreaker.of(name, breakerConfig(settings));
    RetryBackoff<TokenResponse> backoff =
        new RetryBackoff<>(
            settings.http().initialBackoff(),
            settings.http().maxBackoff(),
            EndpointResilience::retryAfter);
    this.retry =
        Retry.of(
            name,
            RetryConfig.<TokenResponse>custom()
                .maxAttempts(maxAttempts)
                .intervalBiFunction(backoff)
                .retryOnException(this::isWorthRetrying)
                .build());
    this.retryUnprocessed =
        Retry.of(
            name + " (single-use grants)",
            RetryConfig.<TokenResponse>custom()
                .maxAttempts(maxAttempts)
                .intervalBiFunction(backoff)
                .retryOnException(
                    failure -> isWorthRetrying(failure) && certainlyNotProcessed(failure))
                .build());
    retry.getEventPublisher().onRetry(this::logRetry);
    retryUnprocessed.getEventPublisher().onRetry(this::logRetry);
    breaker.getEventPublisher().onStateTransition(this::logTransition);
  }

  /**
   * Runs {@code attempt} with retries behind the circuit breaker.
   *
   * @throws TokenEndpointUnavailableException after the last transient failure, or at once while
   *     the circuit is open
   */
  TokenResponse call(Supplier<TokenResponse> attempt, boolean singleUseGrant) {
    Supplier<TokenResponse> guarded =
        Retry.decorateSupplier(
            singleUseGrant ? retryUnprocessed : retry,
            CircuitBreaker.decorateSupplier(breaker, attempt));
    try {
      return guarded.get();
    } catch (CallNotPermittedException e) {
      throw new TokenEndpointUnavailableException(
          "token endpoint "
              + endpoint
              + " was not called: its circuit breaker is open after repeated"
              + " transient failures and lets a trial request through after "
              + openDuration.toSeconds()
              + " s",
          0,
          null,
          null,
          null);
    }
  }

  /** The breaker's state, for tests and diagnostics. */
  CircuitBreaker.State circuitState() {
    return breaker.getState();
  }

  private static CircuitBreakerConfig breakerConfig(EndpointSettings settings) {
    int window = settings.circuitBreakerWindow();
    return CircuitBreakerConfig.custom()
        .slidingWindow(window, window, SlidingWindowType.COUNT_BASED)
        .failureRateThreshold(settings.circuitBreakerFailureRate())
        .waitDurationInOpenState(settings.circuitBreakerOpenDuration())
        .permittedNumberOfCallsInHalfOpenState(1)
        .recordException(TokenEndpointUnavailableException.class::isInstance)
        .clock(settings.clock())
        .build();
  }

  /**
   * Whether the server surely did not act on the request: it was never sent (connection refused,
   * connect timeout), or the server said so (429, 503). Only then may a code or refresh token be
   * sent again: a strict server treats a second redemption as theft and revokes the user's tokens.
   */
  private static boolean certainlyNotProcessed(Throwable failure) {
    if (!(failure instanceof TokenEndpointUnavailableException unavailable)) {
      return false;
    }
    int status = unavailable.httpStatus().orElse(0);
    Throwable cause = unavailable.getCause();
    return status == 429
        || status == 503
        || (status == 0
            && (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException));
  }

  private static Optional<Duration> retryAfter(Throwable failure) {
    return failure instanceof TokenEndpointUnavailableException unavailable
        ? unavailable.retryAfter()
        : Optional.empty();
  }

  private boolean isWorthRetrying(Throwable failure) {
    return failure instanceof TokenEndpointUnavailableException unavailable
        && unavailable.retryAfter().map(wait -> wait.compareTo(maxRetryAfter) <= 0).orElse(true)
        && !Thread.currentThread().isInterrupted();
  }

  private void logRetry(RetryOnRetryEvent event) {
    LOG.warn(
        "Token request failed on attempt {} of {}, retrying in {} ms: {}",
        event.getNumberOfRetryAttempts(),
        maxAttempts,
        event.getWaitInterval().toMillis(),
        event.getLastThrowable() == null
            ? "unknown failure"
            : event.getLastThrowable().getMessage());
  }

  private void logTransition(CircuitBreakerOnStateTransitionEvent event) {
    LOG.warn("Circuit breaker of token endpoint {}: {}", endpoint, event.getStateTransition());
  }
}
