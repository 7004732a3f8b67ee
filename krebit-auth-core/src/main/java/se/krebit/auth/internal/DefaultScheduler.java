package se.krebit.auth.internal;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.spi.Scheduler;

/**
 * The default {@link Scheduler}: one daemon thread that runs each task once its deadline has passed
 * on the given clock, and never before.
 *
 * <p>The thread sleeps until the earliest deadline, to the nanosecond, and on waking compares the
 * deadline with the clock again: woken early (a sleep that ends a little before a clock with
 * microsecond precision reaches the deadline, or a spurious wake-up), it sleeps again for the rest.
 * It never sleeps longer than the sweep period, so a host that was suspended, or a wall clock that
 * jumped, delays a task by at most that. A task that throws, {@link Error}s included, is logged and
 * the others run on. Thread-safe.
 */
public final class DefaultScheduler implements Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultScheduler.class);
  static final Duration SWEEP_PERIOD = Duration.ofSeconds(1);
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final Clock clock;
  private final Thread thread;
  private final ConcurrentSkipListSet<Entry> pending =
      new ConcurrentSkipListSet<>(
          Comparator.comparing((Entry e) -> e.deadline).thenComparingLong(e -> e.sequence));

  private DefaultScheduler(Clock clock) {
    this.clock = clock;
    this.thread = daemon("krebit-scheduler").newThread(this::loop);
    this.thread.start();
  }

  /** The scheduler for the system UTC clock, shared by every source that uses that clock. */
  public static Scheduler system() {
    return SystemHolder.INSTANCE;
  }

  /**
   * A scheduler for {@code clock}: the clock itself when it is a {@link Scheduler} (as the test
   * kit's settable clock is), the shared one when it is a system clock of any zone, and otherwise a
   * new one with its own daemon thread.
   */
  public static Scheduler forClock(Clock clock) {
    requireNonNull(clock, "clock");
    if (clock instanceof Scheduler scheduler) {
      return scheduler;
    }
    return CoarseClock.isSystem(clock) ? system() : new DefaultScheduler(clock);
  }

  @Override
  public Cancellable schedule(Instant deadline, Runnable task) {
    Entry entry =
        new Entry(
            requireNonNull(deadline, "deadline"),
            SEQUENCE.incrementAndGet(),
            requireNonNull(task, "task"));
    pending.add(entry);
    if (first() == entry) {
      LockSupport.unpark(thread); // it sleeps for a later deadline: wake it to sleep for this one
    }
    return () -> pending.remove(entry);
  }

  private void loop() {
    while (true) {
      try {
        LockSupport.parkNanos(this, runDueAndMeasureSleep());
      } catch (Throwable unexpected) { // never let the thread die: tasks would stop running
        LOG.error(
            "The Krebit scheduler thread caught an unexpected failure; it carries on", unexpected);
        LockSupport.parkNanos(this, SWEEP_PERIOD.toNanos());
      }
    }
  }

  /**
   * Runs every task that is due and returns how long to sleep before the next one, at most a sweep.
   */
  long runDueAndMeasureSleep() {
    while (true) {
      Entry first = first();
      if (first == null) {
        return SWEEP_PERIOD.toNanos();
      }
      Duration untilDue = Duration.between(clock.instant(), first.deadline);
      if (untilDue.isNegative() || untilDue.isZero()) {
        if (pending.remove(first)) {
          run(first);
        }
      } else {
        return Math.min(SWEEP_PERIOD.toNanos(), untilDue.toNanos());
      }
    }
  }

  private static void run(Entry entry) {
    try {
      entry.task.run();
    } catch (Throwable e) { // an Error in one task must not stop the others
      LOG.error("A scheduled Krebit task failed", e);
    }
  }

  private @Nullable Entry first() {
    try {
      return pending.first();
    } catch (NoSuchElementException e) {
      return null;
    }
  }

  /** Names threads and makes them daemons, so the library never keeps a JVM alive. */
  public static ThreadFactory daemon(String name) {
    AtomicLong count = new AtomicLong();
    return runnable -> {
      Thread t = new Thread(runnable, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private record Entry(Instant deadline, long sequence, Runnable task) {}

  private static final class SystemHolder {
    static final DefaultScheduler INSTANCE = new DefaultScheduler(Clock.systemUTC());
  }
}
