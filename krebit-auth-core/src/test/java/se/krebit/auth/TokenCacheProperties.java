package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import se.krebit.auth.spi.Grant;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenResponse;
import se.krebit.auth.testing.SettableClock;

/**
 * Model-based properties of the token cache: random interleavings of clock moves, concurrent
 * callers, endpoint successes, failures and latencies, and invalidations, checked against what a
 * correct cache must do.
 */
class TokenCacheProperties {
  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration ACQUIRE_TIMEOUT = Duration.ofMillis(150);
  private static final Duration WAIT_SLACK = Duration.ofMillis(400);

  sealed interface Op {}

  record Advance(int millis) implements Op {}

  record Call(int threads) implements Op {}

  record Invalidate() implements Op {}

  /** Moves the clock to an edge of the newest token's life, give or take a little. */
  record AdvanceToEdge(boolean usableEnd, int offsetMillis) implements Op {}

  record Script(List<Outcome> outcomes) implements Op {}

  record Outcome(boolean succeeds, int lifetimeSeconds, int latencyMillis) {}

  private final ExecutorService callers = Executors.newCachedThreadPool();

  @AfterProperty
  void stopCallers() {
    callers.shutdownNow();
  }

  @Property(tries = 250)
  void theCacheKeepsItsPromises(@ForAll("operations") List<Op> operations) throws Exception {
    World world = new World();
    for (Op op : operations) {
      world.apply(op);
      world.awaitQuiet();
      world.checkTheNewestValidTokenIsServed();
    }
    assertThat(world.violations).isEmpty();
    assertThat(world.endpoint.maxInFlight.get())
        .as("token requests in flight at once")
        .isLessThanOrEqualTo(1);
  }

  /**
   * The narrow case random search rarely hits alone: a retry that would land after the usable life.
   */
  @net.jqwik.api.Example
  void aTokenWhoseRefreshKeepsFailingIsNotServedPastItsUsableLife() throws Exception {
    theCacheKeepsItsPromises(
        List.of(
            new Call(1),
            new Script(java.util.Collections.nCopies(20, new Outcome(false, 0, 0))),
            new Advance(3_594_000),
            new Call(1),
            new Advance(1000),
            new Call(1)));
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    // Mostly small steps, so that short-lived tokens cross their refresh, retry and expiry instants
    // one at a time; sometimes a jump near the end of a one-hour token.
    Arbitrary<Op> advance =
        Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, 1_000)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 6_000)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(3_500_000, 3_700_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 4_000_000)))
            .map(Advance::new);
    Arbitrary<Op> call = Arbitraries.integers().between(1, 8).map(Call::new);
    Arbitrary<Op> invalidate = Arbitraries.just(new Invalidate());
    Arbitrary<Op> toEdge =
        Combinators.combine(
                Arbitraries.of(true, false), Arbitraries.integers().between(-1_500, 1_500))
            .as(AdvanceToEdge::new);
    Arbitrary<Outcome> outcome =
        Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.of(1, 2, 5, 10, 60, 3600),
                Arbitraries.frequency(
                    net.jqwik.api.Tuple.of(9, 0),
                    net.jqwik.api.Tuple.of(6, 15),
                    net.jqwik.api.Tuple.of(1, 300)))
            .as(Outcome::new);
    Arbitrary<Op> script = outcome.list().ofMinSize(1).ofMaxSize(8).map(Script::new);
    Arbitrary<Op> outage =
        Arbitraries.integers()
            .between(1, 20)
            .map(
                requests ->
                    new Script(java.util.Collections.nCopies(requests, new Outcome(false, 0, 0))));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, advance),
            net.jqwik.api.Tuple.of(2, toEdge),
            net.jqwik.api.Tuple.of(4, call),
            net.jqwik.api.Tuple.of(1, invalidate),
            net.jqwik.api.Tuple.of(2, script),
            net.jqwik.api.Tuple.of(1, outage))
        .list()
        .ofMinSize(1)
        .ofMaxSize(25);
  }

  /** One source, its clock, and an endpoint that issues numbered tokens as scripted. */
  private final class World {
    final SettableClock clock = SettableClock.startingAt(START);
    final ModelEndpoint endpoint = new ModelEndpoint(clock);
    final TrackingExecutor fetches = new TrackingExecutor();
    final TokenSource source =
        ClientCredentialsTokenSource.builder()
            .endpoint(endpoint)
            .client(ClientCredentials.of("app", "secret"))
            .clock(clock)
            .executor(fetches)
            .refreshPolicy(RefreshPolicy.custom().acquireTimeout(ACQUIRE_TIMEOUT).build())
            .build();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final Set<String> invalidated = ConcurrentHashMap.newKeySet();
    volatile AccessToken lastServed;

    void apply(Op op) throws Exception {
      if (op instanceof Advance advance) {
        clock.advance(Duration.ofMillis(advance.millis()));
      } else if (op instanceof AdvanceToEdge edge) {
        Issued newest = endpoint.newest;
        if (newest != null) {
          Instant target =
              (edge.usableEnd() ? newest.usableUntil() : newest.refreshFrom())
                  .plusMillis(edge.offsetMillis());
          if (target.isAfter(clock.instant())) {
            clock.advance(Duration.between(clock.instant(), target));
          }
        }
      } else if (op instanceof Script script) {
        endpoint.enqueue(script.outcomes());
      } else if (op instanceof Invalidate) {
        AccessToken served = lastServed;
        if (served != null) {
          invalidated.add(served.value());
          source.invalidate(served);
        }
      } else if (op instanceof Call call) {
        concurrentCalls(call.threads());
      }
    }

    private void concurrentCalls(int threads) throws Exception {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        calls.add(
            callers.submit(
                () -> {
                  start.await();
                  callOnce();
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> call : calls) {
        call.get(10, TimeUnit.SECONDS);
      }
    }

    private void callOnce() {
      long started = System.nanoTime();
      try {
        AccessToken token = source.token();
        Issued issued = endpoint.issued.get(token.value());
        if (issued == null) {
          violations.add("served a token the endpoint never issued");
        } else if (!clock.instant().isBefore(issued.usableUntil())) {
          violations.add(
              "served " + token.value() + " past its usable life (expiry less the skew)");
        }
        lastServed = token;
      } catch (KrebitException expected) {
        // a typed error is an allowed answer while no valid token can be had
      } catch (RuntimeException e) {
        violations.add("untyped failure " + e);
      }
      Duration waited = Duration.ofNanos(System.nanoTime() - started);
      if (waited.compareTo(ACQUIRE_TIMEOUT.plus(WAIT_SLACK)) > 0) {
        violations.add("a caller waited " + waited.toMillis() + " ms");
      }
    }

    void awaitQuiet() {
      fetches.awaitQuiet();
    }

    /**
     * Once nothing is in flight, the newest token the endpoint issued is served while it is usable.
     */
    void checkTheNewestValidTokenIsServed() {
      Issued newest = endpoint.newest;
      if (newest == null
          || invalidated.contains(newest.value())
          || !clock.instant().isBefore(newest.usableUntil())) {
        return;
      }
      AccessToken served;
      try {
        served = source.token();
      } catch (KrebitException e) {
        violations.add("failed although " + newest.value() + " is valid: " + e);
        return;
      }
      if (!served.value().equals(newest.value())) {
        violations.add(
            "served " + served.value() + " while the newest valid token is " + newest.value());
      }
      lastServed = served;
      awaitQuiet();
    }
  }

  /**
   * A token as issued: until when it may be served, and from when it is due for refresh (before
   * jitter).
   */
  record Issued(String value, Instant usableUntil, Instant refreshFrom) {}

  /**
   * Issues "t-1", "t-2", ... with scripted lifetimes, latencies and failures; counts concurrency.
   */
  private static final class ModelEndpoint implements TokenEndpoint {
    final SettableClock clock;
    final Deque<Outcome> script = new ArrayDeque<>();
    final java.util.Map<String, Issued> issued = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger serial = new AtomicInteger();
    volatile Issued newest;

    ModelEndpoint(SettableClock clock) {
      this.clock = clock;
    }

    synchronized void enqueue(List<Outcome> outcomes) {
      script.addAll(outcomes);
    }

    @Override
    public TokenResponse exchange(ClientCredentials client, Grant grant) {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        Outcome outcome;
        synchronized (this) {
          outcome = script.isEmpty() ? new Outcome(true, 3600, 0) : script.poll();
        }
        if (outcome.latencyMillis() > 0) {
          TimeUnit.MILLISECONDS.sleep(outcome.latencyMillis());
        }
        if (!outcome.succeeds()) {
          throw new TokenEndpointUnavailableException("scripted failure", 503, null, null, null);
        }
        String value = "t-" + serial.incrementAndGet();
        long lifetimeMillis = outcome.lifetimeSeconds() * 1000L;
        Instant expiresAt = clock.instant().plusMillis(lifetimeMillis);
        Instant usableUntil = expiresAt.minusMillis(Math.min(5000, lifetimeMillis / 10));
        newest =
            new Issued(
                value, usableUntil, usableUntil.minusMillis(Math.min(60_000, lifetimeMillis / 10)));
        issued.put(value, newest);
        return new TokenResponse(
            value, Duration.ofMillis(lifetimeMillis), Optional.empty(), Set.of(), Optional.empty());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }
}
