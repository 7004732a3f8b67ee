package se.krebit.auth;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.internal.CoarseClock;
import se.krebit.auth.spi.Scheduler;

/**
 * One cached access token with its freshness as explicit states, shared by every token source.
 *
 * <p>The hot path is two volatile reads and one comparison: while the system clock's
 * {@link CoarseClock} reading is before the snapshot's {@code freshUntil}, {@link #get()} neither
 * locks, allocates nor reads the clock. (A cache on a clock that moves its own coarse time, as the
 * test kit's settable clock does, makes the same comparison with that one, one step later.) {@code freshUntil} is the refresh-ahead instant, or earlier: never later than the coarse
 * clock's vouched lag before the end of the token's usable life, so a reading that is late by that
 * much still can't serve the token past it, and a token too short-lived for that margin never takes
 * this path. Past {@code freshUntil} callers read the clock: they are served the token while it is
 * usable, start a refresh in the background once it is due, and at most one token request is in
 * flight. Callers that have no usable token wait for that request, never longer than
 * {@link RefreshPolicy#acquireTimeout()} from their own arrival. No timer is needed for any of
 * this; a cache that refreshes proactively (an application's token) also sets one on the
 * {@link Scheduler}, so that its refresh starts before any caller comes.
 *
 * <pre>
 *   EMPTY ──fetch──▶ FRESH ──freshUntil passes──▶ DUE ──fetch ok──▶ FRESH
 *                                                  │  fetch failed: keep serving, back off, retry
 *                                                  └─ past usableUntil, failure ──▶ FAILED (fail fast, back off)
 *   invalidate(served token) ──▶ EMPTY
 * </pre>
 */
final class TokenCache {
  private static final Logger LOG = LoggerFactory.getLogger(TokenSource.class);
  private static final VarHandle CURRENT;
  private static final VarHandle INFLIGHT;
  private static final Scheduler.Cancellable NO_TIMER = () -> {};
  /** While another node refreshes: how soon to look for its result, and how often a waiting caller looks. */
  static final Duration OTHER_NODE_RECHECK = Duration.ofMillis(100);
  private static final long MIN_POLL_MILLIS = 20;
  private static final long MAX_POLL_MILLIS = 250;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      CURRENT = lookup.findVarHandle(TokenCache.class, "current", Snapshot.class);
      INFLIGHT = lookup.findVarHandle(TokenCache.class, "inflight", CompletableFuture.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Obtains a token. Runs on the fetch executor, never twice at once for one cache. */
  @FunctionalInterface
  interface Fetcher {
    /**
     * @throws RefreshingElsewhere if no usable token exists and another node is obtaining one
     */
    Fetched fetch();
  }

  /**
   * What a fetch yields.
   *
   * @param token the token
   * @param obtainedAt when its request was sent: its lifetime counts from here
   * @param newerComing another node is obtaining a newer one: serve this, and look again soon
   */
  record Fetched(AccessToken token, Instant obtainedAt, boolean newerComing) {}

  /**
   * What every cache of one source or flow shares.
   *
   * @param proactive where a refresh ahead is scheduled without waiting for a caller; {@code null}
   *     for caches that need no timer (users' tokens: an idle user costs nothing)
   * @param grantType the grant the tokens come from, for the listener
   */
  record Wiring(
      Clock clock,
      CoarseClock coarse,
      @Nullable Scheduler proactive,
      Executor executor,
      RefreshPolicy policy,
      String grantType,
      TokenListener listener) {}

  // How logs name this cache; its toString() runs only when a line is logged, so a user's source
  // can name itself without holding a string of its own.
  private final Object name;
  private final Fetcher fetcher;
  private final CoarseClock coarse; // also in settings; a field of its own keeps the path one hop shorter
  private final boolean systemTime;
  private final Wiring settings;

  private volatile Snapshot current = Snapshot.EMPTY;
  // A field, not an AtomicReference: one object fewer for each of 100,000 users' caches.
  private volatile @Nullable CompletableFuture<AccessToken> inflight;
  private volatile Scheduler.Cancellable timer = NO_TIMER;
  // Only the single in-flight fetch touches this; the inflight reference orders successive fetches.
  private int consecutiveFailures;

  /**
   * @param name how logs name this cache, for example {@code client 'abc'}, by its {@code toString()}
   *     (called only when a line is logged); no secrets
   */
  TokenCache(Object name, Fetcher fetcher, Wiring settings) {
    this.name = name;
    this.fetcher = fetcher;
    this.coarse = settings.coarse();
    this.systemTime = coarse.isSystem();
    this.settings = settings;
  }

  AccessToken get() {
    Snapshot s = current;
    if (CoarseClock.systemMillis() < s.freshUntil) {
      return s.token;
    }
    return slowGet(s);
  }

  /** Forgets the cached token and any failure, for example after the user signed in again. */
  void reset() {
    current = Snapshot.EMPTY;
    timer.cancel();
  }

  /**
   * Whether this cache can be dropped at {@code nowMillis} without losing anything a new one would
   * not find in the store: no token request in flight, and no failure whose backoff is still running
   * (a new cache would ask again at once).
   */
  boolean isQuiet(long nowMillis) {
    Snapshot s = current;
    return inflight == null && (s.failure == null || nowMillis >= s.failFastUntil);
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

  private AccessToken slowGet(Snapshot first) {
    if (coarse.millis() < first.ownFreshUntil) {
      return first.token; // a clock that moves its own coarse time, as the test kit's settable clock does
    }
    long waitStarted = 0;
    long pollMillis = MIN_POLL_MILLIS;
    try {
      while (true) {
        Snapshot s = current;
        long now = settings.clock().millis();
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
        if (waitStarted == 0) {
          waitStarted = System.nanoTime();
        }
        long deadline = waitStarted + settings.policy().acquireTimeout().toNanos();
        try {
          return await(startFetch(s, false), deadline);
        } catch (Shed shed) {
          // The request joined was a refresh ahead that found no thread: look again, and start one.
        } catch (RefreshingElsewhere elsewhere) {
          pause(pollMillis, deadline);
          pollMillis = Math.min(MAX_POLL_MILLIS, pollMillis * 2);
        }
      }
    } finally {
      if (waitStarted != 0 && settings.listener() != TokenListener.NONE) {
        Duration waited = Duration.ofNanos(System.nanoTime() - waitStarted);
        ObservedEndpoint.notify(settings.listener(), () -> settings.listener().callerWaited(settings.grantType(), waited));
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
      CompletableFuture<AccessToken> running = inflight;
      if (running != null) {
        return running;
      }
      CompletableFuture<AccessToken> mine = new CompletableFuture<>();
      if (INFLIGHT.compareAndSet(this, null, mine)) {
        if (!TokenRequestPool.offer(settings.executor(), () -> runFetch(mine, observed), optional)) {
          if (optional) {
            INFLIGHT.compareAndSet(this, mine, null);
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
    long now = settings.clock().millis();
    if (latest != observed && latest.token != null && now < latest.usableUntil && now < latest.nextRefreshAt) {
      finish(mine, latest.token, null);
      return;
    }
    if (latest != observed && latest.failure != null && now < latest.failFastUntil) {
      finish(mine, null, latest.failure);
      return;
    }
    try {
      finish(mine, install(fetcher.fetch()), null);
    } catch (RefreshingElsewhere elsewhere) {
      finish(mine, null, elsewhere); // not a failure: callers look again shortly
    } catch (RuntimeException e) {
      recordFailure(e);
      finish(mine, null, e);
    } catch (Error e) {
      finish(mine, null, e);
      throw e;
    }
  }

  private void finish(CompletableFuture<AccessToken> mine, @Nullable AccessToken token, @Nullable Throwable failure) {
    inflight = null; // after the snapshot, so a caller that sees no fetch sees its result
    if (failure == null) {
      mine.complete(token);
    } else {
      mine.completeExceptionally(failure);
    }
  }

  /** Caches a fetched token and returns it; throws if it can't be served even now. */
  private AccessToken install(Fetched fetched) {
    RefreshPolicy policy = settings.policy();
    AccessToken token = fetched.token();
    TokenLife life = TokenLife.of(token, fetched.obtainedAt(), policy);
    long now = settings.clock().millis();
    if (now >= life.usableUntil()) {
      if (fetched.newerComing()) {
        throw RefreshingElsewhere.INSTANCE; // its life ended while we looked; the newer one is near
      }
      throw new InvalidTokenResponseException(
          "The token endpoint issued a token that expired before it arrived (or within the expiry skew of"
              + " it); check expires_in and the clock.",
          200,
          null,
          null);
    }
    long refreshAt = life.refreshAt(policy, ThreadLocalRandom.current().nextDouble());
    AccessToken previous = current.token;
    boolean extendsLife =
        previous == null || life.expiresAt() >= previous.expiresAt().toEpochMilli() + policy.minRetryDelay().toMillis();
    Snapshot next;
    if (!fetched.newerComing() && extendsLife && refreshAt > now) {
      consecutiveFailures = 0;
      long freshUntil = Math.min(refreshAt, life.usableUntil() - coarse.maxLagMillis());
      next = systemTime
          ? Snapshot.fresh(token, freshUntil, Long.MIN_VALUE, life.usableUntil(), refreshAt)
          : Snapshot.fresh(token, Long.MIN_VALUE, freshUntil, life.usableUntil(), refreshAt);
      LOG.debug("{}: token {} cached, refresh from {}, usable until {}",
          name, token.fingerprint(), Instant.ofEpochMilli(refreshAt), Instant.ofEpochMilli(life.usableUntil()));
    } else if (fetched.newerComing()) {
      next = Snapshot.due(token, life.usableUntil(), now + OTHER_NODE_RECHECK.toMillis());
      LOG.debug("{}: token {} served while another node refreshes it", name, token.fingerprint());
    } else {
      // The server gave back a token that lives no longer than the one we had (it caches tokens)
      // or one too short-lived to refresh ahead: serve it, and ask again only after a backoff.
      long delay = backoff(null);
      next = Snapshot.due(token, life.usableUntil(), now + delay);
      LOG.debug("{}: token {} does not outlive the previous one; next refresh attempt in {} ms",
          name, token.fingerprint(), delay);
    }
    current = next;
    armTimer(next);
    return token;
  }

  private void recordFailure(RuntimeException failure) {
    long delay = backoff(failure);
    long now = settings.clock().millis();
    while (true) {
      Snapshot s = current;
      AccessToken served = s.token;
      boolean stillUsable = served != null && now < s.usableUntil;
      Snapshot next =
          stillUsable
              ? Snapshot.due(served, s.usableUntil, now + delay)
              : Snapshot.failed(failure, now + delay);
      if (CURRENT.compareAndSet(this, s, next)) {
        if (stillUsable) {
          armTimer(next);
          LOG.warn("{}: refreshing the access token failed; serving token {} until {}, retrying in {} ms: {}",
              name, served.fingerprint(), Instant.ofEpochMilli(s.usableUntil), delay, describe(failure));
        } else {
          LOG.warn("{}: obtaining an access token failed; failing fast for {} ms: {}", name, delay, describe(failure));
        }
        return;
      }
    }
  }

  /** For a proactive cache: a timer that starts the next refresh when it is due, if a token is still served then. */
  private void armTimer(Snapshot expected) {
    Scheduler scheduler = settings.proactive();
    if (scheduler == null) {
      return;
    }
    timer.cancel();
    if (expected.nextRefreshAt < expected.usableUntil) {
      // The timer must not keep an abandoned source alive, refreshing a token nobody will ask for.
      WeakReference<TokenCache> cache = new WeakReference<>(this);
      timer = scheduler.schedule(Instant.ofEpochMilli(expected.nextRefreshAt), () -> {
        TokenCache alive = cache.get();
        if (alive != null && alive.current == expected) {
          alive.startFetch(expected, true);
        }
      });
    }
  }

  private AccessToken await(CompletableFuture<AccessToken> fetch, long deadlineNanos) {
    try {
      return fetch.get(Math.max(0, deadlineNanos - System.nanoTime()), NANOSECONDS);
    } catch (TimeoutException e) {
      throw TokenAcquisitionTimeoutException.after(settings.policy().acquireTimeout());
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

  /** Sleeps while another node obtains the token, within the caller's deadline. */
  private void pause(long millis, long deadlineNanos) {
    long remaining = deadlineNanos - System.nanoTime();
    if (remaining <= 0) {
      throw TokenAcquisitionTimeoutException.after(settings.policy().acquireTimeout());
    }
    try {
      NANOSECONDS.sleep(Math.min(TimeUnit.MILLISECONDS.toNanos(millis), remaining));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TokenAcquisitionTimeoutException.interrupted(e);
    }
  }

  /** Exponential backoff with jitter, at least the server's Retry-After, within the policy's bounds. */
  private long backoff(@Nullable RuntimeException failure) {
    RefreshPolicy policy = settings.policy();
    consecutiveFailures++;
    long min = policy.minRetryDelay().toMillis();
    long max = policy.maxRetryDelay().toMillis();
    int doublings = Math.min(consecutiveFailures - 1, 30);
    long base = Math.min(max, min << doublings);
    long delay = Math.max(min, (long) (base * (1 - policy.jitter() * 0.5 * ThreadLocalRandom.current().nextDouble())));
    if (failure instanceof TokenEndpointUnavailableException unavailable) {
      long retryAfter = unavailable.retryAfter().map(Duration::toMillis).orElse(0L);
      delay = Math.max(delay, Math.min(retryAfter, max));
    }
    return delay;
  }

  private static String describe(RuntimeException failure) {
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }

  /**
   * Thrown by a fetcher when no usable token exists and another node is obtaining one: callers wait
   * and look again, each within its own deadline. Never reaches a caller, never counts as a failure.
   */
  static final class RefreshingElsewhere extends RuntimeException {
    static final RefreshingElsewhere INSTANCE = new RefreshingElsewhere();
    private static final long serialVersionUID = 1L;

    private RefreshingElsewhere() {
      super("another node is obtaining the token", null, false, false);
    }
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
    static final Snapshot EMPTY = new Snapshot(null, Long.MIN_VALUE, Long.MIN_VALUE, 0, 0, null, 0);

    final @Nullable AccessToken token;
    // Epoch millis; before it on the system clock's coarse time, the hot path serves the token without
    // reading the clock. Long.MIN_VALUE for a cache on another clock, which uses ownFreshUntil instead.
    final long freshUntil;
    final long ownFreshUntil; // the same, compared with the cache's own coarse clock
    final long usableUntil; // epoch millis; the token is never served from this instant on
    final long nextRefreshAt; // epoch millis; from here on a caller starts a background refresh
    final @Nullable RuntimeException failure; // why there is no token, while failing fast
    final long failFastUntil;

    private Snapshot(
        @Nullable AccessToken token,
        long freshUntil,
        long ownFreshUntil,
        long usableUntil,
        long nextRefreshAt,
        @Nullable RuntimeException failure,
        long failFastUntil) {
      this.token = token;
      this.freshUntil = freshUntil;
      this.ownFreshUntil = ownFreshUntil;
      this.usableUntil = usableUntil;
      this.nextRefreshAt = nextRefreshAt;
      this.failure = failure;
      this.failFastUntil = failFastUntil;
    }

    static Snapshot fresh(AccessToken token, long freshUntil, long ownFreshUntil, long usableUntil, long refreshAt) {
      return new Snapshot(token, freshUntil, ownFreshUntil, usableUntil, refreshAt, null, 0);
    }

    /** A token served after reading the clock, due for a refresh attempt from {@code nextRefreshAt}. */
    static Snapshot due(AccessToken token, long usableUntil, long nextRefreshAt) {
      return new Snapshot(token, Long.MIN_VALUE, Long.MIN_VALUE, usableUntil, nextRefreshAt, null, 0);
    }

    static Snapshot failed(RuntimeException failure, long failFastUntil) {
      return new Snapshot(null, Long.MIN_VALUE, Long.MIN_VALUE, 0, 0, failure, failFastUntil);
    }
  }
}
