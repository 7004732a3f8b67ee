package se.krebit.auth.internal;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.spi.Scheduler;

/**
 * The default {@link Scheduler}: one daemon thread that runs tasks when their deadline has passed
 * on the given clock.
 *
 * <p>Deadlines are compared with the clock, not with a countdown: besides waking for each deadline,
 * the thread sweeps once a second, so a host that was suspended, or a wall clock that jumped, delays
 * a task by at most the sweep period. Thread-safe.
 */
public final class DefaultScheduler implements Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultScheduler.class);
  static final Duration SWEEP_PERIOD = Duration.ofSeconds(1);
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final Clock clock;
  private final ScheduledExecutorService thread;
  private final ConcurrentSkipListSet<Entry> pending =
      new ConcurrentSkipListSet<>(
          Comparator.comparing((Entry e) -> e.deadline).thenComparingLong(e -> e.sequence));

  private DefaultScheduler(Clock clock) {
    this.clock = clock;
    this.thread = Executors.newSingleThreadScheduledExecutor(daemon("krebit-scheduler"));
    long sweepMillis = SWEEP_PERIOD.toMillis();
    thread.scheduleWithFixedDelay(this::runDue, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
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
    return clock.getClass() == Clock.systemUTC().getClass() ? system() : new DefaultScheduler(clock);
  }

  @Override
  public Cancellable schedule(Instant deadline, Runnable task) {
    Entry entry = new Entry(requireNonNull(deadline, "deadline"), SEQUENCE.incrementAndGet(), requireNonNull(task, "task"));
    pending.add(entry);
    long delay = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
    thread.schedule(this::runDue, delay, TimeUnit.MILLISECONDS);
    return () -> pending.remove(entry);
  }

  private void runDue() {
    Instant now = clock.instant();
    for (Entry first = first(); first != null && !first.deadline.isAfter(now); first = first()) {
      if (pending.remove(first)) {
        try {
          first.task.run();
        } catch (RuntimeException e) {
          LOG.error("A scheduled Krebit task failed", e);
        }
      }
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
