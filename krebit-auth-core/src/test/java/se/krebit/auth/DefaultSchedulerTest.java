package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import se.krebit.auth.internal.DefaultScheduler;
import se.krebit.auth.spi.Scheduler;

class DefaultSchedulerTest {
  /** A wall clock a test can make jump, as after a suspended VM or an NTP step. */
  private static final class JumpingClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void jump(Duration by) {
      offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void runsATaskWhenItsDeadlineArrives() {
    Scheduler scheduler = DefaultScheduler.system();
    AtomicInteger ran = new AtomicInteger();

    scheduler.schedule(Instant.now().plusMillis(50), ran::incrementAndGet);

    await().atMost(Duration.ofSeconds(2)).until(() -> ran.get() == 1);
  }

  @Test
  void aCancelledTaskNeverRuns() {
    Scheduler scheduler = DefaultScheduler.system();
    AtomicInteger ran = new AtomicInteger();
    AtomicInteger marker = new AtomicInteger();

    scheduler.schedule(Instant.now().plusMillis(50), ran::incrementAndGet).cancel();
    scheduler.schedule(Instant.now().plusMillis(100), marker::incrementAndGet);

    await().atMost(Duration.ofSeconds(2)).until(() -> marker.get() == 1);
    assertThat(ran.get()).isZero();
  }

  @Test
  void aWallClockThatJumpsAheadRunsDueTasksWithinTheSweepPeriod() {
    JumpingClock clock = new JumpingClock();
    Scheduler scheduler = DefaultScheduler.forClock(clock);
    AtomicInteger ran = new AtomicInteger();
    scheduler.schedule(clock.instant().plus(Duration.ofHours(1)), ran::incrementAndGet);

    clock.jump(Duration.ofHours(1));

    await().atMost(Duration.ofSeconds(3)).until(() -> ran.get() == 1);
  }

  @Test
  void aClockThatIsASchedulerSchedulesItself() {
    ManualClock clock = new ManualClock(Instant.EPOCH);
    assertThat(DefaultScheduler.forClock(clock)).isSameAs(clock);
    assertThat(DefaultScheduler.forClock(Clock.systemDefaultZone())).isSameAs(DefaultScheduler.system());
  }
}
