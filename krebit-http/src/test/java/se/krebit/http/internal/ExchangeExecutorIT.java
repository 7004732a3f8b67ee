package se.krebit.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.krebit.http.HttpConfig;
import se.krebit.http.HttpTransport;

/**
 * Over loopback, with the JDK client's steps watched on their way to {@link ExchangeExecutor}: a
 * step a calling thread starts runs on it (no hand-off to a worker, as under the JDK's own {@code
 * send}), and every step the selector hands over runs on a calling thread waiting for a response or
 * on one of the executor's workers, never on the selector itself; most of them on a calling thread,
 * which so reads its response without a hand-off from a worker.
 */
class ExchangeExecutorIT {
  private static final int CALLERS = 4;
  private static final int CALLS_EACH = 100;

  /** A step as the JDK handed it over: by which thread, run on which. */
  private record Step(Thread handedOverBy, Thread ranOn) {}

  private final ConcurrentLinkedQueue<Step> steps = new ConcurrentLinkedQueue<>();
  private MeOrigin origin;
  private URI me;

  @BeforeEach
  void start() throws Exception {
    origin = new MeOrigin(CALLERS);
    me = origin.me();
  }

  @AfterEach
  void stop() {
    origin.close();
  }

  @Test
  void stepsACallingThreadStartsRunOnItAndTheSelectorsOnAWaitingCallerOrAWorker() throws Exception {
    ExchangeExecutor shared = ExchangeExecutor.shared();
    HttpConfig config =
        HttpConfig.custom()
            .httpClientCustomizer(
                builder ->
                    builder.executor(
                        step -> {
                          Thread handedOverBy = Thread.currentThread();
                          shared.execute(
                              () -> {
                                steps.add(new Step(handedOverBy, Thread.currentThread()));
                                step.run();
                              });
                        }))
            .build();
    JdkHttpTransport transport = JdkHttpTransport.create(config);
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS, r -> new Thread(r, "caller"));
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int c = 0; c < CALLERS; c++) {
        done.add(
            callers.submit(
                () -> {
                  int ok = 0;
                  for (int i = 0; i < CALLS_EACH; i++) {
                    HttpTransport.Response response =
                        transport.send(
                            new HttpTransport.Request(
                                "GET",
                                me,
                                Map.of("Authorization", List.of("Bearer t")),
                                Optional.empty(),
                                Duration.ofSeconds(10)));
                    ok += response.status() == 200 ? 1 : 0;
                  }
                  return ok;
                }));
      }
      for (Future<Integer> calls : done) {
        assertThat(calls.get()).isEqualTo(CALLS_EACH);
      }
    } finally {
      callers.shutdownNow();
    }

    List<Step> fromCallers =
        steps.stream().filter(step -> step.handedOverBy().getName().equals("caller")).toList();
    List<Step> fromOthers =
        steps.stream().filter(step -> !step.handedOverBy().getName().equals("caller")).toList();
    assertThat(fromCallers)
        .as("each call's exchange starts on its calling thread")
        .hasSizeGreaterThanOrEqualTo(CALLERS * CALLS_EACH)
        .allSatisfy(step -> assertThat(step.ranOn()).isSameAs(step.handedOverBy()));
    List<Step> fromSelector =
        fromOthers.stream()
            .filter(step -> !step.handedOverBy().getName().startsWith("krebit-http-"))
            .toList();
    assertThat(fromSelector)
        .as("what the selector hands over leaves it, for a calling thread or a worker")
        .isNotEmpty()
        .allSatisfy(
            step -> {
              assertThat(step.ranOn()).isNotSameAs(step.handedOverBy());
              assertThat(step.ranOn().getName()).matches("caller|krebit-http-\\d+");
            });
    assertThat(fromOthers)
        .filteredOn(step -> step.handedOverBy().getName().startsWith("krebit-http-"))
        .as("a worker runs the steps it hands over")
        .allSatisfy(step -> assertThat(step.ranOn()).isSameAs(step.handedOverBy()));
    // A response that comes before its caller is ready to wait goes to a worker; on loopback with
    // four callers, about nine in ten went to a waiting caller.
    assertThat(fromSelector.stream().filter(step -> step.ranOn().getName().equals("caller")))
        .as("steps of the selector run by a waiting calling thread")
        .hasSizeGreaterThan(fromSelector.size() / 2);
  }
}
