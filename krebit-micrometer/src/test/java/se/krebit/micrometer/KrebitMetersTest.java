package se.krebit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import se.krebit.auth.CircuitState;

class KrebitMetersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MeterReadings read = new MeterReadings(registry);

  @Test
  void theCircuitGaugeReadsAnyGuardedBreakerThroughCore() {
    AtomicReference<CircuitState> breaker = new AtomicReference<>(CircuitState.CLOSED);
    new KrebitMeters(registry).bindCircuitBreaker(breaker::get);

    for (CircuitState now :
        new CircuitState[] {CircuitState.CLOSED, CircuitState.OPEN, CircuitState.HALF_OPEN}) {
      breaker.set(now);
      for (CircuitState state : CircuitState.values()) {
        assertThat(read.circuit(state))
            .as("%s while %s", state, now)
            .isEqualTo(state == now ? 1 : 0);
      }
    }
  }

  @Test
  void aSecondBreakerInTheSameRegistryChangesNothing() {
    KrebitMeters meters = new KrebitMeters(registry);
    meters.bindCircuitBreaker(() -> CircuitState.OPEN);
    meters.bindCircuitBreaker(() -> CircuitState.CLOSED);

    assertThat(read.circuit(CircuitState.OPEN)).isEqualTo(1);
    assertThat(read.circuit(CircuitState.CLOSED)).isZero();
  }
}
