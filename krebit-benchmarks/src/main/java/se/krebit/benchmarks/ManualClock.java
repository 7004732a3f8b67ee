package se.krebit.benchmarks;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import se.krebit.auth.spi.Scheduler;

/**
 * A clock that moves only when told to, and that runs the tasks scheduled on it when it passes their
 * deadline. Lets the storm harness put a Krebit token source exactly into its refresh-ahead window,
 * through the same timer path as production, without waiting an hour of wall time.
 *
 * <p>Thread-safe. Tasks run on the thread that calls {@link #advance}, outside any lock.
 */
public final class ManualClock extends Clock implements Scheduler {
  private final List<Entry> pending = new ArrayList<>();
  private volatile long millis;

  /** A clock showing {@code start}. */
  public ManualClock(Instant start) {
    this.millis = requireNonNull(start, "start").toEpochMilli();
  }

  /** Moves the clock forward and runs every task now due. */
  public void advance(Duration by) {
    List<Runnable> due = new ArrayList<>();
    synchronized (pending) {
      millis += by.toMillis();
      pending.removeIf(
          e -> {
            boolean isDue = e.deadline <= millis;
            if (isDue) {
              due.add(e.task);
            }
            return isDue;
          });
    }
    due.forEach(Runnable::run);
  }

  @Override
  public Cancellable schedule(Instant deadline, Runnable task) {
    Entry entry = new Entry(deadline.toEpochMilli(), requireNonNull(task, "task"));
    synchronized (pending) {
      if (entry.deadline > millis) {
        pending.add(entry);
        return () -> {
          synchronized (pending) {
            pending.remove(entry);
          }
        };
      }
    }
    task.run(); // already due: the Scheduler contract says at once
    return () -> {};
  }

  @Override
  public long millis() {
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a benchmark clock has one zone, UTC");
  }

  // Identity, not equals: two entries with the same deadline and task are still two schedulings.
  private static final class Entry {
    final long deadline;
    final Runnable task;

    Entry(long deadline, Runnable task) {
      this.deadline = deadline;
      this.task = task;
    }
  }
}
