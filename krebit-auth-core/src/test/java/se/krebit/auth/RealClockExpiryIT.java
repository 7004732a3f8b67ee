package se.krebit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static se.krebit.auth.SignInFixture.flowOn;
import static se.krebit.auth.SignInFixture.signIn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import se.krebit.auth.internal.CoarseClock;
import se.krebit.auth.internal.DefaultScheduler;
import se.krebit.auth.spi.AuthorizationCodeGrant;
import se.krebit.auth.spi.ClientCredentialsGrant;
import se.krebit.auth.spi.Grant;
import se.krebit.auth.spi.RefreshTokenGrant;
import se.krebit.auth.spi.Scheduler;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenResponse;

/**
 * Issue 14 item 1, on the real clock: tokens living from 100 ms to two minutes, from endpoints that
 * answer in 0 to 100 ms and sometimes fail, read for a minute by callers that poll through every
 * refresh and expiry, with the default scheduler and coarse clock, with a scheduler of the user's
 * that never runs a task or runs each 1.5 s late, and with a coarse clock whose ticker keeps
 * stalling. No call that began at or after the end of a token's usable life (its expiry less the
 * skew) may be served that token; typed errors are allowed answers while no valid token can be had.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RealClockExpiryIT {
  private static final Duration RUN = Duration.ofSeconds(65);
  private static final long[] LIFETIMES_MILLIS = {
    100, 200, 300, 500, 1_000, 2_000, 3_000, 5_000, 10_000, 30_000, 60_000, 120_000
  };

  /** Every token any endpoint issued, by value: its lifetime, which fixes its usable life. */
  private static final Map<String, Long> LIFETIME_OF = new ConcurrentHashMap<>();

  private static final AtomicLong SERIAL = new AtomicLong();

  private final ScheduledExecutorService lateTimers = Executors.newSingleThreadScheduledExecutor();
  private final List<Thread> callers = new ArrayList<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Map<String, Variant> variants = new TreeMap<>();

  @AfterEach
  void stop() throws InterruptedException {
    stop.set(true);
    for (Thread caller : callers) {
      caller.join(10_000);
    }
    lateTimers.shutdownNow();
  }

  @Test
  void noTokenIsServedPastItsUsableLifeWhateverTheTimersDo() throws Exception {
    Scheduler dead = (deadline, task) -> () -> {};
    Scheduler late =
        (deadline, task) -> {
          long delay = Duration.between(Instant.now(), deadline).plusMillis(1_500).toMillis();
          var future = lateTimers.schedule(task, Math.max(0, delay), TimeUnit.MILLISECONDS);
          return () -> future.cancel(false);
        };
    CoarseClock stalling = stallingTicker();
    for (long lifetime : LIFETIMES_MILLIS) {
      poll("app, defaults", lifetime, app(new TimedEndpoint(lifetime, 0.0), null));
      poll("app, failing refreshes", lifetime, app(new TimedEndpoint(lifetime, 0.5), null));
      poll(
          "app, a scheduler that never runs",
          lifetime,
          app(new TimedEndpoint(lifetime, 0.0), dead));
      poll("app, a scheduler 1.5 s late", lifetime, app(new TimedEndpoint(lifetime, 0.0), late));
      poll("user, defaults", lifetime, user(new TimedEndpoint(lifetime, 0.2)));
      poll(
          "app, a ticker that stalls",
          lifetime,
          onAStallingTicker(new TimedEndpoint(lifetime, 0.0), stalling));
    }

    long end = System.nanoTime() + RUN.toNanos();
    while (System.nanoTime() < end) {
      Thread.sleep(1_000);
    }
    stop.set(true);
    for (Thread caller : callers) {
      caller.join(30_000);
    }

    StringBuilder report = new StringBuilder();
    variants.forEach(
        (name, v) ->
            report.append(
                String.format(
                    "%n%-48s %9d calls %6d tokens %6d typed errors %4d past usable life %4d expired",
                    name,
                    v.calls.get(),
                    v.tokens.size(),
                    v.typedErrors.get(),
                    v.pastUsableLife.get(),
                    v.expired.get())));
    System.out.println("Real-clock expiry run of " + RUN.toSeconds() + " s:" + report);
    for (Variant v : variants.values()) {
      assertThat(v.problems).as("%s%s", v.name, report).isEmpty();
      assertThat(v.pastUsableLife.get() + v.expired.get()).as("%s%s", v.name, report).isZero();
    }
    // Many rounds: every short-lived token source went through refresh and expiry again and again.
    // (Those
    // whose endpoint fails half the requests may, by chance, back off for the whole run: they prove
    // that
    // nothing expired is served while refreshes fail, not rounds.)
    int served = variants.values().stream().mapToInt(v -> v.tokens.size()).sum();
    assertThat(served).as("tokens served in all%s", report).isGreaterThanOrEqualTo(1_000);
    variants.values().stream()
        .filter(v -> v.lifetimeMillis <= 3_000 && !v.name.contains("failing"))
        .forEach(
            v ->
                assertThat(v.tokens.size())
                    .as("tokens served by %s%s", v.name, report)
                    .isGreaterThanOrEqualTo(2));
  }

  private TokenSource app(TokenEndpoint endpoint, Scheduler scheduler) {
    ClientCredentialsTokenSource.Builder builder =
        ClientCredentialsTokenSource.builder()
            .endpoint(endpoint)
            .client(ClientCredentials.of("app", "secret"));
    return scheduler == null ? builder.build() : builder.scheduler(scheduler).build();
  }

  private TokenSource user(TokenEndpoint endpoint) {
    AuthorizationCodeFlow flow = flowOn(endpoint).build();
    while (true) {
      try {
        signIn(flow, "alice", "c" + SERIAL.incrementAndGet());
        return flow.forSubject("alice");
      } catch (TokenEndpointUnavailableException e) {
        // the endpoint fails at times; the next attempt is a new sign-in, with a new state
      }
    }
  }

  /** Starts a caller that polls {@code source} until the run ends, judging every answer. */
  private void poll(String variantName, long lifetime, TokenSource source) {
    Variant variant =
        variants.computeIfAbsent(
            String.format("%s, %d ms", variantName, lifetime), n -> new Variant(n, lifetime));
    Thread caller =
        new Thread(
            () -> {
              ThreadLocalRandom random = ThreadLocalRandom.current();
              while (!stop.get()) {
                long began = System.currentTimeMillis();
                try {
                  variant.judge(began, source.token());
                } catch (KrebitException typed) {
                  variant.typedErrors.incrementAndGet(); // allowed while no valid token can be had
                } catch (RuntimeException e) {
                  variant.problems.add("untyped failure: " + e);
                }
                LockSupport.parkNanos(random.nextLong(3_000_000));
              }
            },
            "caller " + variant.name);
    caller.setDaemon(true);
    callers.add(caller);
    caller.start();
  }

  /** One kind of source at one lifetime, and what its callers saw. */
  private static final class Variant {
    final String name;
    final long lifetimeMillis;
    final AtomicLong calls = new AtomicLong();
    final AtomicLong typedErrors = new AtomicLong();
    final AtomicLong pastUsableLife = new AtomicLong();
    final AtomicLong expired = new AtomicLong();
    final Set<String> tokens = ConcurrentHashMap.newKeySet();
    final List<String> problems = new CopyOnWriteArrayList<>();

    Variant(String name, long lifetimeMillis) {
      this.name = name;
      this.lifetimeMillis = lifetimeMillis;
    }

    void judge(long began, AccessToken token) {
      calls.incrementAndGet();
      tokens.add(token.value());
      Long lifetime = LIFETIME_OF.get(token.value());
      if (lifetime == null) {
        problems.add("served a token no endpoint issued");
        return;
      }
      long expiresAt = token.expiresAt().toEpochMilli();
      long usableUntil =
          expiresAt - Math.min(RefreshPolicy.DEFAULT_EXPIRY_SKEW.toMillis(), lifetime / 10);
      if (began >= expiresAt) {
        expired.incrementAndGet();
        record(
            "a call that began " + (began - expiresAt) + " ms after expiry was served the token");
      } else if (began >= usableUntil) {
        pastUsableLife.incrementAndGet();
        record(
            "a call that began "
                + (began - usableUntil)
                + " ms after the usable life ended was served the token");
      }
    }

    private void record(String problem) {
      if (problems.size() < 10) {
        problems.add(problem);
      }
    }
  }

  /**
   * Issues tokens of one lifetime after 0 to 100 ms, failing a share of requests with 503; refresh
   * tokens rotate, and a reused one is refused.
   */
  private static final class TimedEndpoint implements TokenEndpoint {
    private final Duration lifetime;
    private final double failureRate;
    private final Map<String, Boolean> liveRefreshTokens = new ConcurrentHashMap<>();

    TimedEndpoint(long lifetimeMillis, double failureRate) {
      this.lifetime = Duration.ofMillis(lifetimeMillis);
      this.failureRate = failureRate;
    }

    @Override
    public TokenResponse exchange(ClientCredentials client, Grant grant) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      LockSupport.parkNanos(random.nextLong(100_000_001));
      boolean refresh = grant instanceof RefreshTokenGrant;
      if (refresh
          && liveRefreshTokens.remove(((RefreshTokenGrant) grant).refreshToken().value()) == null) {
        throw OAuthErrorException.of("invalid_grant", "refresh token reused or unknown", 400, null);
      }
      if (random.nextDouble() < failureRate) {
        if (refresh) {
          liveRefreshTokens.put(
              ((RefreshTokenGrant) grant).refreshToken().value(), true); // not acted on
        }
        throw new TokenEndpointUnavailableException(
            "HTTP 503 from the token endpoint", 503, null, null, null);
      }
      String value = "t-" + SERIAL.incrementAndGet();
      LIFETIME_OF.put(value, lifetime.toMillis());
      Optional<RefreshToken> refreshToken = Optional.empty();
      if (refresh || grant instanceof AuthorizationCodeGrant) {
        String rt = "rt-" + SERIAL.incrementAndGet();
        liveRefreshTokens.put(rt, true);
        refreshToken = Optional.of(new RefreshToken(rt));
      }
      return new TokenResponse(value, lifetime, refreshToken, Set.of(), Optional.empty());
    }
  }

  /**
   * A client-credentials cache on a coarse clock whose ticker stalls now and then, for up to 3 s:
   * the watchdog must notice each stall and the cache fall back to reading the clock.
   */
  private static TokenSource onAStallingTicker(TokenEndpoint endpoint, CoarseClock coarse) {
    Clock clock = Clock.systemUTC();
    ClientCredentials client = ClientCredentials.of("app", "secret");
    TokenCache cache =
        new TokenCache(
            "client 'stalling'",
            () -> {
              Instant requestedAt = clock.instant();
              TokenResponse response =
                  endpoint.exchange(client, new ClientCredentialsGrant(Set.of()));
              return new TokenCache.Fetched(
                  response.toTokenSet(requestedAt).accessToken(), requestedAt, false);
            },
            new TokenCache.Wiring(
                clock,
                coarse,
                DefaultScheduler.system(),
                TokenRequestPool.shared(),
                RefreshPolicy.ofDefaults(),
                "client_credentials",
                TokenListener.NONE));
    return new TokenSource() {
      @Override
      public AccessToken token() {
        return cache.get();
      }

      @Override
      public void invalidate(AccessToken rejected) {
        cache.invalidate(rejected);
      }
    };
  }

  private static CoarseClock stallingTicker() {
    return CoarseClock.ticking(
        () -> {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          if (random.nextInt(50) == 0) {
            LockSupport.parkNanos(random.nextLong(3_000_000_000L));
          }
          return System.currentTimeMillis();
        },
        Duration.ofMillis(10),
        Duration.ofMillis(200),
        Duration.ofSeconds(1),
        "stalling-clock");
  }
}
