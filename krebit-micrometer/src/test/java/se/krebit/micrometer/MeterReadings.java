package se.krebit.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import se.krebit.auth.CircuitState;

/** What the tests read back from a registry that {@link KrebitMeters} wrote to. */
record MeterReadings(MeterRegistry registry) {
  /** Timed token requests that ended in {@code outcome}, whatever their grant. */
  long tokenRequests(String outcome) {
    return registry.get(KrebitMeters.TOKEN_REQUESTS).tag("outcome", outcome).timer().count();
  }

  /** Timed token requests of {@code grantType} that ended in {@code outcome}. */
  long tokenRequests(String grantType, String outcome) {
    return registry
        .get(KrebitMeters.TOKEN_REQUESTS)
        .tag("grant_type", grantType)
        .tag("outcome", outcome)
        .timer()
        .count();
  }

  /** Callers that waited for a token request. */
  long waits() {
    return registry.get(KrebitMeters.TOKEN_WAITS).timer().count();
  }

  /** Calls counted on the source named {@code source}. */
  double calls(String source) {
    return registry.get(KrebitMeters.TOKEN_CALLS).tag("source", source).counter().count();
  }

  /** The circuit breaker gauge for {@code state}: 1 while the breaker is in it, else 0. */
  double circuit(CircuitState state) {
    return registry
        .get(KrebitMeters.CIRCUIT_STATE)
        .tag("state", state.name().toLowerCase(Locale.ROOT))
        .gauge()
        .value();
  }
}
