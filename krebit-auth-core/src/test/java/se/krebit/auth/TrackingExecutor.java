package se.krebit.auth;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * Runs token fetches on threads and knows how many are still running, so a test can wait for quiet.
 */
final class TrackingExecutor implements Executor {
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicInteger active = new AtomicInteger();

  @Override
  public void execute(Runnable task) {
    active.incrementAndGet();
    threads.execute(
        () -> {
          try {
            task.run();
          } finally {
            active.decrementAndGet();
          }
        });
  }

  /** Waits until no fetch is running. */
  void awaitQuiet() {
    Awaitility.await()
        .pollInterval(Duration.ofMillis(1))
        .atMost(Duration.ofSeconds(10))
        .until(() -> active.get() == 0);
  }

  void shutdown() {
    threads.shutdownNow();
  }
}
