package se.krebit.benchmarks;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Long-lived caller threads that a storm releases together, round after round, like a server's
 * request threads. Reusing them matters: a brand-new thread's first calls into code the JIT has not
 * compiled were measured at hundreds of microseconds to milliseconds on this machine, for reasons
 * in the JVM (the same calls from pooled threads take well under a microsecond), and that would be
 * charged to whichever library happens to be measured.
 *
 * <p>Not thread-safe: one harness thread drives it. Closing it interrupts the callers.
 */
final class CallerPool implements AutoCloseable {
  private final Thread[] threads;
  private final BlockingQueue<Round> rounds = new LinkedBlockingQueue<>();

  CallerPool(int size) {
    threads = new Thread[size];
    for (int i = 0; i < size; i++) {
      int caller = i;
      // Small stacks: 1,000 parked callers should cost little memory.
      threads[i] = new Thread(null, () -> serve(caller), "storm-caller-" + i, 256 * 1024);
      threads[i].setDaemon(true);
      threads[i].start();
    }
  }

  int size() {
    return threads.length;
  }

  /** One release of every caller: what each does, and what each observed. */
  static final class Round {
    final Contender.Call call;
    final CountDownLatch ready;
    final CountDownLatch go = new CountDownLatch(1);
    final CountDownLatch done;
    final long[] waits;
    final long[] returnedAt;
    final @Nullable String[] served;
    final AtomicInteger failures = new AtomicInteger();

    Round(Contender.Call call, int callers) {
      this.call = call;
      this.ready = new CountDownLatch(callers);
      this.done = new CountDownLatch(callers);
      this.waits = new long[callers];
      this.returnedAt = new long[callers];
      this.served = new String[callers];
    }
  }

  /** Hands {@code round} to every caller and returns once all of them are parked on its gate. */
  void arm(Round round) throws InterruptedException {
    for (int i = 0; i < threads.length; i++) {
      rounds.put(round);
    }
    round.ready.await();
  }

  private void serve(int caller) {
    try {
      while (true) {
        Round round = rounds.take();
        round.ready.countDown();
        round.go.await();
        long started = System.nanoTime();
        try {
          round.served[caller] = round.call.token();
        } catch (Exception e) {
          round.failures.incrementAndGet();
        } finally {
          round.returnedAt[caller] = System.nanoTime();
          round.waits[caller] = round.returnedAt[caller] - started;
          round.done.countDown();
        }
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  /** Waits for every caller of {@code round}; false if some had not returned within the bound. */
  static boolean awaitDone(Round round, long bound, TimeUnit unit) throws InterruptedException {
    return round.done.await(bound, unit);
  }

  @Override
  public void close() {
    for (Thread thread : threads) {
      thread.interrupt();
    }
  }
}
