package se.krebit.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class ExchangeExecutorTest {
  private final ExchangeExecutor executor = ExchangeExecutor.shared();

  @Test
  void aStepFromAThreadNotKnownToBeSafeGoesToAWorkerWhenNoCallerWaits() throws Exception {
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

  @Test
  void aCallingThreadWaitingInAwaitRunsTheStepTheSelectorHandsOver() throws Exception {
    CompletableFuture<String> response = new CompletableFuture<>();
    Thread caller = Thread.currentThread();
    Thread[] ranOn = new Thread[1];
    Thread selector =
        selectorHandingOver(
            caller,
            () -> {
              ranOn[0] = Thread.currentThread();
              response.complete("read");
            });

    String read = awaitMarked(response, TimeUnit.SECONDS.toNanos(10));

    selector.join();
    assertThat(read).isEqualTo("read");
    assertThat(ranOn[0]).isSameAs(Thread.currentThread());
  }

  @Test
  void aWaitThatTimesOutThrowsAndLeavesLaterStepsToWorkers() throws Exception {
    CompletableFuture<String> never = new CompletableFuture<>();

    assertThatThrownBy(() -> awaitMarked(never, TimeUnit.MILLISECONDS.toNanos(50)))
        .isInstanceOf(TimeoutException.class);

    assertThat(runnerOfAStepFromAnotherThread().getName()).startsWith("krebit-http-");
  }

  @Test
  void anInterruptedWaitThrowsAndKeepsNoStep() throws Exception {
    CompletableFuture<String> never = new CompletableFuture<>();
    Thread.currentThread().interrupt();

    assertThatThrownBy(() -> awaitMarked(never, Long.MAX_VALUE))
        .isInstanceOf(InterruptedException.class);

    assertThat(runnerOfAStepFromAnotherThread().getName()).startsWith("krebit-http-");
  }

  @Test
  void aFailingStepRunByAWaitingCallerGoesToItsHandlerNotIntoTheCall() throws Exception {
    CompletableFuture<String> response = new CompletableFuture<>();
    Thread caller = Thread.currentThread();
    List<Throwable> reported = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler before = Thread.currentThread().getUncaughtExceptionHandler();
    Thread.currentThread().setUncaughtExceptionHandler((thread, e) -> reported.add(e));
    try {
      Thread selector =
          selectorHandingOver(
              caller,
              () -> {
                throw new IllegalStateException("a step failed");
              },
              () -> response.complete("read"));

      assertThat(awaitMarked(response, TimeUnit.SECONDS.toNanos(10))).isEqualTo("read");
      selector.join();
    } finally {
      Thread.currentThread().setUncaughtExceptionHandler(before);
    }
    assertThat(reported)
        .singleElement()
        .extracting(Throwable::getMessage)
        .isEqualTo("a step failed");
  }

  @Test
  void noStepIsLostWhileSelectorsHandStepsToCallersThatComeAndGo() throws Exception {
    int selectors = 3;
    int stepsEach = 50_000;
    AtomicInteger ran = new AtomicInteger();
    AtomicBoolean allHandedOver = new AtomicBoolean();
    List<Thread> callers = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      Thread caller =
          new Thread(
              () -> {
                while (!allHandedOver.get()) {
                  try {
                    awaitMarked(new CompletableFuture<>(), TimeUnit.MICROSECONDS.toNanos(20));
                  } catch (Exception timedOut) {
                    // waits end in every way, all the time: that is the point
                  }
                }
              },
              "caller-" + c);
      caller.start();
      callers.add(caller);
    }
    List<Thread> stepping = new ArrayList<>();
    for (int s = 0; s < selectors; s++) {
      Thread selector =
          new Thread(
              () -> {
                for (int i = 0; i < stepsEach; i++) {
                  executor.execute(ran::incrementAndGet);
                }
              },
              "selector-stand-in-" + s);
      selector.start();
      stepping.add(selector);
    }
    for (Thread selector : stepping) {
      selector.join();
    }
    allHandedOver.set(true);
    for (Thread caller : callers) {
      caller.join();
    }

    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ran.get() < selectors * stepsEach && System.nanoTime() < until) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // workers may still be running some
    }
    assertThat(ran.get()).as("steps run").isEqualTo(selectors * stepsEach);
  }

  /** The thread that runs a step another thread, not marked (as the selector), hands over. */
  private Thread runnerOfAStepFromAnotherThread() throws Exception {
    CompletableFuture<Thread> ranOn = new CompletableFuture<>();
    new Thread(() -> executor.execute(() -> ranOn.complete(Thread.currentThread()))).start();
    return ranOn.get(10, TimeUnit.SECONDS);
  }

  /** {@link ExchangeExecutor#await} on this thread, marked as a calling thread. */
  private <T> T awaitMarked(CompletableFuture<T> outcome, long timeoutNanos) throws Exception {
    boolean before = ExchangeExecutor.markCalling();
    try {
      return executor.await(outcome, timeoutNanos);
    } finally {
      ExchangeExecutor.restore(before);
    }
  }

  /**
   * Starts a thread that, as the selector does, hands {@code steps} over one by one, each once
   * {@code caller} waits in {@code await}: parked there, ready for a step.
   */
  private Thread selectorHandingOver(Thread caller, Runnable... steps) {
    Thread selector =
        new Thread(
            () -> {
              for (Runnable step : steps) {
                while (LockSupport.getBlocker(caller) != executor) {
                  Thread.onSpinWait();
                }
                executor.execute(step);
              }
            },
            "selector-stand-in");
    selector.start();
    return selector;
  }
}
