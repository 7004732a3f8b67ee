package se.krebit.http.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The executor the JDK {@link java.net.http.HttpClient} runs an exchange's steps on: a step handed
 * over by a thread known not to be the client's selector thread (a calling thread marked by {@link
 * #markCalling}, or a worker of this executor) runs on that thread at once; a step the selector
 * hands over runs on a calling thread that is waiting for its response in {@link #await}, or, if
 * none is, on a worker. The JDK's own blocking {@code send} runs the first kind on the calling
 * thread too; its public {@code sendAsync}, the one call that lets a failed exchange's connection
 * be closed, instead hands every step to the executor, and each hand-off from thread to thread
 * costs more CPU than the rest of a small call. A waiting calling thread that reads its own
 * response saves the hand-off from a worker back to it. Steps handed over by the selector thread
 * must leave it: it serves every connection of the client. One executor for all clients of the JVM;
 * its daemon workers end after a minute idle.
 */
public final class ExchangeExecutor implements Executor {
  private static final ExchangeExecutor SHARED = new ExchangeExecutor();

  /** Whether this thread is a calling thread marked by {@link #markCalling}. */
  private static final ThreadLocal<Boolean> CALLING = ThreadLocal.withInitial(() -> Boolean.FALSE);

  /** Each thread's place in {@link #waiting}, made once per thread. */
  private static final ThreadLocal<Waiter> WAITER = ThreadLocal.withInitial(Waiter::new);

  private final ExecutorService workers;

  /**
   * Calling threads in {@link #await} ready for a step, and some that no longer are (they refuse
   * the step, and leave the queue as they are polled): at most one entry per thread.
   */
  private final ConcurrentLinkedQueue<Waiter> waiting = new ConcurrentLinkedQueue<>();

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
      return;
    }
    for (Waiter waiter = waiting.poll(); waiter != null; waiter = waiting.poll()) {
      waiter.queued.set(false);
      if (waiter.offer(step)) {
        return;
      }
    }
    workers.execute(step);
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

  /**
   * {@code outcome.get(timeout)} on a marked calling thread, which meanwhile runs the steps the
   * selector hands to it: typically the reading of the very response it waits for. A step is never
   * left behind: one handed over as the wait ends still runs, on this thread, or on a worker if the
   * wait ended by interrupt or timeout.
   *
   * @param timeoutNanos how long to wait at most; {@link Long#MAX_VALUE} for no limit
   */
  <T> T await(CompletableFuture<T> outcome, long timeoutNanos)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (outcome.isDone()) {
      return outcome.get();
    }
    Waiter waiter = WAITER.get();
    Thread self = waiter.thread;
    outcome.whenComplete((value, failure) -> LockSupport.unpark(self));
    long deadline = System.nanoTime() + timeoutNanos;
    boolean endedEarly = true;
    try {
      waiter.slot.set(Waiter.IDLE); // it was GONE: no step can be in it yet
      enqueue(waiter);
      while (!outcome.isDone()) {
        Runnable step = waiter.take();
        if (step != null) {
          runHere(step);
          // Never write IDLE here: this thread may have been in the queue again while the step
          // ran, and a selector may have put the next step in the slot; take() gets it.
          enqueue(waiter);
          continue;
        }
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        if (timeoutNanos == Long.MAX_VALUE) {
          LockSupport.park(this);
        } else {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new TimeoutException();
          }
          LockSupport.parkNanos(this, left);
        }
      }
      endedEarly = false;
    } finally {
      Runnable handedOver = waiter.leave();
      if (handedOver != null) {
        if (endedEarly) {
          workers.execute(handedOver); // the caller is leaving; the step must not hold it back
        } else {
          runHere(handedOver);
        }
      }
    }
    return outcome.get();
  }

  /** Puts a waiting thread in the queue, unless it is there already. */
  private void enqueue(Waiter waiter) {
    if (waiter.queued.compareAndSet(false, true)) {
      waiting.add(waiter);
    }
  }

  /**
   * Runs a step handed over by the selector, as a worker would: its failure is reported to the
   * thread's handler, not thrown into the call this thread is making. On an interrupted thread it
   * goes to a worker: a channel operation there would close the connection.
   */
  private void runHere(Runnable step) {
    Thread self = Thread.currentThread();
    if (self.isInterrupted()) {
      workers.execute(step);
      return;
    }
    try {
      step.run();
    } catch (RuntimeException | Error e) {
      self.getUncaughtExceptionHandler().uncaughtException(self, e);
    }
  }

  /** A calling thread's slot for one step from the selector. */
  private static final class Waiter {
    /** The slot is empty and the thread waiting for a step. */
    static final Object IDLE = new Object();

    /** The thread is not in {@link #await}: no step is taken. */
    static final Object GONE = new Object();

    final Thread thread = Thread.currentThread();

    /** {@link #IDLE}, {@link #GONE} or the step handed over. */
    final AtomicReference<Object> slot = new AtomicReference<>(GONE);

    /** Whether this waiter is in the queue (or about to be polled from it). */
    final AtomicBoolean queued = new AtomicBoolean();

    boolean offer(Runnable step) {
      if (slot.compareAndSet(IDLE, step)) {
        LockSupport.unpark(thread);
        return true;
      }
      return false;
    }

    @Nullable Runnable take() {
      Object current = slot.get();
      if (current instanceof Runnable step && slot.compareAndSet(current, IDLE)) {
        return step;
      }
      return null;
    }

    @Nullable Runnable leave() {
      Object last = slot.getAndSet(GONE);
      return last instanceof Runnable step ? step : null;
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
