package se.krebit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.auth.TokenStoreException;

/** The lock krebit processes take turns with, held by another process. */
class StoreLockIT {
  @TempDir Path directory;

  @Test
  void anOperationWaitsForAnotherProcessesTurnAndThenRuns() throws Exception {
    StoreLock lock = new StoreLock(directory, true, Duration.ofSeconds(30));
    StoreHolder other = StoreHolder.hold(directory, StoreHolder.Mode.LOCK);
    CompletableFuture<String> waiting =
        CompletableFuture.supplyAsync(() -> lock.holding(() -> "ran"));
    Thread.sleep(500);
    assertThat(waiting).as("still waiting while the other process holds the lock").isNotDone();
    other.release();

    assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo("ran");
  }

  @Test
  void anOperationThatWaitsPastTheBoundFailsRetryablyNamingTheSetting() throws Exception {
    StoreLock lock = new StoreLock(directory, true, Duration.ofMillis(300));
    StoreHolder other = StoreHolder.hold(directory, StoreHolder.Mode.LOCK);
    try {
      assertThatThrownBy(() -> lock.holding(() -> "never"))
          .isInstanceOfSatisfying(
              TokenStoreException.class, e -> assertThat(e.isRetryable()).isTrue())
          .hasMessage(
              "The token store "
                  + directory.toAbsolutePath()
                  + " stayed locked by another krebit for"
                  + " longer than 300ms (KREBIT_STORE_WAIT)");
    } finally {
      other.release();
    }
  }

  @Test
  void threadsOfOneProcessTakeTurnsToo() throws Exception {
    StoreLock first = new StoreLock(directory, true, Duration.ofSeconds(30));
    StoreLock second =
        new StoreLock(directory, true, Duration.ofSeconds(30)); // a store opened twice
    CompletableFuture<Void> inside = new CompletableFuture<>();
    CompletableFuture<Void> leave = new CompletableFuture<>();
    CompletableFuture<String> holder =
        CompletableFuture.supplyAsync(
            () ->
                first.holding(
                    () -> {
                      inside.complete(null);
                      leave.join();
                      return "first";
                    }));
    inside.get(30, TimeUnit.SECONDS);

    CompletableFuture<String> waiting =
        CompletableFuture.supplyAsync(() -> second.holding(() -> "second"));
    Thread.sleep(300);
    assertThat(waiting).isNotDone();
    leave.complete(null);

    assertThat(holder.get(30, TimeUnit.SECONDS)).isEqualTo("first");
    assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo("second");
  }
}
