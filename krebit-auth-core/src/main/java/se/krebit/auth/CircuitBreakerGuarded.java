package se.krebit.auth;

/**
 * Something that calls its server through a circuit breaker and tells the breaker's state now, for
 * health checks and metrics: {@code krebit-micrometer} reads it as a gauge without knowing the
 * adapter, so it needs core only. The Feign token endpoint is one.
 *
 * <p>Implementations answer cheaply, without I/O, from any thread.
 */
@FunctionalInterface
public interface CircuitBreakerGuarded {
  /** The breaker's state now. */
  CircuitState circuitState();
}
