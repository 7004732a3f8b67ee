package se.krebit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import se.krebit.api.KrebitClient;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.TokenSource;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.micrometer.testing.SpanTreeChecks;
import se.krebit.testkit.FakeKrebitServer;

/**
 * On the real clock and default scheduler, with tokens that live 3 seconds, callers invalidating
 * them and asynchronous callers: every span a tracer records ends, every wait nests under the
 * caller's own span, and every token request under the wait of the caller that triggered it (or
 * stands alone: a refresh ahead), in the same trace.
 */
class KrebitObservationsRealClockIT {
  private static final Duration RUN = Duration.ofSeconds(8);
  private static final String API_CALL = "krebit MeApi.me";
  private static final String ASYNC_WORK = "async work";
  private static final String INVALIDATOR = "invalidator";

  private final SimpleTracer tracer = new SimpleTracer();
  private final ObservationRegistry registry = ObservationRegistry.create();

  @Test
  void everySpanEndsAndNestsUnderConcurrentCallersAndExpiringTokens() throws Exception {
    registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
    AtomicLong calls = new AtomicLong();
    Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    try (FakeKrebitServer server =
        FakeKrebitServer.builder()
            .app("app", "app-secret-for-tracing")
            .tokenLifetime(Duration.ofSeconds(3))
            .build()
            .start()) {
      TokenSource tokens =
          ClientCredentialsTokenSource.builder()
              .endpoint(FeignTokenEndpoint.builder().tenant(server.tenant()).build())
              .client(server.credentials("app"))
              .listener(new KrebitObservations(registry))
              .build();
      KrebitClient client =
          KrebitClient.builder()
              .tenant(server.tenant())
              .tokenSource(tokens)
              .listener(new KrebitApiObservations(registry))
              .build();
      long deadline = System.nanoTime() + RUN.toNanos();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int role = i;
        Thread thread =
            new Thread(
                () -> {
                  while (System.nanoTime() < deadline) {
                    try {
                      if (role < 6) {
                        client.me();
                        calls.incrementAndGet();
                      } else if (role == 6) {
                        Observation.createNotStarted(ASYNC_WORK, registry)
                            .observe(() -> tokens.tokenAsync().toCompletableFuture().join());
                      } else {
                        Observation.createNotStarted(INVALIDATOR, registry)
                            .observe(() -> tokens.invalidate(tokens.token()));
                        LockSupport.parkNanos(Duration.ofMillis(150).toNanos());
                      }
                    } catch (RuntimeException e) {
                      failures
                          .computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong())
                          .incrementAndGet();
                    }
                    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(2_000_000));
                  }
                },
                "caller-" + i);
        thread.start();
        threads.add(thread);
      }
      for (Thread thread : threads) {
        thread.join(RUN.plusSeconds(30).toMillis());
        assertThat(thread.isAlive()).as(thread.getName() + " finished").isFalse();
      }
      // A refresh ahead started by the timer may still be in flight: it ends by itself.
      long settle = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!tracer.getSpans().stream().allMatch(KrebitObservationsRealClockIT::isEnded)
          && System.nanoTime() < settle) {
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }

      List<SimpleSpan> spans = List.copyOf(tracer.getSpans());
      assertThat(failures).as("calls that failed").isEmpty();
      assertThat(spans).allSatisfy(SpanTreeChecks::ended);
      Map<String, SimpleSpan> byId =
          spans.stream().collect(Collectors.toMap(SimpleSpan::getSpanId, Function.identity()));
      List<SimpleSpan> apiCalls = named(spans, API_CALL);
      List<SimpleSpan> waits = named(spans, "krebit token wait");
      List<SimpleSpan> requests = named(spans, "krebit token request");
      assertThat(apiCalls).hasSize((int) calls.get());
      assertThat(apiCalls)
          .allSatisfy(call -> assertThat(call.getParentId()).isNullOrEmpty())
          .allSatisfy(call -> assertThat(call.getTags()).containsEntry("outcome", "success"));
      assertThat(waits)
          .as("waits, each under its caller's span, within it, in its trace")
          .isNotEmpty()
          .allSatisfy(
              wait -> {
                SimpleSpan parent = byId.get(wait.getParentId());
                assertThat(parent).isNotNull();
                assertThat(parent.getName()).isIn(API_CALL, ASYNC_WORK, INVALIDATOR);
                assertThat(wait.getTraceId()).isEqualTo(parent.getTraceId());
                within(wait, parent);
              });
      List<SimpleSpan> triggered =
          requests.stream()
              .filter(request -> request.getParentId() != null && !request.getParentId().isEmpty())
              .toList();
      assertThat(triggered)
          .as("token requests a caller triggered: under its wait, within it, in its trace")
          .isNotEmpty()
          .allSatisfy(
              request -> {
                SimpleSpan wait = byId.get(request.getParentId());
                assertThat(wait.getName()).isEqualTo("krebit token wait");
                assertThat(request.getTraceId()).isEqualTo(wait.getTraceId());
                within(request, wait);
              });
      assertThat(named(triggered, "krebit token request"))
          .as("single flight: no more requests under waits than waits")
          .hasSizeLessThanOrEqualTo(waits.size());
      assertThat(requests)
          .as("one span per token request the server saw")
          .hasSize(server.journal().tokenRequestCount());
      assertThat(apiCalls.size() + named(spans, ASYNC_WORK).size())
          .as("many rounds")
          .isGreaterThan(500);
      SpanTreeChecks.noSecretIn(
          spans, List.of(server.credentials("app").secret().reveal(), tokens.token().value()));
    }
  }

  private static boolean isEnded(SimpleSpan span) {
    return span.getEndTimestamp().toEpochMilli() > 0;
  }

  private static List<SimpleSpan> named(List<SimpleSpan> spans, String name) {
    return spans.stream().filter(span -> span.getName().equals(name)).toList();
  }

  /** {@code child} started and ended within {@code parent}, to the millisecond. */
  private static void within(SimpleSpan child, SimpleSpan parent) {
    assertThat(child.getStartTimestamp()).isAfterOrEqualTo(parent.getStartTimestamp());
    assertThat(child.getEndTimestamp()).isBeforeOrEqualTo(parent.getEndTimestamp());
  }
}
