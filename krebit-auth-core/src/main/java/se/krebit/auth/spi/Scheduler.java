package se.krebit.auth.spi;

import java.time.Instant;

/**
 * Runs a task when a future instant arrives on the flow's clock. Flows use it to move a cached token
 * from fresh to refresh-ahead without reading the clock on every call.
 *
 * <p>The default runs tasks on a shared daemon thread; the test kit's settable clock runs them when
 * it is advanced past their instant. Tasks must be short and must not block.
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
