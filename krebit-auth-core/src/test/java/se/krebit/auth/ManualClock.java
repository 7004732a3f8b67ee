package se.krebit.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import se.krebit.auth.spi.Scheduler;

/**
 * A clock for core's own tests that moves only when told to and runs due timers as it moves.
 * (The test kit ships the full settable clock; core can't depend on the test kit.)
 */
final class ManualClock extends Clock implements Scheduler {
  private record Task(Instant deadline, long sequence, Runnable action) {}

  private final AtomicLong sequence = new AtomicLong();
  private final List<Task> tasks = new ArrayList<>();
  private final AtomicLong reads = new AtomicLong();
  private volatile Instant now;

  ManualClock(Instant start) {
    this.now = start;
  }

  void advance(Duration step) {
    now = now.plus(step);
    while (true) {
      Task due;
      synchronized (tasks) {
        due = tasks.stream()
            .filter(t -> !t.deadline.isAfter(now))
            .min(Comparator.comparing(Task::deadline).thenComparingLong(Task::sequence))
            .orElse(null);
        if (due == null) {
          return;
        }
        tasks.remove(due);
      }
      due.action.run();
    }
  }

  /** How often the time was read: the hot path must not read it. */
  long reads() {
    return reads.get();
  }

  int pendingTasks() {
    synchronized (tasks) {
      return tasks.size();
    }
  }

  @Override
  public Cancellable schedule(Instant deadline, Runnable action) {
    Task task = new Task(deadline, sequence.incrementAndGet(), action);
    synchronized (tasks) {
      tasks.add(task);
    }
    return () -> {
      synchronized (tasks) {
        tasks.remove(task);
      }
    };
  }

  @Override
  public Instant instant() {
    reads.incrementAndGet();
    return now;
  }

  @Override
  public long millis() {
    reads.incrementAndGet();
    return now.toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("tests use UTC");
  }
}
