package se.krebit.auth.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.spi.Scheduler.Cancellable;

/**
 * The state behind a {@link SettableClock} and its zone views: the current instant and the tasks
 * waiting for it. The lock guards the queue and the writes of {@code now}; tasks run outside it.
 */
final class Timeline {
  private static final Logger LOG = LoggerFactory.getLogger(SettableClock.class);
  private static final Comparator<Task> ORDER =
      Comparator.comparing((Task t) -> t.deadline).thenComparingLong(t -> t.sequence);

  private final Object lock = new Object();
  private final PriorityQueue<Task> queue = new PriorityQueue<>(ORDER);
  private final ThreadLocal<Boolean> draining = ThreadLocal.withInitial(() -> Boolean.FALSE);
  private final AtomicLong reads = new AtomicLong();
  private volatile Instant now;
  private long sequence;

  Timeline(Instant start) {
    this.now = start;
  }

  Instant now() {
    return now;
  }

  /** The time, counted as a read (see {@link SettableClock#reads()}). */
  Instant read() {
    reads.incrementAndGet();
    return now;
  }

  long reads() {
    return reads.get();
  }

  void advance(Duration amount) {
    synchronized (lock) {
      now = now.plus(amount);
    }
    runDue();
  }

  void set(Instant instant) {
    synchronized (lock) {
      now = instant;
    }
    runDue();
  }

  Cancellable schedule(Instant deadline, Runnable runnable) {
    Task task;
    boolean due;
    synchronized (lock) {
      task = new Task(deadline, sequence++, runnable);
      queue.add(task);
      due = !deadline.isAfter(now);
    }
    if (due) {
      runDue();
    }
    return () -> cancel(task);
  }

  int pendingTasks() {
    synchronized (lock) {
      return queue.size();
    }
  }

  private void cancel(Task task) {
    if (task.state.compareAndSet(Task.PENDING, Task.CANCELLED)) {
      synchronized (lock) {
        queue.remove(task);
      }
    }
  }

  /** Runs what is due, earliest first, re-reading the time after each task (tasks may move it). */
  private void runDue() {
    if (draining.get()) {
      return; // a task on this thread asked; the loop below, further up this stack, will see it
    }
    draining.set(Boolean.TRUE);
    try {
      for (Task task = pollDue(); task != null; task = pollDue()) {
        if (task.state.compareAndSet(Task.PENDING, Task.RUN)) {
          run(task);
        }
      }
    } finally {
      draining.remove();
    }
  }

  private @Nullable Task pollDue() {
    synchronized (lock) {
      Task head = queue.peek();
      return head == null || head.deadline.isAfter(now) ? null : queue.poll();
    }
  }

  private static void run(Task task) {
    try {
      task.runnable.run();
    } catch (RuntimeException e) {
      LOG.error("A task scheduled on the settable clock for {} failed", task.deadline, e);
    }
  }

  /**
   * Identity matters: two tasks are never equal, so the queue removes exactly the one cancelled.
   */
  private static final class Task {
    static final int PENDING = 0;
    static final int RUN = 1;
    static final int CANCELLED = 2;

    final Instant deadline;
    final long sequence;
    final Runnable runnable;
    final AtomicInteger state = new AtomicInteger(PENDING);

    Task(Instant deadline, long sequence, Runnable runnable) {
      this.deadline = deadline;
      this.sequence = sequence;
      this.runnable = runnable;
    }
  }
}
