package se.krebit.auth;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import java.lang.invoke.MethodHandles;
import java.lang.ref.WeakReference;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.spi.Scheduler;

/**
 * One cached access token with its freshness as explicit states, shared by every token source.
 *
 * <p>The hot path is one volatile read and one branch: while the token is fresh, {@link #get()}
 * neither locks, allocates nor reads the clock. A timer on the injected {@link Scheduler} moves the
 * token to the refresh-ahead state; from then on callers read the clock, are served the old token
 * while it is usable, and at most one token request is in flight. Callers that have no usable token
 * wait for that request, never longer than {@link RefreshPolicy#acquireTimeout()}.
 *
 * <pre>
 *   EMPTY ──fetch──▶ FRESH ──timer──▶ STALE ──fetch ok──▶ FRESH
 *                                      │  fetch failed: keep serving, back off, retry
 *                                      └─ past usableUntil, failure ──▶ FAILED (fail fast, back off)
 *   invalidate(served token) ──▶ EMPTY
 * </pre>
 */
final class TokenCache {
  private static final Logger LOG = LoggerFactory.getLogger(TokenSource.class);
  private static final VarHandle CURRENT;

  static {
    try {
      CURRENT = MethodHandles.lookup().findVarHandle(TokenCache.class, "current", Snapshot.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Obtains a new token. Runs on the fetch executor, never twice at once for one cache. */
  @FunctionalInterface
  interface Fetcher {
    AccessToken fetch();
  }

  private final String name;
  private final Fetcher fetcher;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Executor executor;
  private final RefreshPolicy policy;
  private final boolean proactive;
  private final String grantType;
  private final TokenListener listener;

  private volatile Snapshot current = Snapshot.EMPTY;
  private final AtomicReference<@Nullable CompletableFuture<AccessToken>> inflight = new AtomicReference<>();
  private volatile Scheduler.Cancellable timer = () -> {};
  // Only the single in-flight fetch touches this; the inflight reference orders successive fetches.
  private int consecutiveFailures;

  /**
   * @param name how logs name this cache, for example {@code client 'abc'}; no secrets
   * @param proactive whether the refresh-ahead timer starts a refresh by itself, or only marks the
   *     token so that the next caller starts one in the background
   * @param grantType the grant this cache's tokens come from, for the listener
   */
  TokenCache(
      String name,
      Fetcher fetcher,
      Clock clock,
      Scheduler scheduler,
      Executor executor,
      RefreshPolicy policy,
      boolean proactive,
      String grantType,
      TokenListener listener) {
    this.name = name;
    this.fetcher = fetcher;
    this.clock = clock;
    this.scheduler = scheduler;
    this.executor = executor;
    this.policy = policy;
    this.proactive = proactive;
    this.grantType = grantType;
    this.listener = listener;
  }

  AccessToken get() {
    Snapshot s = current;
    if (s.fresh) {
      return s.token;
    }
    return slowGet(s);
  }

  /** Forgets the cached token and any failure, for example after the user signed in again. */
  void reset() {
    current = Snapshot.EMPTY;
    timer.cancel();
  }

  void invalidate(AccessToken rejected) {
    Snapshot s = current;
    AccessToken served = s.token;
    if (served != null
        && served.value().equals(rejected.value())
        && CURRENT.compareAndSet(this, s, Snapshot.EMPTY)) {
      timer.cancel();
      LOG.debug("{}: token {} was rejected; the next call obtains a new one", name, served.fingerprint());
    }
  }

  private AccessToken slowGet(Snapshot s) {
    long now = clock.millis();
    AccessToken served = s.token;
    if (served != null && now < s.usableUntil) {
      if (now >= s.nextRefreshAt) {
        startFetch(s, true); // refresh ahead in the background; this caller doesn't wait
      }
      return served;
    }
    RuntimeException failure = s.failure;
    if (failure != null && now < s.failFastUntil) {
      throw failure;
    }
    long started = System.nanoTime();
    try {
      return awaitToken(s, started + policy.acquireTimeout().toNanos());
    } finally {
      if (listener != TokenListener.NONE) {
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        ObservedEndpoint.notify(listener, () -> listener.callerWaited(grantType, waited));
      }
    }
  }

  /** Waits for a token request this caller needs, starting one unless one is in flight. */
  private AccessToken awaitToken(Snapshot observed, long deadlineNanos) {
    Snapshot s = observed;
    while (true) {
      try {
        return await(startFetch(s, false), deadlineNanos);
      } catch (Shed shed) {
        // The request this caller joined was a refresh ahead the pool had no thread for: ask again,
        // now as a caller that waits, unless a token arrived meanwhile.
        s = current;
        AccessToken served = s.token;
        if (served != null && clock.millis() < s.usableUntil) {
          return served;
        }
      }
    }
  }

  /**
   * The token request in flight, or a new one. An optional one (a refresh ahead, whose caller has a
   * valid token) starts only if the executor has a thread for it at once; one that a caller waits
   * for runs on the caller's thread when the executor rejects it.
   */
  private CompletableFuture<AccessToken> startFetch(Snapshot observed, boolean optional) {
    while (true) {
      CompletableFuture<AccessToken> running = inflight.get();
      if (running != null) {
        return running;
      }
      CompletableFuture<AccessToken> mine = new CompletableFuture<>();
      if (inflight.compareAndSet(null, mine)) {
        if (!TokenRequestPool.offer(executor, () -> runFetch(mine, observed), optional)) {
          if (optional) {
            inflight.compareAndSet(mine, null);
            mine.completeExceptionally(Shed.INSTANCE); // anyone who joined meanwhile asks again
            LOG.debug("{}: no free token request thread; the refresh ahead waits for a later call", name);
          } else {
            runFetch(mine, observed);
          }
        }
        return mine;
      }
    }
  }

  private void runFetch(CompletableFuture<AccessToken> mine, Snapshot observed) {
    // A fetch that finished after the caller looked may already have settled the matter.
    Snapshot latest = current;
    if (latest != observed && latest.fresh) {
      finish(mine, latest.token, null);
      return;
    }
    if (latest != observed && latest.failure != null && clock.millis() < latest.failFastUntil) {
      finish(mine, null, latest.failure);
      return;
    }
    try {
      AccessToken token = fetcher.fetch();
      install(token);
      finish(mine, token, null);
    } catch (RuntimeException e) {
      recordFailure(e);
      finish(mine, null, e);
    } catch (Error e) {
      finish(mine, null, e);
      throw e;
    }
  }

  private void finish(CompletableFuture<AccessToken> mine, @Nullable AccessToken token, @Nullable Throwable failure) {
    inflight.set(null); // after the snapshot, so a caller that sees no fetch sees its result
    if (failure == null) {
      mine.complete(token);
    } else {
      mine.completeExceptionally(failure);
    }
  }

  private void install(AccessToken token) {
    long now = clock.millis();
    long expiresAt = token.expiresAt().toEpochMilli();
    long lifetime = expiresAt - now;
    if (lifetime <= 0) {
      throw new InvalidTokenResponseException(
          "The token endpoint issued a token that expired before it arrived; check expires_in and the clock.",
          200,
          null,
          null);
    }
    long usableUntil = expiresAt - policy.skewMillis(lifetime);
    long margin = policy.refreshAheadMillis(lifetime);
    long refreshAt = usableUntil - margin - (long) (margin * policy.jitter() * random());
    AccessToken previous = current.token;
    boolean extendsLife =
        previous == null
            || expiresAt >= previous.expiresAt().toEpochMilli() + policy.minRetryDelay().toMillis();
    if (extendsLife && refreshAt > now) {
      consecutiveFailures = 0;
      Snapshot next = Snapshot.fresh(token, usableUntil, refreshAt);
      current = next;
      scheduleDue(next, refreshAt);
      LOG.debug("{}: token {} cached, refresh from {}, usable until {}",
          name, token.fingerprint(), Instant.ofEpochMilli(refreshAt), Instant.ofEpochMilli(usableUntil));
    } else {
      // The server gave back a token that lives no longer than the one we had (it caches tokens)
      // or one too short-lived to refresh ahead: serve it, and ask again only after a backoff.
      long delay = backoff(null);
      Snapshot next = Snapshot.stale(token, usableUntil, now + delay);
      current = next;
      scheduleDue(next, now + delay);
      LOG.debug("{}: token {} does not outlive the previous one; next refresh attempt in {} ms",
          name, token.fingerprint(), delay);
    }
  }

  private void recordFailure(RuntimeException failure) {
    long delay = backoff(failure);
    long now = clock.millis();
    while (true) {
      Snapshot s = current;
      AccessToken served = s.token;
      boolean stillUsable = served != null && now < s.usableUntil;
      Snapshot next =
          stillUsable
              ? Snapshot.stale(served, s.usableUntil, now + delay)
              : Snapshot.failed(failure, now + delay);
      if (CURRENT.compareAndSet(this, s, next)) {
        if (stillUsable) {
          scheduleDue(next, now + delay);
          LOG.warn("{}: refreshing the access token failed; serving token {} until {}, retrying in {} ms: {}",
              name, served.fingerprint(), Instant.ofEpochMilli(s.usableUntil), delay, describe(failure));
        } else {
          LOG.warn("{}: obtaining an access token failed; failing fast for {} ms: {}", name, delay, describe(failure));
        }
        return;
      }
    }
  }

  private void scheduleDue(Snapshot expected, long atMillis) {
    timer.cancel();
    // A fresh token must always get its timer, or the hot path would serve it forever.
    if (expected.fresh || atMillis < expected.usableUntil) {
      // The timer must not keep an abandoned source alive, refreshing a token nobody will ask for.
      WeakReference<TokenCache> cache = new WeakReference<>(this);
      timer = scheduler.schedule(Instant.ofEpochMilli(atMillis), () -> {
        TokenCache alive = cache.get();
        if (alive != null) {
          alive.onDue(expected);
        }
      });
    }
  }

  /** The timer fired for {@code expected}: leave the fresh state, and refresh if proactive. */
  private void onDue(Snapshot expected) {
    if (current != expected) {
      return;
    }
    Snapshot stale = expected.fresh ? expected.staleNow() : expected;
    if (stale == expected || CURRENT.compareAndSet(this, expected, stale)) {
      if (proactive) {
        startFetch(stale, true);
      }
    }
  }

  private AccessToken await(CompletableFuture<AccessToken> fetch, long deadlineNanos) {
    try {
      return fetch.get(Math.max(0, deadlineNanos - System.nanoTime()), NANOSECONDS);
    } catch (TimeoutException e) {
      throw TokenAcquisitionTimeoutException.after(policy.acquireTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TokenAcquisitionTimeoutException.interrupted(e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("token request failed", cause);
    }
  }

  /** Exponential backoff with jitter, at least the server's Retry-After, within the policy's bounds. */
  private long backoff(@Nullable RuntimeException failure) {
    consecutiveFailures++;
    long min = policy.minRetryDelay().toMillis();
    long max = policy.maxRetryDelay().toMillis();
    int doublings = Math.min(consecutiveFailures - 1, 30);
    long base = Math.min(max, min << doublings);
    long delay = Math.max(min, (long) (base * (1 - policy.jitter() * 0.5 * random())));
    if (failure instanceof TokenEndpointUnavailableException unavailable) {
      long retryAfter = unavailable.retryAfter().map(Duration::toMillis).orElse(0L);
      delay = Math.max(delay, Math.min(retryAfter, max));
    }
    return delay;
  }

  private static double random() {
    return ThreadLocalRandom.current().nextDouble();
  }

  private static String describe(RuntimeException failure) {
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }

  /** A refresh ahead that was not started for want of a thread; never reaches a caller. */
  private static final class Shed extends RuntimeException {
    static final Shed INSTANCE = new Shed();
    private static final long serialVersionUID = 1L;

    private Shed() {
      super("refresh ahead not started: no free token request thread", null, false, false);
    }
  }

  /** An immutable view of the cache: replaced whole, never mutated. */
  private static final class Snapshot {
    static final Snapshot EMPTY = new Snapshot(null, false, 0, 0, null, 0);

    final @Nullable AccessToken token;
    final boolean fresh; // token is usable and not yet due for refresh: the hot path's only test
    final long usableUntil; // epoch millis; the token is never served from this instant on
    final long nextRefreshAt; // epoch millis; from here on a caller starts a background refresh
    final @Nullable RuntimeException failure; // why there is no token, while failing fast
    final long failFastUntil;

    private Snapshot(
        @Nullable AccessToken token,
        boolean fresh,
        long usableUntil,
        long nextRefreshAt,
        @Nullable RuntimeException failure,
        long failFastUntil) {
      this.token = token;
      this.fresh = fresh;
      this.usableUntil = usableUntil;
      this.nextRefreshAt = nextRefreshAt;
      this.failure = failure;
      this.failFastUntil = failFastUntil;
    }

    static Snapshot fresh(AccessToken token, long usableUntil, long refreshAt) {
      return new Snapshot(token, true, usableUntil, refreshAt, null, 0);
    }

    static Snapshot stale(AccessToken token, long usableUntil, long nextRefreshAt) {
      return new Snapshot(token, false, usableUntil, nextRefreshAt, null, 0);
    }

    static Snapshot failed(RuntimeException failure, long failFastUntil) {
      return new Snapshot(null, false, 0, 0, failure, failFastUntil);
    }

    Snapshot staleNow() {
      return new Snapshot(token, false, usableUntil, nextRefreshAt, null, 0);
    }
  }
}
