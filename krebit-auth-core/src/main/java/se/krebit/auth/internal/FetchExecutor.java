package se.krebit.auth.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The shared executor that runs token requests off the callers' threads, so every caller can wait
 * with a bound. Daemon threads, created on demand and retired after a minute idle.
 */
public final class FetchExecutor {
  private FetchExecutor() {}

  /** The shared executor. */
  public static Executor shared() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    static final Executor INSTANCE =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            DefaultScheduler.daemon("krebit-token-request"));
  }
}
