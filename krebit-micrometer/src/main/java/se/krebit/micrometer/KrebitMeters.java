package se.krebit.micrometer;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import se.krebit.auth.AccessToken;
import se.krebit.auth.CircuitBreakerGuarded;
import se.krebit.auth.CircuitState;
import se.krebit.auth.TokenListener;
import se.krebit.auth.TokenRequestEvent;
import se.krebit.auth.TokenSource;

/**
 * Krebit Auth's meters in a Micrometer registry. Hand it to a token source or flow as its {@link
 * TokenListener}, wrap sources with {@link #counted} to count calls, and {@link #bindCircuitBreaker
 * bind} the token endpoint's circuit breaker. Needs core only: the breaker's state comes through
 * core's {@link CircuitBreakerGuarded}.
 *
 * <ul>
 *   <li>{@value #TOKEN_REQUESTS} (timer), tags {@code grant_type}, {@code outcome}: every token
 *       request and how long it took, retries included;
 *   <li>{@value #TOKEN_WAITS} (timer), tag {@code grant_type}: callers that found no usable token
 *       and waited for a request — the cache misses;
 *   <li>{@value #TOKEN_CALLS} (counter), tag {@code source}: {@code token()} and {@code
 *       tokenAsync()} calls on counted sources; hits are calls less waits;
 *   <li>{@value #CIRCUIT_STATE} (gauge), tag {@code state}: 1 for the breaker's current state.
 * </ul>
 *
 * <pre>{@code
 * KrebitMeters meters = new KrebitMeters(registry);
 * TokenSource tokens = meters.counted("app", ClientCredentialsTokenSource.builder()
 *     .endpoint(endpoint).client(client).listener(meters).build());
 * meters.bindCircuitBreaker(endpoint);
 * }</pre>
 *
 * <p>Thread-safe. Tags never carry token values, subjects or other high-cardinality values.
 */
public final class KrebitMeters implements TokenListener {
  /** Token requests by grant type and outcome. */
  public static final String TOKEN_REQUESTS = "krebit.token.requests";

  /** Callers that waited for a token request. */
  public static final String TOKEN_WAITS = "krebit.token.waits";

  /** {@code token()} calls on counted sources. */
  public static final String TOKEN_CALLS = "krebit.token.calls";

  /** The token endpoint's circuit breaker. */
  public static final String CIRCUIT_STATE = "krebit.token.endpoint.circuit";

  private final MeterRegistry registry;

  /** Meters in {@code registry}. */
  public KrebitMeters(MeterRegistry registry) {
    this.registry = requireNonNull(registry, "registry");
  }

  @Override
  public void tokenRequested(TokenRequestEvent event) {
    Timer.builder(TOKEN_REQUESTS)
        .description("Token requests to Krebit, retries included")
        .tag("grant_type", event.grantType())
        .tag("outcome", event.outcome().name().toLowerCase(java.util.Locale.ROOT))
        .register(registry)
        .record(event.duration());
  }

  @Override
  public void callerWaited(String grantType, Duration waited) {
    Timer.builder(TOKEN_WAITS)
        .description("Callers that found no usable token and waited for a token request")
        .tag("grant_type", grantType)
        .register(registry)
        .record(waited);
  }

  /**
   * {@code tokens}, counting its {@code token()} calls under {@code source} (a low-cardinality name
   * such as {@code "app"} or {@code "users"}). The count costs an atomic add per call.
   */
  public TokenSource counted(String source, TokenSource tokens) {
    requireNonNull(tokens, "tokens");
    Counter calls =
        Counter.builder(TOKEN_CALLS)
            .description("token() calls")
            .tag("source", requireNonNull(source, "source"))
            .register(registry);
    return new TokenSource() {
      @Override
      public AccessToken token() {
        calls.increment();
        return tokens.token();
      }

      @Override
      public CompletionStage<AccessToken> tokenAsync() {
        calls.increment();
        return tokens.tokenAsync();
      }

      @Override
      public void invalidate(AccessToken rejected) {
        tokens.invalidate(rejected);
      }

      @Override
      public String toString() {
        return "Counted" + tokens;
      }
    };
  }

  /**
   * Registers a gauge per circuit state, 1 for the state {@code guarded}'s breaker is in now: the
   * Feign token endpoint, or any other {@link CircuitBreakerGuarded}. The gauges keep a strong
   * reference to it. One breaker per registry: Micrometer keeps the gauges registered first under
   * these names and tags, so binding a second one changes nothing.
   */
  public void bindCircuitBreaker(CircuitBreakerGuarded guarded) {
    requireNonNull(guarded, "guarded");
    for (CircuitState state : CircuitState.values()) {
      Gauge.builder(CIRCUIT_STATE, guarded, g -> g.circuitState() == state ? 1 : 0)
          .description("1 for the token endpoint circuit breaker's current state")
          .tag("state", state.name().toLowerCase(java.util.Locale.ROOT))
          .strongReference(true)
          .register(registry);
    }
  }
}
