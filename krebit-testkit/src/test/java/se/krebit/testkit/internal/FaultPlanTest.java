package se.krebit.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import se.krebit.testkit.InjectedFault;

class FaultPlanTest {
  private final FaultPlan plan = new FaultPlan();

  @Test
  void playsStepsInOrderThenNothing() {
    plan.add(2, InjectedFault.status(503));
    plan.add(1, InjectedFault.connectionReset());
    assertThat(plan.remaining()).isEqualTo(3);

    assertThat(plan.next()).contains(InjectedFault.status(503));
    assertThat(plan.next()).contains(InjectedFault.status(503));
    assertThat(plan.next()).contains(InjectedFault.connectionReset());
    assertThat(plan.next()).isEmpty();
    assertThat(plan.remaining()).isZero();
  }

  @Test
  void clearDropsEverything() {
    plan.add(5, InjectedFault.status(500));
    plan.clear();
    assertThat(plan.next()).isEmpty();
  }

  @Test
  void refusesZeroTimes() {
    assertThatThrownBy(() -> plan.add(0, InjectedFault.status(500)))
        .hasMessageContaining("at least 1");
  }
}
