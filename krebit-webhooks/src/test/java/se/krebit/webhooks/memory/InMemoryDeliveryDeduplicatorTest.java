package se.krebit.webhooks.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.testing.SettableClock;
import se.krebit.testkit.contract.DeliveryDeduplicatorContract;
import se.krebit.webhooks.spi.DeliveryKey;

class InMemoryDeliveryDeduplicatorTest extends DeliveryDeduplicatorContract {
  @Override
  protected Claims claims(SettableClock clock, Duration retention) {
    InMemoryDeliveryDeduplicator dedup =
        InMemoryDeliveryDeduplicator.builder().clock(clock).retention(retention).build();
    return Claims.of(
        key -> dedup.claim(DeliveryKey.ofDeliveryId(key)),
        key -> dedup.release(DeliveryKey.ofDeliveryId(key)));
  }

  @Test
  void beyondItsCapacityTheOldestClaimIsForgottenFirst() {
    InMemoryDeliveryDeduplicator dedup =
        InMemoryDeliveryDeduplicator.builder().maxEntries(3).build();
    for (String id : new String[] {"a", "b", "c", "d"}) {
      dedup.claim(DeliveryKey.ofDeliveryId(id));
    }

    assertThat(dedup.size()).isEqualTo(3);
    assertThat(dedup.claim(DeliveryKey.ofDeliveryId("b"))).as("still remembered").isFalse();
    assertThat(dedup.claim(DeliveryKey.ofDeliveryId("a"))).as("forgotten, the oldest").isTrue();
  }

  @Test
  void expiredClaimsLeaveMemory() {
    SettableClock clock = SettableClock.create();
    InMemoryDeliveryDeduplicator dedup =
        InMemoryDeliveryDeduplicator.builder()
            .clock(clock)
            .retention(Duration.ofMinutes(1))
            .build();
    for (int i = 0; i < 1_000; i++) {
      dedup.claim(DeliveryKey.ofDeliveryId("d-" + i));
    }

    clock.advance(Duration.ofMinutes(1));

    assertThat(dedup.size()).isZero();
  }

  @Test
  void theBuilderRefusesNonsense() {
    assertThatThrownBy(() -> InMemoryDeliveryDeduplicator.builder().retention(Duration.ZERO))
        .isInstanceOf(KrebitConfigurationException.class);
    assertThatThrownBy(() -> InMemoryDeliveryDeduplicator.builder().maxEntries(0))
        .isInstanceOf(KrebitConfigurationException.class);
  }
}
