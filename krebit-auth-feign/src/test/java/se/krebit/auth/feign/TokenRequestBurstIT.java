package se.krebit.auth.feign;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.krebit.auth.AccessToken;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.RefreshPolicy;
import se.krebit.auth.TokenRequestPool;
import se.krebit.auth.spi.RefreshTokenGrant;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.InjectedFault;

/**
 * A thousand signed-in users, each touched once inside the refresh-ahead window while the token
 * endpoint takes two seconds to answer: production defaults (system clock, default scheduler, the
 * shared token request pool), the fake Krebit server over loopback HTTP, real time. Every caller is
 * served its still-valid token at once; the refreshes it starts share the pool's {@value
 * TokenRequestPool#DEFAULT_MAX_THREADS} threads, and those that find no free thread are skipped,
 * never queued behind a thread per user (issue 21 item 1: on main this made 1,000 threads).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TokenRequestBurstIT {
  private static final int USERS = 1_000;
  private static final Duration LATENCY = Duration.ofSeconds(2);
  private static final String REDIRECT = "http://127.0.0.1:9999/oauth/callback";
  private static final URI CALLBACK = URI.create(REDIRECT);
  private static final String THREAD_PREFIX = "krebit-token-request-";
  // 40 s tokens, refreshed from half their life: served until 36 s (4 s skew), refreshed from 16 s.
  private static final Duration LIFETIME = Duration.ofSeconds(40);
  private static final RefreshPolicy POLICY =
      RefreshPolicy.custom().refreshAheadFraction(0.5).jitter(0).build();
  private static final Duration INTO_WINDOW = Duration.ofSeconds(17);
  private static final Duration WINDOW_END = Duration.ofSeconds(36);

  @RegisterExtension
  final FakeKrebitExtension krebit =
      FakeKrebitExtension.builder()
          .app("web-app", "web-secret")
          .redirectUri("web-app", REDIRECT)
          .autoApprove("alice")
          .tokenLifetime(LIFETIME)
          .build();

  private final HttpClient browser =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final ExecutorService signIns = Executors.newFixedThreadPool(8);
  private final ThreadSampler sampler = new ThreadSampler();

  @AfterEach
  void stop() throws InterruptedException {
    sampler.stop();
    signIns.shutdownNow();
  }

  @Test
  void aThousandUsersInTheRefreshWindowWithASlowEndpointUseTheBoundedPoolAndNobodyWaits(
      FakeKrebitServer server) throws Exception {
    CountingEndpoint endpoint =
        new CountingEndpoint(FeignTokenEndpoint.builder().tenant(server.tenant()).build());
    AuthorizationCodeFlow flow =
        AuthorizationCodeFlow.builder()
            .tenant(server.tenant())
            .client(server.credentials("web-app"))
            .endpoint(endpoint)
            .redirectUri(CALLBACK)
            .refreshPolicy(POLICY)
            .build();
    List<User> users = signInEveryone(flow);
    server.failNextTokenRequests(
        2 * USERS, InjectedFault.delay(LATENCY)); // only refreshes from now on
    sampler.start();

    long slowestTouchNanos = 0;
    users.sort(Comparator.comparing(u -> u.first().expiresAt()));
    for (User user : users) {
      Instant obtainedAt = user.first().expiresAt().minus(LIFETIME);
      sleepUntil(obtainedAt.plus(INTO_WINDOW));
      long started = System.nanoTime();
      AccessToken touched = flow.forSubject(user.subject()).token();
      slowestTouchNanos = Math.max(slowestTouchNanos, System.nanoTime() - started);
      Instant now = Instant.now();
      assertThat(now)
          .as("%s touched inside its refresh window", user.subject())
          .isBefore(obtainedAt.plus(WINDOW_END));
      assertThat(touched)
          .as("%s is served its valid token", user.subject())
          .isEqualTo(user.first());
      assertThat(touched.isExpiredAt(now)).isFalse();
    }
    Thread.sleep(LATENCY.plusSeconds(2).toMillis()); // the refreshes in flight finish
    sampler.stop();
    System.out.printf(
        "%d users touched in their refresh window: at most %d live %s* threads, %d token requests"
            + " in flight at once, %d refreshes started, slowest touch %d us%n",
        USERS,
        sampler.maxLive(),
        THREAD_PREFIX,
        endpoint.maxInFlight(),
        endpoint.refreshes(),
        slowestTouchNanos / 1000);

    assertThat(sampler.maxLive())
        .as("live %s* threads", THREAD_PREFIX)
        .isPositive()
        .isLessThanOrEqualTo(TokenRequestPool.DEFAULT_MAX_THREADS);
    assertThat(endpoint.maxInFlight())
        .as("token requests in flight at once")
        .isLessThanOrEqualTo(TokenRequestPool.DEFAULT_MAX_THREADS);
    assertThat(Duration.ofNanos(slowestTouchNanos))
        .as("the slowest touch: none waited for a refresh")
        .isLessThan(LATENCY.dividedBy(2));
    assertThat(endpoint.refreshes()).as("refreshes started").isPositive();
    assertThat(endpoint.refreshTokensPresentedTwice())
        .as("single flight per user: no refresh token sent twice")
        .isZero();
    assertThat(server.journal().tokenRequests())
        .as("no token request refused")
        .allMatch(r -> r.issuedToken());
  }

  private record User(String subject, AccessToken first) {}

  /**
   * Signs every user in (eight at a time) and takes each one's first token, which the source then
   * caches.
   */
  private List<User> signInEveryone(AuthorizationCodeFlow flow) throws Exception {
    List<Future<User>> pending = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      String subject = String.format("user-%04d", i);
      pending.add(
          signIns.submit(
              () -> {
                HttpResponse<Void> consent =
                    browser.send(
                        HttpRequest.newBuilder(flow.begin(CALLBACK, subject).uri()).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(consent.statusCode()).isEqualTo(302);
                flow.complete(URI.create(consent.headers().firstValue("Location").orElseThrow()));
                return new User(subject, flow.forSubject(subject).token());
              }));
    }
    List<User> users = new ArrayList<>();
    for (Future<User> user : pending) {
      users.add(user.get(2, TimeUnit.MINUTES));
    }
    return users;
  }

  private static void sleepUntil(Instant instant) throws InterruptedException {
    long millis = Duration.between(Instant.now(), instant).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  /** The Feign endpoint, counting token requests in flight and the refresh tokens presented. */
  private static final class CountingEndpoint implements TokenEndpoint {
    private final TokenEndpoint delegate;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Set<String> presented = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger presentedTwice = new AtomicInteger();

    CountingEndpoint(TokenEndpoint delegate) {
      this.delegate = delegate;
    }

    @Override
    public se.krebit.auth.spi.TokenResponse exchange(
        se.krebit.auth.ClientCredentials client, se.krebit.auth.spi.Grant grant) {
      if (grant instanceof RefreshTokenGrant refresh) {
        refreshes.incrementAndGet();
        if (!presented.add(refresh.refreshToken().value())) {
          presentedTwice.incrementAndGet();
        }
      }
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        return delegate.exchange(client, grant);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    int maxInFlight() {
      return maxInFlight.get();
    }

    int refreshes() {
      return refreshes.get();
    }

    int refreshTokensPresentedTwice() {
      return presentedTwice.get();
    }
  }

  /** Counts live token request threads every few milliseconds, keeping the highest count seen. */
  private static final class ThreadSampler {
    private final AtomicInteger maxLive = new AtomicInteger();
    private volatile boolean running;
    private Thread thread;

    void start() {
      running = true;
      thread =
          new Thread(
              () -> {
                while (running) {
                  maxLive.accumulateAndGet(countLive(), Math::max);
                  try {
                    Thread.sleep(2);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "token-request-thread-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running = false;
      if (thread != null) {
        thread.join(5_000);
      }
    }

    int maxLive() {
      return maxLive.get();
    }

    private static int countLive() {
      ThreadGroup root = Thread.currentThread().getThreadGroup();
      while (root.getParent() != null) {
        root = root.getParent();
      }
      Thread[] threads = new Thread[root.activeCount() * 2 + 16];
      int n = root.enumerate(threads, true);
      int live = 0;
      for (int i = 0; i < n; i++) {
        if (threads[i].getName().startsWith(THREAD_PREFIX) && threads[i].isAlive()) {
          live++;
        }
      }
      return live;
    }
  }
}
