package se.krebit.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExchangeExecutorTest {
  private final ExchangeExecutor executor = ExchangeExecutor.shared();

  @Test
  void aStepFromAThreadNotKnownToBeSafeGoesToAWorker() throws Exception {
    // the JDK's selector thread is such a thread: it must never run an exchange's step itself
    CompletableFuture<Thread> ranOn = new CompletableFuture<>();

    executor.execute(() -> ranOn.complete(Thread.currentThread()));

    Thread worker = ranOn.get(10, TimeUnit.SECONDS);
    assertThat(worker).isNotSameAs(Thread.currentThread());
    assertThat(worker.getName()).startsWith("krebit-http-");
    assertThat(worker.isDaemon()).isTrue();
  }

  @Test
  void aStepFromAMarkedCallingThreadRunsOnItAndTheMarkEndsWithRestore() throws Exception {
    Thread[] ranOn = new Thread[1];
    boolean before = ExchangeExecutor.markCalling();
    try {
      executor.execute(() -> ranOn[0] = Thread.currentThread());
    } finally {
      ExchangeExecutor.restore(before);
    }
    assertThat(before).isFalse();
    assertThat(ranOn[0]).isSameAs(Thread.currentThread());

    CompletableFuture<Thread> after = new CompletableFuture<>();
    executor.execute(() -> after.complete(Thread.currentThread()));
    assertThat(after.get(10, TimeUnit.SECONDS)).isNotSameAs(Thread.currentThread());
  }

  @Test
  void aNestedMarkLeavesTheOuterOneInPlace() throws Exception {
    boolean outer = ExchangeExecutor.markCalling();
    try {
      boolean inner = ExchangeExecutor.markCalling();
      ExchangeExecutor.restore(inner);
      Thread[] ranOn = new Thread[1];
      executor.execute(() -> ranOn[0] = Thread.currentThread());
      assertThat(inner).isTrue();
      assertThat(ranOn[0]).isSameAs(Thread.currentThread());
    } finally {
      ExchangeExecutor.restore(outer);
    }
  }

  @Test
  void aStepAWorkerHandsOverRunsOnThatWorker() throws Exception {
    CompletableFuture<Thread[]> ranOn = new CompletableFuture<>();

    executor.execute(
        () -> {
          Thread[] threads = {Thread.currentThread(), null};
          executor.execute(() -> threads[1] = Thread.currentThread());
          ranOn.complete(threads);
        });

    Thread[] threads = ranOn.get(10, TimeUnit.SECONDS);
    assertThat(threads[1]).isSameAs(threads[0]);
  }
}
