package se.krebit.http.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor the JDK {@link java.net.http.HttpClient} runs an exchange's steps on: a step handed
 * over by a thread known not to be the client's selector thread (a calling thread marked by {@link
 * #markCalling}, or a worker of this executor) runs on that thread at once; any other step goes to
 * a worker. This is what the JDK's own blocking {@code send} does for its steps; its public {@code
 * sendAsync}, the one call that lets a failed exchange's connection be closed, instead hands every
 * step to the executor, and each hand-off from thread to thread costs more CPU than the rest of a
 * small call. Steps handed over by the selector thread must leave it: it serves every connection of
 * the client. One executor for all clients of the JVM; its daemon workers end after a minute idle.
 */
public final class ExchangeExecutor implements Executor {
  private static final ExchangeExecutor SHARED = new ExchangeExecutor();

  /** Whether this thread is a calling thread marked by {@link #markCalling}. */
  private static final ThreadLocal<Boolean> CALLING = ThreadLocal.withInitial(() -> Boolean.FALSE);

  private final ExecutorService workers;

  private ExchangeExecutor() {
    AtomicInteger count = new AtomicInteger();
    workers =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            task -> new Worker(task, "krebit-http-" + count.incrementAndGet()));
  }

  /** The executor every JDK client of the transport shares. */
  public static ExchangeExecutor shared() {
    return SHARED;
  }

  @Override
  public void execute(Runnable step) {
    if (Thread.currentThread() instanceof Worker || CALLING.get()) {
      step.run();
    } else {
      workers.execute(step);
    }
  }

  /**
   * Marks the current thread as a calling thread, so that the steps it hands over run on it, until
   * {@link #restore} is given what this returned: whether it was marked before.
   */
  static boolean markCalling() {
    boolean before = CALLING.get();
    if (!before) {
      CALLING.set(Boolean.TRUE);
    }
    return before;
  }

  /** Ends a {@link #markCalling} that returned {@code before}. */
  static void restore(boolean before) {
    if (!before) {
      CALLING.set(Boolean.FALSE);
    }
  }

  /** A worker: never the selector thread, so steps it hands over run on it. */
  private static final class Worker extends Thread {
    Worker(Runnable task, String name) {
      super(task, name);
      setDaemon(true);
    }
  }
}
