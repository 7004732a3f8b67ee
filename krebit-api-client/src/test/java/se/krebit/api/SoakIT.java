package se.krebit.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import se.krebit.auth.AccessToken;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.KrebitException;
import se.krebit.auth.TokenSource;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.auth.spi.Grant;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenResponse;
import se.krebit.auth.testing.SettableClock;
import se.krebit.http.HttpConfig;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;
import se.krebit.testkit.InjectedFault.Disconnect;
import se.krebit.testkit.RecordedTokenRequest;

/**
 * A bounded soak on loopback: 32 threads call {@code token()} and {@code me()} for two apps while
 * about 10 % of API calls and of token requests meet a fault of a random kind, some tokens are
 * revoked, and the fake's clock runs ten times faster than real time so that tokens expire and are
 * refreshed many times. Every {@code me()} must answer for the right app, every token must be one
 * the fake issued to that app and be unexpired, every failure must be a typed {@link
 * KrebitException}; the heap must not grow and the request counts must stay in their envelope.
 *
 * <p>Runs {@value #DEFAULT_SECONDS} s of load by default; {@code -Dkrebit.soak.seconds=N} sets
 * another length, at most {@value #MAX_SECONDS} s. The numbers go to standard output.
 */
class SoakIT {
  static final int DEFAULT_SECONDS = 45;
  static final int MAX_SECONDS = 110;
  private static final int THREADS = 32;
  private static final double FAULT_RATE = 0.10;
  private static final double REVOCATION_RATE = 0.002;
  private static final Duration LIFETIME = Duration.ofSeconds(60);
  private static final Duration CLOCK_STEP = Duration.ofSeconds(1);
  private static final long CLOCK_TICK_MILLIS = 100;

  /**
   * A token is refreshed no sooner than this after it was issued (lifetime less skew and
   * refresh-ahead).
   */
  private static final Duration SHORTEST_REFRESH_INTERVAL = Duration.ofSeconds(30);

  private static final long HEAP_GROWTH_LIMIT = 64L * 1024 * 1024;
  private static final int MAX_ATTEMPTS = 3;

  @RegisterExtension
  static final FakeKrebitExtension KREBIT =
      FakeKrebitExtension.builder()
          .app("soak-a", "secret-a", "reader")
          .app("soak-b", "secret-b", "writer")
          .tokenLifetime(LIFETIME)
          .build();

  private final LongAdder tokenCalls = new LongAdder();
  private final LongAdder meCalls = new LongAdder();
  private final LongAdder meAttempts = new LongAdder();
  private final LongAdder revocations = new LongAdder();
  private final LongAdder apiFaults = new LongAdder();
  private final Map<String, LongAdder> faultKinds = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Map<String, String> tokensSeen =
      new ConcurrentHashMap<>(); // fingerprint -> client id
  private final ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();

  /** One app: its token source, as the threads and the API client see it. */
  private record App(
      String clientId,
      ClientCredentialsTokenSource tokens,
      CountingTokenSource counted,
      FaultingEndpoint endpoint,
      KrebitClient client) {}

  @Test
  void thirtyTwoThreadsWithFaultsGetOnlyRightAnswersOrTypedErrors(FakeKrebitServer server)
      throws Exception {
    Duration load =
        Duration.ofSeconds(
            Math.max(
                5,
                Math.min(MAX_SECONDS, Integer.getInteger("krebit.soak.seconds", DEFAULT_SECONDS))));
    SettableClock clock = server.clock();
    List<App> apps = List.of(app(server, "soak-a"), app(server, "soak-b"));
    Logger krebitLogs = (Logger) LoggerFactory.getLogger("se.krebit");
    Level level = krebitLogs.getLevel();
    krebitLogs.setLevel(Level.ERROR); // the retries of thousands of faults would fill the log
    ExecutorService workers = Executors.newFixedThreadPool(THREADS);
    ScheduledExecutorService clockDriver = Executors.newSingleThreadScheduledExecutor();
    try {
      for (App app : apps) { // warm up: classes loaded, connections open, first tokens issued
        for (int i = 0; i < 50; i++) {
          app.client().me();
        }
      }
      List<RecordedTokenRequest> warmUpTokens = server.journal().tokenRequests();
      server.reset();
      long heapBefore = usedHeapAfterGc();
      int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
      int socketsBefore = openSockets();
      Instant fakeStart = clock.instant();

      clockDriver.scheduleAtFixedRate(
          () -> clock.advance(CLOCK_STEP),
          CLOCK_TICK_MILLIS,
          CLOCK_TICK_MILLIS,
          TimeUnit.MILLISECONDS);
      long deadline = System.nanoTime() + load.toNanos();
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        running.add(
            workers.submit(
                () -> {
                  start.await();
                  while (System.nanoTime() < deadline) {
                    callOnce(server, apps.get(ThreadLocalRandom.current().nextInt(apps.size())));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> thread : running) {
        thread.get(load.toSeconds() + 60, TimeUnit.SECONDS);
      }
      clockDriver.shutdown();
      assertThat(clockDriver.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      Duration fakeElapsed = Duration.between(fakeStart, clock.instant());
      workers.shutdown();
      assertThat(workers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

      long heapAfter = usedHeapAfterGc();
      int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
      int socketsAfter = openSockets();
      List<RecordedTokenRequest> tokenRequests = server.journal().tokenRequests();
      long issued = tokenRequests.stream().filter(RecordedTokenRequest::issuedToken).count();
      long tokenTotal = server.journal().totalTokenRequestCount();
      long apiTotal = server.journal().totalApiRequestCount();
      long tokenFaults = apps.stream().mapToLong(a -> a.endpoint().faults.sum()).sum();
      long exchanges = apps.stream().mapToLong(a -> a.endpoint().exchanges.sum()).sum();
      long invalidations = apps.stream().mapToLong(a -> a.counted().invalidations.sum()).sum();
      long bearerTokens = apps.stream().mapToLong(a -> a.counted().calls.sum()).sum();
      long lifetimesCrossed = fakeElapsed.toSeconds() / LIFETIME.toSeconds();

      System.out.printf(
          "SOAK load %d s real, %d s on the fake's clock (%d token lifetimes), %d threads%n",
          load.toSeconds(), fakeElapsed.toSeconds(), lifetimesCrossed, THREADS);
      System.out.printf(
          "SOAK calls: token() %d, me() %d ok of %d; errors %s; wrong results %d%n",
          tokenCalls.sum(),
          meCalls.sum(),
          meAttempts.sum(),
          new TreeMap<>(snapshot(errors)),
          wrong.size());
      System.out.printf(
          "SOAK faults: API %d %s, token %d of %d exchanges; revocations %d, 401 re-authentications %d%n",
          apiFaults.sum(),
          new TreeMap<>(snapshot(faultKinds)),
          tokenFaults,
          exchanges,
          revocations.sum(),
          invalidations);
      System.out.printf(
          "SOAK requests: token %d (%d issued a token), API %d (bearer attempts %d)%n",
          tokenTotal, issued, apiTotal, bearerTokens);
      System.out.println("SOAK threads by name: " + threadsByName());
      System.out.printf(
          "SOAK heap after GC: %d MiB -> %d MiB; threads %d -> %d; open sockets %d -> %d%n",
          heapBefore >> 20,
          heapAfter >> 20,
          threadsBefore,
          threadsAfter,
          socketsBefore,
          socketsAfter);

      assertThat(wrong).as("wrong results").isEmpty();
      assertThat(meCalls.sum()).as("me() calls that succeeded").isGreaterThan(1000);
      assertThat(tokenCalls.sum()).isGreaterThan(1000);
      assertThat(apiFaults.sum()).as("faults injected").isGreaterThan(100);
      for (RecordedTokenRequest request : concat(warmUpTokens, tokenRequests)) {
        request
            .issuedTokenFingerprint()
            .ifPresent(
                fingerprint -> tokensSeen.remove(fingerprint, request.clientId().orElseThrow()));
      }
      assertThat(tokensSeen).as("tokens served that the fake did not issue to that app").isEmpty();

      assertThat(issued)
          .as("tokens issued: at least one per lifetime and app")
          .isGreaterThanOrEqualTo(apps.size() * (lifetimesCrossed - 1));
      assertThat(issued)
          .as("tokens issued: refreshes, one per token revoked, one per answer that came too late")
          .isLessThanOrEqualTo(
              apps.size() * (fakeElapsed.toSeconds() / SHORTEST_REFRESH_INTERVAL.toSeconds() + 2)
                  + invalidations
                  + tokenFaults);
      assertThat(tokenTotal)
          .as("token requests: one per token, plus one per injected fault")
          .isLessThanOrEqualTo(issued + tokenFaults);
      assertThat(apiTotal)
          .as("API requests: at least one per successful call")
          .isGreaterThanOrEqualTo(meCalls.sum());
      assertThat(apiTotal)
          .as(
              "API requests: at most the attempts per call, a re-authentication per 401, and the"
                  + " JDK client's own repeat of a GET after a broken connection")
          .isLessThanOrEqualTo(meAttempts.sum() * MAX_ATTEMPTS + invalidations + apiFaults.sum());
      assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(HEAP_GROWTH_LIMIT);
      // Pools grow with concurrency, not with the number of calls: the JDK clients' cached workers
      // (kept 60 s
      // when idle) and the fake's Jetty threads; pooled keep-alive connections hold a socket at
      // each end.
      assertThat(threadsAfter).as("threads").isLessThanOrEqualTo(threadsBefore + 3 * THREADS);
      assertThat(socketsAfter).as("open sockets").isLessThanOrEqualTo(socketsBefore + 4 * THREADS);
    } finally {
      clockDriver.shutdownNow();
      workers.shutdownNow();
      krebitLogs.setLevel(level);
    }
  }

  private void callOnce(FakeKrebitServer server, App app) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    try {
      if (random.nextBoolean()) {
        meAttempts.increment();
        if (random.nextDouble() < FAULT_RATE) {
          injectApiFault(server, random);
        }
        Me me = app.client().me();
        if (!me.id().equals("app_" + app.clientId())
            || !me.name().equals(java.util.Optional.of(app.clientId()))) {
          wrong.add("me() of " + app.clientId() + " answered " + me);
        }
        meCalls.increment();
      } else {
        Instant before = server.clock().instant();
        AccessToken token = app.tokens().token();
        tokenCalls.increment();
        if (!token.expiresAt().isAfter(before)) {
          wrong.add(
              "token() of " + app.clientId() + " served a token expired at " + token.expiresAt());
        }
        String other = tokensSeen.putIfAbsent(token.fingerprint(), app.clientId());
        if (other != null && !other.equals(app.clientId())) {
          wrong.add(
              "token "
                  + token.fingerprint()
                  + " served to both "
                  + other
                  + " and "
                  + app.clientId());
        }
        if (random.nextDouble() < REVOCATION_RATE && server.revoke(token)) {
          revocations.increment();
        }
      }
    } catch (KrebitException e) {
      errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
    } catch (RuntimeException e) {
      wrong.add("untyped failure: " + e);
    }
  }

  private void injectApiFault(FakeKrebitServer server, ThreadLocalRandom random) {
    List<InjectedFault> kinds =
        List.of(
            InjectedFault.status(500),
            InjectedFault.status(502),
            InjectedFault.status(503),
            InjectedFault.status(504),
            InjectedFault.tooManyRequests(Duration.ZERO),
            InjectedFault.connectionReset(),
            InjectedFault.disconnect(Disconnect.Kind.MALFORMED_CHUNK),
            InjectedFault.disconnect(Disconnect.Kind.RANDOM_DATA_THEN_CLOSE),
            InjectedFault.disconnect(Disconnect.Kind.EMPTY_RESPONSE),
            InjectedFault.delay(Duration.ofMillis(200)),
            InjectedFault.delay(Duration.ofMillis(1500)),
            InjectedFault.dribbledBody(Duration.ofMillis(300), 3),
            InjectedFault.response(502, "text/html", "<html><body>Bad gateway</body></html>"));
    InjectedFault fault = kinds.get(random.nextInt(kinds.size()));
    server.failNextApiRequests(1, fault);
    apiFaults.increment();
    faultKinds.computeIfAbsent(fault.getClass().getSimpleName(), k -> new LongAdder()).increment();
  }

  private static App app(FakeKrebitServer server, String clientId) {
    HttpConfig transport =
        TestClients.fast().callTimeout(Duration.ofSeconds(1)).maxAttempts(MAX_ATTEMPTS).build();
    FaultingEndpoint endpoint =
        new FaultingEndpoint(
            server,
            FeignTokenEndpoint.builder()
                .tenant(server.tenant())
                .http(transport)
                .clock(server.clock())
                .build());
    ClientCredentials credentials = server.credentials(clientId);
    ClientCredentialsTokenSource tokens =
        ClientCredentialsTokenSource.builder()
            .endpoint(endpoint)
            .client(credentials)
            .clock(server.clock())
            .build();
    CountingTokenSource counted = new CountingTokenSource(tokens);
    KrebitClient client =
        KrebitClient.builder().tenant(server.tenant()).tokenSource(counted).http(transport).build();
    return new App(clientId, tokens, counted, endpoint, client);
  }

  private static List<RecordedTokenRequest> concat(
      List<RecordedTokenRequest> first, List<RecordedTokenRequest> second) {
    List<RecordedTokenRequest> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /** Live threads by name, digits left out: which pools there are and how large. */
  static Map<String, Long> threadsByName() {
    Map<String, Long> byName = new TreeMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      byName.merge(thread.getName().replaceAll("[0-9]+", "#"), 1L, Long::sum);
    }
    return byName;
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
    Map<String, Long> copy = new TreeMap<>();
    counters.forEach((name, count) -> copy.put(name, count.sum()));
    return copy;
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Sockets this process has open, client and server ends alike; -1 where /proc is not there. */
  static int openSockets() {
    File[] descriptors = new File("/proc/self/fd").listFiles();
    if (descriptors == null) {
      return -1;
    }
    int sockets = 0;
    for (File descriptor : descriptors) {
      try {
        if (java.nio.file.Files.readSymbolicLink(descriptor.toPath())
            .toString()
            .startsWith("socket:")) {
          sockets++;
        }
      } catch (java.io.IOException e) {
        // closed while we looked
      }
    }
    return sockets;
  }

  /**
   * Counts what the API client asks of its token source: one token per request sent, one
   * invalidation per 401.
   */
  private static final class CountingTokenSource implements TokenSource {
    private final TokenSource delegate;
    final LongAdder calls = new LongAdder();
    final LongAdder invalidations = new LongAdder();

    CountingTokenSource(TokenSource delegate) {
      this.delegate = delegate;
    }

    @Override
    public AccessToken token() {
      calls.increment();
      return delegate.token();
    }

    @Override
    public void invalidate(AccessToken rejected) {
      invalidations.increment();
      delegate.invalidate(rejected);
    }
  }

  /**
   * Before about 10 % of token exchanges, scripts one fault on the fake for the next token request.
   */
  private static final class FaultingEndpoint implements TokenEndpoint {
    private static final List<InjectedFault> KINDS =
        List.of(
            InjectedFault.status(500),
            InjectedFault.status(503),
            InjectedFault.tooManyRequests(Duration.ZERO),
            InjectedFault.connectionReset(),
            InjectedFault.disconnect(Disconnect.Kind.MALFORMED_CHUNK),
            InjectedFault.delay(Duration.ofMillis(200)),
            InjectedFault.delay(Duration.ofMillis(1500)));

    private final FakeKrebitServer server;
    private final TokenEndpoint delegate;
    final LongAdder exchanges = new LongAdder();
    final LongAdder faults = new LongAdder();

    FaultingEndpoint(FakeKrebitServer server, TokenEndpoint delegate) {
      this.server = server;
      this.delegate = delegate;
    }

    @Override
    public TokenResponse exchange(ClientCredentials client, Grant grant) {
      exchanges.increment();
      ThreadLocalRandom random = ThreadLocalRandom.current();
      if (random.nextDouble() < FAULT_RATE) {
        server.failNextTokenRequests(1, KINDS.get(random.nextInt(KINDS.size())));
        faults.increment();
      }
      return delegate.exchange(client, grant);
    }
  }
}
