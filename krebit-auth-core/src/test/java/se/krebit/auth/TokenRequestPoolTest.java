package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenRequestPoolTest {
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger maxRunning = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();
  private final Set<String> threadNames = ConcurrentHashMap.newKeySet();

  @AfterEach
  void releaseTasks() {
    release.countDown();
  }

  private Runnable blocking() {
    return () -> {
      threadNames.add(Thread.currentThread().getName());
      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        running.decrementAndGet();
        finished.incrementAndGet();
      }
    };
  }

  @Test
  void runsAtMostMaxThreadsAtOnceAndQueuesTheRestUpToItsCapacity() {
    TokenRequestPool pool = TokenRequestPool.create(3, 5);

    for (int i = 0; i < 8; i++) {
      pool.execute(blocking());
    }
    assertThatThrownBy(() -> pool.execute(blocking()))
        .isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("all 3 token request threads are busy");
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 3);

    release.countDown();
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> finished.get() == 8);
    assertThat(maxRunning.get()).isEqualTo(3);
    assertThat(threadNames).hasSize(3).allMatch(name -> name.startsWith("krebit-token-request-"));
  }

  @Test
  void anOptionalRequestStartsOnlyWhileAThreadIsFree() {
    TokenRequestPool pool = TokenRequestPool.create(2, 10);

    assertThat(TokenRequestPool.offer(pool, blocking(), true)).isTrue();
    assertThat(TokenRequestPool.offer(pool, blocking(), true)).isTrue();
    assertThat(TokenRequestPool.offer(pool, blocking(), true))
        .as("both threads busy: skipped, not queued")
        .isFalse();
    assertThat(TokenRequestPool.offer(pool, blocking(), false))
        .as("a request someone waits for queues")
        .isTrue();

    release.countDown();
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> finished.get() == 3);
    assertThat(TokenRequestPool.offer(pool, () -> {}, true)).as("a thread is free again").isTrue();
  }

  @Test
  void anyOtherExecutorIsOfferedEveryRequestAndMayRefuseIt() {
    AtomicInteger ran = new AtomicInteger();

    assertThat(TokenRequestPool.offer(task -> ran.incrementAndGet(), () -> {}, true)).isTrue();
    assertThat(
            TokenRequestPool.offer(
                task -> {
                  throw new RejectedExecutionException("full");
                },
                () -> {},
                false))
        .isFalse();
    assertThat(ran.get()).isEqualTo(1);
  }

  @Test
  void refusesNonsensicalSizes() {
    assertThatThrownBy(() -> TokenRequestPool.create(0)).hasMessageContaining("maxThreads");
    assertThatThrownBy(() -> TokenRequestPool.create(1, -1)).hasMessageContaining("queueCapacity");
    assertThat(TokenRequestPool.shared().maxThreads())
        .isEqualTo(TokenRequestPool.DEFAULT_MAX_THREADS);
  }
}
