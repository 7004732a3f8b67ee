package se.krebit.auth.spi;

import java.time.Instant;

/**
 * Runs a task when a future instant arrives on the flow's clock. Flows use it to start an
 * application token's refresh ahead of expiry before any caller needs it, and to retry a store
 * write; whether a token may still be served never depends on it, so a late or dead scheduler costs
 * timeliness, never correctness. Users' tokens need no scheduled task at all.
 *
 * <p>The default runs tasks on a shared daemon thread; the test clock {@code SettableClock} runs
 * them when it is advanced past their instant. A {@link java.time.Clock} that is also a Scheduler,
 * as that one is, also keeps the flows' coarse time: it must run each task as its time reaches it.
 * Tasks must be short and must not block.
 */
public interface Scheduler {
  /**
   * Runs {@code task} once, as soon as possible after {@code deadline}; at once if it has passed.
   *
   * @return a handle to cancel the task before it runs
   */
  Cancellable schedule(Instant deadline, Runnable task);

  /** A scheduled task that can still be called off. */
  @FunctionalInterface
  interface Cancellable {
    /** Makes sure the task does not run, if it has not started yet. Idempotent. */
    void cancel();
  }
}
