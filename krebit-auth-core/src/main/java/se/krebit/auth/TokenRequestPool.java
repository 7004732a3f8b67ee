package se.krebit.auth;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import se.krebit.auth.internal.DefaultScheduler;

/**
 * The threads that make token requests off the callers' threads, bounded however many users and
 * sources share them: at most {@link #maxThreads()} requests run at once, up to {@link
 * #queueCapacity()} more wait for a thread in arrival order.
 *
 * <p>Token sources use it by priority. A refresh ahead of expiry, whose caller is served the still
 * valid token, starts only if a thread is free at once; otherwise it is skipped, and a later call
 * tries again. A request that a caller waits for (no usable token) queues; when even the queue is
 * full, the caller's own thread makes it. So a slow token endpoint never costs a thread per user,
 * and a caller holding a valid token never waits because the pool is busy.
 *
 * <p>Size it for the token requests per second at peak times the endpoint's slowest normal answer,
 * with headroom: 16 threads carry 80 requests per second at 200 ms each. Threads are daemons named
 * {@code krebit-token-request-N}, started on demand and retired after {@link #IDLE_TIMEOUT_SECONDS}
 * seconds idle. Thread-safe.
 *
 * <pre>{@code
 * TokenRequestPool pool = TokenRequestPool.create(32);   // or TokenRequestPool.shared(): 16 threads
 * AuthorizationCodeFlow flow = AuthorizationCodeFlow.builder()...executor(pool).build();
 * }</pre>
 */
public final class TokenRequestPool implements Executor {
  /** Threads of {@link #shared()}, and of {@link #create(int)} pools' default. */
  public static final int DEFAULT_MAX_THREADS = 16;

  /**
   * Requests that may wait for a thread by default; beyond them the caller's thread makes the
   * request.
   */
  public static final int DEFAULT_QUEUE_CAPACITY = 1_000;

  /** How long a thread may stay idle before it ends. */
  public static final long IDLE_TIMEOUT_SECONDS = 60;

  private final int maxThreads;
  private final int queueCapacity;
  private final ThreadPoolExecutor threads;
  // Requests accepted and not yet finished, running or queued: the admission test counts these, so
  // that "fewer than maxThreads" means a thread is free now.
  private final AtomicInteger admitted = new AtomicInteger();

  private TokenRequestPool(int maxThreads, int queueCapacity) {
    if (maxThreads < 1) {
      throw new IllegalArgumentException("maxThreads must be at least 1: " + maxThreads);
    }
    if (queueCapacity < 0) {
      throw new IllegalArgumentException("queueCapacity must not be negative: " + queueCapacity);
    }
    this.maxThreads = maxThreads;
    this.queueCapacity = queueCapacity;
    this.threads =
        new ThreadPoolExecutor(
            maxThreads,
            maxThreads,
            IDLE_TIMEOUT_SECONDS,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), // bounded by the admission count, not by the queue
            DefaultScheduler.daemon("krebit-token-request"));
    this.threads.allowCoreThreadTimeOut(true);
  }

  /**
   * The pool every source and flow uses unless given another: {@value #DEFAULT_MAX_THREADS}
   * threads.
   */
  public static TokenRequestPool shared() {
    return Shared.INSTANCE;
  }

  /** A pool of its own with {@code maxThreads} threads and the default queue capacity. */
  public static TokenRequestPool create(int maxThreads) {
    return new TokenRequestPool(maxThreads, DEFAULT_QUEUE_CAPACITY);
  }

  /**
   * A pool of its own.
   *
   * @param maxThreads the most token requests running at once; at least 1
   * @param queueCapacity the most requests waiting for a thread; 0 for none
   */
  public static TokenRequestPool create(int maxThreads, int queueCapacity) {
    return new TokenRequestPool(maxThreads, queueCapacity);
  }

  /** The most token requests this pool runs at once, and so the most threads it has. */
  public int maxThreads() {
    return maxThreads;
  }

  /** The most requests that wait for a thread. */
  public int queueCapacity() {
    return queueCapacity;
  }

  /**
   * Runs {@code task} on a pool thread: at once if one is free, otherwise after the tasks queued
   * before it.
   *
   * @throws RejectedExecutionException if {@link #maxThreads()} tasks run and the queue is full
   */
  @Override
  public void execute(Runnable task) {
    requireNonNull(task, "task");
    if (!admit(maxThreads + queueCapacity)) {
      throw new RejectedExecutionException(
          "all "
              + maxThreads
              + " token request threads are busy and "
              + queueCapacity
              + " requests wait");
    }
    submit(task);
  }

  /** Runs {@code task} only if a thread is free at once; {@code false} if it was not started. */
  boolean tryExecuteNow(Runnable task) {
    if (!admit(maxThreads)) {
      return false;
    }
    submit(task);
    return true;
  }

  /**
   * Hands a token request to {@code executor}. A request that may be skipped ({@code optional})
   * starts only if the executor takes it at once: with a pool, only if a thread is free.
   *
   * @return whether the executor took it; {@code false} if it rejected it
   */
  static boolean offer(Executor executor, Runnable task, boolean optional) {
    if (optional && executor instanceof TokenRequestPool pool) {
      return pool.tryExecuteNow(task);
    }
    try {
      executor.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  private boolean admit(int limit) {
    while (true) {
      int now = admitted.get();
      if (now >= limit) {
        return false;
      }
      if (admitted.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  private void submit(Runnable task) {
    try {
      threads.execute(
          () -> {
            try {
              task.run();
            } finally {
              admitted.decrementAndGet();
            }
          });
    } catch (RuntimeException | Error e) {
      admitted.decrementAndGet();
      throw e;
    }
  }

  @Override
  public String toString() {
    return "TokenRequestPool[maxThreads="
        + maxThreads
        + ", queueCapacity="
        + queueCapacity
        + ", admitted="
        + admitted.get()
        + "]";
  }

  private static final class Shared {
    static final TokenRequestPool INSTANCE =
        new TokenRequestPool(DEFAULT_MAX_THREADS, DEFAULT_QUEUE_CAPACITY);
  }
}
