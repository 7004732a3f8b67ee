package se.krebit.auth.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import se.krebit.auth.internal.DefaultScheduler;
import se.krebit.auth.spi.Scheduler.Cancellable;

class SettableClockTest {
  private static final Instant START = Instant.parse("2031-05-01T10:00:00Z");

  private final SettableClock clock = SettableClock.startingAt(START);
  private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

  @Test
  void startsWhereToldAndMovesOnlyWhenTold() {
    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneId.of("Z"));
    assertThat(SettableClock.create().instant()).isEqualTo(SettableClock.DEFAULT_START);

    clock.advance(Duration.ofMillis(1500));
    assertThat(clock.instant()).isEqualTo(START.plusMillis(1500));
    clock.set(START.minusSeconds(60));
    assertThat(clock.instant()).isEqualTo(START.minusSeconds(60));
  }

  @Test
  void startingNowIsTheRealTime() {
    long before = System.currentTimeMillis();
    long now = SettableClock.startingNow().millis();
    assertThat(now).isBetween(before, System.currentTimeMillis());
  }

  @Test
  void refusesToAdvanceBackwards() {
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
  }

  @Test
  void runsDueTasksInDeadlineOrderWhenAdvanced() {
    clock.schedule(START.plusSeconds(30), record("30s"));
    clock.schedule(START.plusSeconds(10), record("10s"));
    clock.schedule(START.plusSeconds(20), record("20s-first"));
    clock.schedule(START.plusSeconds(20), record("20s-second"));
    clock.schedule(START.plusSeconds(31), record("31s"));

    clock.advance(Duration.ofSeconds(9));
    assertThat(ran).isEmpty();

    clock.advance(Duration.ofSeconds(21));
    assertThat(ran).containsExactly("10s", "20s-first", "20s-second", "30s");
    assertThat(clock.pendingTasks()).isEqualTo(1);
  }

  @Test
  void setRunsDueTasksAndGoingBackRunsNothing() {
    clock.schedule(START.plusSeconds(5), record("5s"));
    clock.set(START.minusSeconds(100));
    assertThat(ran).isEmpty();
    clock.set(START.plusSeconds(5));
    assertThat(ran).containsExactly("5s");
  }

  @Test
  void runsATaskWhoseDeadlineHasPassedBeforeScheduleReturns() {
    Thread caller = Thread.currentThread();
    List<Thread> ranOn = new ArrayList<>();

    clock.schedule(START.minusSeconds(1), () -> ranOn.add(Thread.currentThread()));
    clock.schedule(START, () -> ranOn.add(Thread.currentThread()));

    assertThat(ranOn).containsExactly(caller, caller);
    assertThat(clock.pendingTasks()).isZero();
  }

  @Test
  void cancelledTasksNeverRun() {
    Cancellable cancellable = clock.schedule(START.plusSeconds(1), record("cancelled"));
    clock.schedule(START.plusSeconds(2), record("kept"));

    cancellable.cancel();
    cancellable.cancel(); // idempotent
    clock.advance(Duration.ofSeconds(5));

    assertThat(ran).containsExactly("kept");
  }

  @Test
  void aTaskCanCancelALaterTaskDueInTheSameAdvance() {
    Cancellable[] later = new Cancellable[1];
    clock.schedule(START.plusSeconds(1), () -> later[0].cancel());
    later[0] = clock.schedule(START.plusSeconds(2), record("later"));

    clock.advance(Duration.ofSeconds(3));

    assertThat(ran).isEmpty();
  }

  @Test
  void tasksScheduledByRunningTasksRunInTheSameAdvanceWhenDue() {
    clock.schedule(
        START.plusSeconds(10),
        () -> {
          ran.add("10s");
          clock.schedule(START.plusSeconds(15), record("15s, scheduled at 10s"));
          clock.schedule(START.plusSeconds(5), record("5s, scheduled late"));
          clock.schedule(START.plusSeconds(99), record("99s"));
        });
    clock.schedule(START.plusSeconds(20), record("20s"));

    clock.advance(Duration.ofSeconds(20));

    assertThat(ran).containsExactly("10s", "5s, scheduled late", "15s, scheduled at 10s", "20s");
    assertThat(clock.pendingTasks()).isEqualTo(1);
  }

  @Test
  void aTaskThatMovesTheClockDoesNotRunOtherTasksInsideItself() {
    clock.schedule(
        START.plusSeconds(1),
        () -> {
          ran.add("mover starts");
          clock.advance(Duration.ofSeconds(10));
          clock.schedule(START, record("past, scheduled by mover"));
          ran.add("mover ends");
        });
    clock.schedule(START.plusSeconds(5), record("5s"));

    clock.advance(Duration.ofSeconds(1));

    assertThat(ran).containsExactly("mover starts", "mover ends", "past, scheduled by mover", "5s");
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(11));
  }

  @Test
  void aFailingTaskIsLoggedAndDoesNotStopTheOthers() {
    Logger logger = (Logger) LoggerFactory.getLogger(SettableClock.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    logger.setAdditive(false); // keep the expected stack trace out of the build output
    try {
      clock.schedule(
          START.plusSeconds(1),
          () -> {
            throw new IllegalStateException("boom");
          });
      clock.schedule(START.plusSeconds(2), record("after the failure"));

      clock.advance(Duration.ofSeconds(2));

      assertThat(ran).containsExactly("after the failure");
      assertThat(log.list)
          .singleElement()
          .satisfies(
              event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getThrowableProxy().getMessage()).isEqualTo("boom");
              });
    } finally {
      logger.detachAppender(log);
      logger.setAdditive(true);
    }
  }

  @Test
  void zoneViewsShareTimeAndTasks() {
    SettableClock stockholm = clock.withZone(ZoneId.of("Europe/Stockholm"));
    stockholm.schedule(START.plusSeconds(1), record("via view"));

    clock.advance(Duration.ofSeconds(1));

    assertThat(stockholm.instant()).isEqualTo(clock.instant());
    assertThat(stockholm.getZone()).isEqualTo(ZoneId.of("Europe/Stockholm"));
    assertThat(ran).containsExactly("via view");
    assertThat(stockholm)
        .isEqualTo(clock.withZone(ZoneId.of("Europe/Stockholm")))
        .isNotEqualTo(clock);
    assertThat(stockholm.withZone(ZoneId.of("Z"))).isEqualTo(clock).hasSameHashCodeAs(clock);
  }

  @Test
  void coreUsesTheClockItselfAsScheduler() {
    assertThat(DefaultScheduler.forClock(clock)).isSameAs(clock);
  }

  @Test
  void holdsNoLockWhileATaskRuns() throws Exception {
    CountDownLatch taskStarted = new CountDownLatch(1);
    CountDownLatch otherThreadDone = new CountDownLatch(1);
    clock.schedule(
        START.plusSeconds(1),
        () -> {
          taskStarted.countDown();
          await(otherThreadDone); // the other thread needs the clock meanwhile
        });
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<?> use =
          other.submit(
              () -> {
                await(taskStarted);
                clock.schedule(START.plusSeconds(100), record("scheduled meanwhile"));
                clock.set(clock.instant()); // moves and drains: must not wait for the running task
                ran.add(
                    "other thread at "
                        + clock.instant()
                        + ", "
                        + clock.pendingTasks()
                        + " pending");
                otherThreadDone.countDown();
              });

      clock.advance(Duration.ofSeconds(1));

      use.get(5, TimeUnit.SECONDS);
      assertThat(ran).containsExactly("other thread at " + START.plusSeconds(1) + ", 1 pending");
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void runsEachTaskExactlyOnceWhenThreadsScheduleAndAdvanceConcurrently() throws Exception {
    int threads = 4;
    int tasksPerThread = 500;
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  await(go);
                  for (int i = 0; i < tasksPerThread; i++) {
                    clock.schedule(clock.instant().plusMillis(i % 7), runs::incrementAndGet);
                    clock.advance(Duration.ofMillis(1));
                  }
                }));
      }
      go.countDown();
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
      clock.advance(Duration.ofSeconds(1));

      assertThat(runs).hasValue(threads * tasksPerThread);
      assertThat(clock.pendingTasks()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  private Runnable record(String name) {
    return () -> ran.add(name);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(5, TimeUnit.SECONDS)) {
        throw new AssertionError("timed out waiting for the other thread");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
