package se.krebit.spring.boot;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import se.krebit.api.Krebit;
import se.krebit.auth.CircuitBreakerGuarded;
import se.krebit.auth.CircuitState;
import se.krebit.auth.TokenKey;
import se.krebit.auth.spi.TokenStore;

/**
 * Krebit's health for Actuator: DOWN while the token endpoint's circuit breaker is open (token
 * requests fail at once) or the users' token store can't be read; the details name the circuit
 * state, the age of the application's cached token (none before the first call) and whether the
 * store answered, never a token or a secret. It makes no token request and never waits for one.
 */
public final class KrebitHealthIndicator implements HealthIndicator {
  /** The subject whose tokens the store probe looks up: a read of a key no user has. */
  static final String PROBE_SUBJECT = "krebit-health-probe";

  private final Krebit krebit;
  private final ObjectProvider<TokenStore> store;
  private final Clock clock;

  KrebitHealthIndicator(Krebit krebit, ObjectProvider<TokenStore> store, Clock clock) {
    this.krebit = requireNonNull(krebit, "krebit");
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public Health health() {
    Health.Builder health = Health.up();
    if (krebit.endpoint() instanceof CircuitBreakerGuarded guarded) {
      CircuitState state = guarded.circuitState();
      health.withDetail("tokenEndpointCircuit", state.name());
      if (state == CircuitState.OPEN) {
        health.down();
      }
    }
    health.withDetail(
        "appTokenAge",
        krebit
            .appTokens()
            .cachedTokenObtainedAt()
            .map(obtained -> Duration.between(obtained, clock.instant()).toString())
            .orElse("none cached"));
    Optional<String> storeProblem = storeProblem();
    health.withDetail("tokenStore", storeProblem.orElse("reachable"));
    if (storeProblem.isPresent()) {
      health.down();
    }
    return health.build();
  }

  /**
   * Why the application's token store can't be read, if it can't; the in-memory default always can.
   */
  private Optional<String> storeProblem() {
    TokenStore tokens = store.getIfUnique();
    if (tokens == null) {
      return Optional.empty();
    }
    try {
      tokens.load(
          TokenKey.of(krebit.config().tenant(), krebit.config().credentials(), PROBE_SUBJECT));
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(
          "unreachable: " + e.getClass().getSimpleName()); // its message may name the database
    }
  }
}
