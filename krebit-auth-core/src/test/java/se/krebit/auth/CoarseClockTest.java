package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import se.krebit.auth.internal.CoarseClock;
import se.krebit.auth.testing.SettableClock;

class CoarseClockTest {
  private static final Duration TICK = Duration.ofMillis(5);
  private static final Duration STALL = Duration.ofMillis(100);
  private static final Duration MAX_LAG = Duration.ofMillis(500);

  @Test
  void theSystemReadingIsNeverAheadOfTheClockNorBehindItByMoreThanTheVouchedLag() {
    CoarseClock coarse = CoarseClock.forClock(Clock.systemUTC());
    assertThat(CoarseClock.forClock(Clock.systemDefaultZone()))
        .as("one for the JVM, any zone")
        .isSameAs(coarse);
    int known = 0;
    long deadline = System.nanoTime() + Duration.ofMillis(500).toNanos();
    while (System.nanoTime() < deadline) {
      long reading = coarse.millis();
      long wall = System.currentTimeMillis();
      if (reading != CoarseClock.UNKNOWN) {
        known++;
        assertThat(reading).isLessThanOrEqualTo(wall);
        assertThat(wall - reading).isLessThanOrEqualTo(coarse.maxLagMillis());
      }
    }
    assertThat(known).as("readings while the ticker keeps up").isPositive();
    assertThat(coarse.maxLagMillis()).isEqualTo(CoarseClock.SYSTEM_MAX_LAG_MILLIS);
  }

  @Test
  void aStalledTickerIsNoticedAndTheReadingIsUnknownUntilItTicksAgain() throws Exception {
    CountDownLatch stalled = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    AtomicBoolean stall = new AtomicBoolean();
    CoarseClock coarse =
        CoarseClock.ticking(
            () -> {
              if (stall.get()) {
                stalled.countDown();
                awaitLatch(resume);
              }
              return System.currentTimeMillis();
            },
            TICK,
            STALL,
            MAX_LAG,
            "test-clock");
    await().atMost(Duration.ofSeconds(2)).until(() -> coarse.millis() != CoarseClock.UNKNOWN);

    stall.set(true);
    assertThat(stalled.await(2, TimeUnit.SECONDS)).isTrue();
    long stalledAt = System.nanoTime();
    await()
        .pollInterval(Duration.ofMillis(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> coarse.millis() == CoarseClock.UNKNOWN);
    assertThat(Duration.ofNanos(System.nanoTime() - stalledAt))
        .as("noticed within the vouched lag")
        .isLessThan(MAX_LAG);

    stall.set(false);
    resume.countDown();
    await().atMost(Duration.ofSeconds(2)).until(() -> coarse.millis() != CoarseClock.UNKNOWN);
    assertThat(coarse.millis()).isLessThanOrEqualTo(System.currentTimeMillis());
  }

  @Test
  void aTickerWhoseClockThrowsErrorsKeepsGoingAndRecoversWhenTheyStop() {
    AtomicBoolean failing = new AtomicBoolean();
    CoarseClock coarse =
        CoarseClock.ticking(
            () -> {
              if (failing.get()) {
                throw new AssertionError("the clock fails hard (planted by the test)");
              }
              return System.currentTimeMillis();
            },
            TICK,
            STALL,
            MAX_LAG,
            "test-clock");

    failing.set(true);
    await()
        .pollInterval(Duration.ofMillis(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> coarse.millis() == CoarseClock.UNKNOWN);
    failing.set(false);
    await().atMost(Duration.ofSeconds(2)).until(() -> coarse.millis() != CoarseClock.UNKNOWN);
  }

  @Test
  void aClockThatIsASchedulerTicksItExactlyEachTimeItMoves() {
    SettableClock clock = SettableClock.startingAt(Instant.parse("2030-01-01T00:00:00Z"));
    CoarseClock coarse = CoarseClock.forClock(clock);
    assertThat(coarse.maxLagMillis()).isZero();

    for (long step : new long[] {1, 999, 3_600_000, 7}) {
      clock.advance(Duration.ofMillis(step));
      assertThat(coarse.millis()).isEqualTo(clock.millis());
    }
    clock.advance(
        Duration.ofNanos(500_000)); // within the millisecond: the reading stays at its floor
    assertThat(coarse.millis()).isEqualTo(clock.millis());
  }

  @Test
  void aClockWhoseSchedulerRunsTasksBeforeTheirDeadlineIsReadInstead() {
    Clock eager = new EagerClock();

    assertThat(CoarseClock.forClock(eager).millis()).isEqualTo(CoarseClock.UNKNOWN);
  }

  @Test
  void anyOtherClockIsAlwaysReadInstead() {
    Clock offset = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
    assertThat(CoarseClock.forClock(offset).millis()).isEqualTo(CoarseClock.UNKNOWN);
    assertThat(CoarseClock.forClock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).millis())
        .isEqualTo(CoarseClock.UNKNOWN);
  }

  @Test
  void theThreadsOfAnUnreachableCoarseClockEnd() {
    WeakReference<CoarseClock> coarse =
        new WeakReference<>(
            CoarseClock.ticking(
                System::currentTimeMillis, TICK, STALL, MAX_LAG, "abandoned-clock"));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              System.gc();
              return coarse.get() == null && liveThreads("abandoned-clock").isEmpty();
            });
  }

  @Test
  void refusesSettingsThatCouldNotVouchForTheLag() {
    assertThatThrownBy(
            () -> CoarseClock.ticking(System::currentTimeMillis, STALL, TICK, MAX_LAG, "bad"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> CoarseClock.ticking(System::currentTimeMillis, TICK, MAX_LAG, STALL, "bad"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Thread> liveThreads(String prefix) {
    List<Thread> found = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(prefix) && t.isAlive()) {
        found.add(t);
      }
    }
    return found;
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A clock whose scheduler runs every task at once, deadline or not: it can't drive a coarse time.
   */
  private static final class EagerClock extends Clock implements se.krebit.auth.spi.Scheduler {
    @Override
    public Cancellable schedule(Instant deadline, Runnable task) {
      task.run();
      return () -> {};
    }

    @Override
    public Instant instant() {
      return Instant.now();
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
