package se.krebit.auth;

import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.internal.CoarseClock;
import se.krebit.auth.spi.Scheduler;

/**
 * One cached access token with its freshness as explicit states, shared by every token source.
 *
 * <p>The hot path is two volatile reads and one comparison: while the system clock's {@link
 * CoarseClock} reading is before the snapshot's {@code freshUntil}, {@link #get()} neither locks,
 * allocates nor reads the clock. (A cache on a clock that moves its own coarse time, as the test
 * clock {@code SettableClock} does, makes the same comparison with that one, one step later.)
 * {@code freshUntil} is the refresh-ahead instant, or earlier: never later than the coarse clock's
 * vouched lag before the end of the token's usable life, so a reading that is late by that much
 * still can't serve the token past it, and a token too short-lived for that margin never takes this
 * path. Past {@code freshUntil} callers read the clock: they are served the token while it is
 * usable, start a refresh in the background once it is due, and at most one token request is in
 * flight. Callers that have no usable token wait for that request, never longer than {@link
 * RefreshPolicy#acquireTimeout()} from their own arrival. No timer is needed for any of this; a
 * cache that refreshes proactively (an application's token) also sets one on the {@link Scheduler},
 * so that its refresh starts before any caller comes.
 *
 * <p>{@link #getAsync()} takes the same paths without blocking: a fresh token comes as the
 * completed stage its snapshot keeps (made once per token, so the hot path still allocates
 * nothing), and a caller with no usable token gets a stage of its own that follows the same single
 * request in flight, with its deadline kept by the JDK's shared delay thread instead of a waiting
 * thread.
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

  /**
   * While another node refreshes: how soon to look for its result, and how often a waiting caller
   * looks.
   */
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
    warmUpPaths();
  }

  /**
   * Runs once, on the thread that builds the first source, the code that callers first reach at an
   * expiry or a failure, so that its classes are loaded and linked before any caller needs them. A
   * virtual thread that loads or links a class while thousands of others arrive is pinned while
   * they wait for it, even on JDK 25: VirtualThreadPinningIT saw it once per JVM, for 0.3 to 6 ms,
   * in {@code failedStage}, in {@code get()}'s exception wrapping, and loading {@code AsyncWait}'s
   * classes. (This starts the JDK's shared {@code CompletableFutureDelayScheduler} daemon thread,
   * which keeps asynchronous callers' deadlines.)
   */
  private static void warmUpPaths() {
    Instant at = Instant.parse("2000-01-01T00:00:00Z");
    Clock fixed = Clock.fixed(at, java.time.ZoneOffset.UTC);
    AccessToken token = new AccessToken("warm-up", AccessToken.BEARER, at.plus(Duration.ofDays(1)));
    TokenCache cache =
        new TokenCache(
            "warm-up",
            () -> new Fetched(token, at, false),
            new Wiring(
                fixed,
                CoarseClock.forClock(fixed),
                null,
                Runnable::run,
                RefreshPolicy.ofDefaults(),
                "warm-up",
                TokenListener.NONE));
    cache
        .getAsync()
        .toCompletableFuture()
        .join(); // waits for a request: AsyncWait, its deadline, the request
    cache.getAsync().toCompletableFuture().join(); // the cached stage
    cache.invalidate(token);
    cache.get(); // a blocking caller's wait

    RuntimeException failure = Shed.INSTANCE;
    CompletableFuture.completedStage(RefreshingElsewhere.INSTANCE).toCompletableFuture().join();
    CompletableFuture.failedStage(failure).toCompletableFuture().isCompletedExceptionally();
    CompletableFuture<AccessToken> request = new CompletableFuture<>();
    CompletableFuture<Object> outcome = request.handle(TokenCache::outcome);
    request.whenComplete((served, thrown) -> {});
    request.completeExceptionally(failure);
    try {
      outcome.get(0, NANOSECONDS);
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      throw new IllegalStateException("the outcome of a completed request is there at once", e);
    }
    TokenAcquisitionTimeoutException.after(Duration.ZERO).isRetryable();
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
  private final CoarseClock
      coarse; // also in settings; a field of its own keeps the path one hop shorter
  private final boolean systemTime;
  private final Wiring settings;

  private volatile Snapshot current = Snapshot.EMPTY;
  // A field, not an AtomicReference: one object fewer for each of 100,000 users' caches.
  private volatile @Nullable CompletableFuture<AccessToken> inflight;
  private volatile Scheduler.Cancellable timer = NO_TIMER;
  // Only the single in-flight fetch touches this; the inflight reference orders successive fetches.
  private int consecutiveFailures;

  /**
   * @param name how logs name this cache, for example {@code client 'abc'}, by its {@code
   *     toString()} (called only when a line is logged); no secrets
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

  /** {@link #get()} without blocking: see {@link TokenSource#tokenAsync()}. */
  CompletionStage<AccessToken> getAsync() {
    Snapshot s = current;
    if (CoarseClock.systemMillis() < s.freshUntil) {
      return s.stage();
    }
    if (coarse.millis() < s.ownFreshUntil) {
      return s.stage();
    }
    try {
      s = current;
      if (serveNow(s) != null) {
        return s.stage();
      }
    } catch (RuntimeException failure) {
      return CompletableFuture.failedStage(failure);
    }
    return new AsyncWait().start();
  }

  /**
   * When the request for the cached token was sent, if a token is cached (usable or not): two
   * reads, no lock, no token request.
   */
  Optional<Instant> cachedTokenObtainedAt() {
    Snapshot s = current;
    return s.token == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(s.obtainedAt));
  }

  /** Forgets the cached token and any failure, for example after the user signed in again. */
  void reset() {
    current = Snapshot.EMPTY;
    timer.cancel();
  }

  /**
   * Whether this cache can be dropped at {@code nowMillis} without losing anything a new one would
   * not find in the store: no token request in flight, and no failure whose backoff is still
   * running (a new cache would ask again at once).
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
      LOG.debug(
          "{}: token {} was rejected; the next call obtains a new one", name, served.fingerprint());
    }
  }

  private AccessToken slowGet(Snapshot first) {
    if (coarse.millis() < first.ownFreshUntil) {
      return first
          .token; // a clock that moves its own coarse time, as the test clock SettableClock does
    }
    long waitStarted = 0;
    TokenListener.Span<TokenRequestEvent.Outcome> wait = Spans.none();
    TokenRequestEvent.Outcome outcome = TokenRequestEvent.Outcome.SUCCESS;
    long pollMillis = MIN_POLL_MILLIS;
    try {
      while (true) {
        Snapshot s = current;
        AccessToken served = serveNow(s);
        if (served != null) {
          return served;
        }
        if (waitStarted == 0) {
          waitStarted = System.nanoTime();
          wait = startWait();
        }
        long deadline = waitStarted + settings.policy().acquireTimeout().toNanos();
        try {
          return await(startFetch(s, Demand.BLOCKING, wait), deadline);
        } catch (Shed shed) {
          // The request joined was a refresh ahead that found no thread: look again, and start one.
        } catch (RefreshingElsewhere elsewhere) {
          pause(pollMillis, deadline);
          pollMillis = Math.min(MAX_POLL_MILLIS, pollMillis * 2);
        }
      }
    } catch (RuntimeException failure) {
      outcome = TokenRequestEvent.Outcome.of(failure);
      throw failure;
    } catch (Error error) {
      outcome = TokenRequestEvent.Outcome.FAILED;
      throw error;
    } finally {
      if (waitStarted != 0) {
        Spans.stop(wait, outcome);
      }
    }
  }

  /**
   * The token to serve now, starting a refresh ahead in the background when one is due (the caller
   * doesn't wait for it); {@code null} when the caller has to wait for a token request.
   *
   * @throws RuntimeException the failure of the last request, while failing fast
   */
  private @Nullable AccessToken serveNow(Snapshot s) {
    long now = settings.clock().millis();
    AccessToken served = s.token;
    if (served != null && now < s.usableUntil) {
      if (now >= s.nextRefreshAt) {
        startFetch(s, Demand.AHEAD, Spans.none()); // the caller doesn't wait: a trace of its own
      }
      return served;
    }
    RuntimeException failure = s.failure;
    if (failure != null && now < s.failFastUntil) {
      throw failure;
    }
    return null;
  }

  /** A caller's wait for a token request starts, on its own thread. */
  private TokenListener.Span<TokenRequestEvent.Outcome> startWait() {
    TokenListener listener = settings.listener();
    return listener == TokenListener.NONE
        ? Spans.none()
        : Spans.start(listener, () -> listener.tokenWaitStarted(settings.grantType()));
  }

  /**
   * Who needs a token request: that decides what happens when the executor has no thread for it.
   */
  private enum Demand {
    /**
     * A refresh ahead, whose caller has a valid token: it starts only if a thread is free at once.
     */
    AHEAD,
    /**
     * A caller that blocks for it: its own thread makes the request when the executor rejects it.
     */
    BLOCKING,
    /**
     * A caller that must not block: the request fails with a retryable error when the executor
     * rejects it.
     */
    ASYNC
  }

  /**
   * The token request in flight, or a new one for {@code demand}, started under {@code cause}: the
   * wait of the caller that starts it (callers that join a request in flight cause nothing).
   */
  private CompletableFuture<AccessToken> startFetch(
      Snapshot observed, Demand demand, TokenListener.Span<?> cause) {
    boolean optional = demand == Demand.AHEAD;
    while (true) {
      CompletableFuture<AccessToken> running = inflight;
      if (running != null) {
        return running;
      }
      CompletableFuture<AccessToken> mine = new CompletableFuture<>();
      if (INFLIGHT.compareAndSet(this, null, mine)) {
        if (!TokenRequestPool.offer(
            settings.executor(), () -> runFetch(mine, observed, cause), optional)) {
          if (optional) {
            INFLIGHT.compareAndSet(this, mine, null);
            mine.completeExceptionally(Shed.INSTANCE); // anyone who joined meanwhile asks again
            LOG.debug(
                "{}: no free token request thread; the refresh ahead waits for a later call", name);
          } else if (demand == Demand.ASYNC) {
            LOG.warn(
                "{}: the token request executor rejected a request an asynchronous caller needs",
                name);
            finish(mine, null, TokenAcquisitionTimeoutException.noThread());
          } else {
            runFetch(mine, observed, cause);
          }
        }
        return mine;
      }
    }
  }

  private void runFetch(
      CompletableFuture<AccessToken> mine, Snapshot observed, TokenListener.Span<?> cause) {
    // A fetch that finished after the caller looked may already have settled the matter.
    Snapshot latest = current;
    long now = settings.clock().millis();
    if (latest != observed
        && latest.token != null
        && now < latest.usableUntil
        && now < latest.nextRefreshAt) {
      finish(mine, latest.token, null);
      return;
    }
    if (latest != observed && latest.failure != null && now < latest.failFastUntil) {
      finish(mine, null, latest.failure);
      return;
    }
    TokenListener.@Nullable Span<?> outer = Spans.enter(cause);
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
    } finally {
      Spans.restore(outer);
    }
  }

  private void finish(
      CompletableFuture<AccessToken> mine,
      @Nullable AccessToken token,
      @Nullable Throwable failure) {
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
    long obtainedAt = fetched.obtainedAt().toEpochMilli();
    AccessToken previous = current.token;
    boolean extendsLife =
        previous == null
            || life.expiresAt()
                >= previous.expiresAt().toEpochMilli() + policy.minRetryDelay().toMillis();
    Snapshot next;
    if (!fetched.newerComing() && extendsLife && refreshAt > now) {
      consecutiveFailures = 0;
      long freshUntil = Math.min(refreshAt, life.usableUntil() - coarse.maxLagMillis());
      next =
          systemTime
              ? Snapshot.fresh(
                  token, freshUntil, Long.MIN_VALUE, life.usableUntil(), refreshAt, obtainedAt)
              : Snapshot.fresh(
                  token, Long.MIN_VALUE, freshUntil, life.usableUntil(), refreshAt, obtainedAt);
      LOG.debug(
          "{}: token {} cached, refresh from {}, usable until {}",
          name,
          token.fingerprint(),
          Instant.ofEpochMilli(refreshAt),
          Instant.ofEpochMilli(life.usableUntil()));
    } else if (fetched.newerComing()) {
      next =
          Snapshot.due(token, life.usableUntil(), now + OTHER_NODE_RECHECK.toMillis(), obtainedAt);
      LOG.debug("{}: token {} served while another node refreshes it", name, token.fingerprint());
    } else {
      // The server gave back a token that lives no longer than the one we had (it caches tokens)
      // or one too short-lived to refresh ahead: serve it, and ask again only after a backoff.
      long delay = backoff(null);
      next = Snapshot.due(token, life.usableUntil(), now + delay, obtainedAt);
      LOG.debug(
          "{}: token {} does not outlive the previous one; next refresh attempt in {} ms",
          name,
          token.fingerprint(),
          delay);
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
              ? Snapshot.due(served, s.usableUntil, now + delay, s.obtainedAt)
              : Snapshot.failed(failure, now + delay);
      if (CURRENT.compareAndSet(this, s, next)) {
        if (stillUsable) {
          armTimer(next);
          LOG.warn(
              "{}: refreshing the access token failed; serving token {} until {}, retrying in {} ms: {}",
              name,
              served.fingerprint(),
              Instant.ofEpochMilli(s.usableUntil),
              delay,
              describe(failure));
        } else {
          LOG.warn(
              "{}: obtaining an access token failed; failing fast for {} ms: {}",
              name,
              delay,
              describe(failure));
        }
        return;
      }
    }
  }

  /**
   * For a proactive cache: a timer that starts the next refresh when it is due, if a token is still
   * served then.
   */
  private void armTimer(Snapshot expected) {
    Scheduler scheduler = settings.proactive();
    if (scheduler == null) {
      return;
    }
    timer.cancel();
    if (expected.nextRefreshAt < expected.usableUntil) {
      // The timer must not keep an abandoned source alive, refreshing a token nobody will ask for.
      WeakReference<TokenCache> cache = new WeakReference<>(this);
      timer =
          scheduler.schedule(
              Instant.ofEpochMilli(expected.nextRefreshAt),
              () -> {
                TokenCache alive = cache.get();
                if (alive != null && alive.current == expected) {
                  alive.startFetch(expected, Demand.AHEAD, Spans.none());
                }
              });
    }
  }

  private AccessToken await(CompletableFuture<AccessToken> fetch, long deadlineNanos) {
    Object outcome;
    try {
      // Waits on a stage that always completes normally, so that get() wraps nothing: a virtual
      // thread
      // waiting here only parks, and a failure reaches the caller as the request's own exception.
      outcome =
          fetch
              .handle(TokenCache::outcome)
              .get(Math.max(0, deadlineNanos - System.nanoTime()), NANOSECONDS);
    } catch (TimeoutException e) {
      throw TokenAcquisitionTimeoutException.after(settings.policy().acquireTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TokenAcquisitionTimeoutException.interrupted(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("unreachable: the outcome stage completes normally", e);
    }
    if (outcome instanceof AccessToken token) {
      return token;
    }
    if (outcome instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (outcome instanceof Error error) {
      throw error;
    }
    throw new IllegalStateException("token request failed", (Throwable) outcome);
  }

  /** A request's token, or its failure as it was thrown. */
  private static Object outcome(@Nullable AccessToken token, @Nullable Throwable failure) {
    return failure != null ? failure : requireNonNull(token);
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

  /**
   * Exponential backoff with jitter, at least the server's Retry-After, within the policy's bounds.
   */
  private long backoff(@Nullable RuntimeException failure) {
    RefreshPolicy policy = settings.policy();
    consecutiveFailures++;
    long min = policy.minRetryDelay().toMillis();
    long max = policy.maxRetryDelay().toMillis();
    int doublings = Math.min(consecutiveFailures - 1, 30);
    long base = Math.min(max, min << doublings);
    long delay =
        Math.max(
            min,
            (long) (base * (1 - policy.jitter() * 0.5 * ThreadLocalRandom.current().nextDouble())));
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
   * and look again, each within its own deadline. Never reaches a caller, never counts as a
   * failure.
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

  /**
   * An asynchronous caller that has no usable token: it follows the token request in flight (or
   * starts one), as {@link #slowGet} does, but from the completions of the request and of its
   * timers, never from a thread of its own. The JDK's delay thread keeps its deadline and its
   * pauses while another node refreshes.
   */
  private final class AsyncWait implements BiConsumer<AccessToken, Throwable> {
    // Started on the thread that called getAsync(), so a tracer nests it under that caller's span.
    private final TokenListener.Span<TokenRequestEvent.Outcome> wait = startWait();
    private final CompletableFuture<AccessToken> result = new CompletableFuture<>();
    private final AtomicBoolean settled = new AtomicBoolean();
    // Completed by the timeout, or by the result to call the timeout off (orTimeout then cancels
    // it).
    private final CompletableFuture<Void> deadline = new CompletableFuture<>();
    private long pollMillis = MIN_POLL_MILLIS;

    CompletableFuture<AccessToken> start() {
      deadline
          .orTimeout(settings.policy().acquireTimeout().toNanos(), NANOSECONDS)
          .whenComplete(
              (ignored, timedOut) -> {
                if (timedOut != null) {
                  settle(
                      null,
                      TokenAcquisitionTimeoutException.after(settings.policy().acquireTimeout()));
                }
              });
      look();
      return result;
    }

    /** Serves what the cache has, or follows its token request. */
    private void look() {
      if (settled.get()) {
        return; // timed out while pausing
      }
      Snapshot s = current;
      AccessToken served;
      try {
        served = serveNow(s);
      } catch (RuntimeException failure) {
        settle(null, failure);
        return;
      }
      if (served != null) {
        settle(served, null);
      } else {
        startFetch(s, Demand.ASYNC, wait).whenComplete(this);
      }
    }

    /** The outcome of the followed request: as {@link #slowGet} treats it. */
    @Override
    public void accept(@Nullable AccessToken token, @Nullable Throwable failure) {
      if (failure == null) {
        settle(token, null);
      } else if (failure instanceof Shed) {
        look(); // the request joined was a refresh ahead that found no thread: look again, and
        // start one
      } else if (failure instanceof RefreshingElsewhere) {
        long pause = pollMillis;
        pollMillis = Math.min(MAX_POLL_MILLIS, pollMillis * 2);
        // The look runs on the delay thread: it only reads the cache and hands any request to the
        // executor.
        CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS, Runnable::run)
            .execute(this::look);
      } else {
        settle(null, failure);
      }
    }

    private void settle(@Nullable AccessToken token, @Nullable Throwable failure) {
      if (!settled.compareAndSet(false, true)) {
        return; // the deadline and the request raced: the first one settled it
      }
      deadline.complete(null);
      // Stopped before the caller hears: what it does next, such as ending its own span, comes
      // after.
      Spans.stop(
          wait,
          failure == null
              ? TokenRequestEvent.Outcome.SUCCESS
              : failure instanceof RuntimeException runtime
                  ? TokenRequestEvent.Outcome.of(runtime)
                  : TokenRequestEvent.Outcome.FAILED);
      if (failure == null) {
        result.complete(token);
      } else {
        result.completeExceptionally(failure);
      }
    }
  }

  /** An immutable view of the cache: replaced whole, never mutated. */
  private static final class Snapshot {
    static final Snapshot EMPTY =
        new Snapshot(null, Long.MIN_VALUE, Long.MIN_VALUE, 0, 0, null, 0, 0);

    final @Nullable AccessToken token;
    // Epoch millis; before it on the system clock's coarse time, the hot path serves the token
    // without
    // reading the clock. Long.MIN_VALUE for a cache on another clock, which uses ownFreshUntil
    // instead.
    final long freshUntil;
    final long ownFreshUntil; // the same, compared with the cache's own coarse clock
    final long usableUntil; // epoch millis; the token is never served from this instant on
    final long nextRefreshAt; // epoch millis; from here on a caller starts a background refresh
    final @Nullable RuntimeException failure; // why there is no token, while failing fast
    final long failFastUntil;
    final long obtainedAt; // epoch millis; when the cached token's request was sent
    // The token as a completed stage, made on the first asynchronous call and then shared by every
    // one.
    private volatile @Nullable CompletionStage<AccessToken> stage;

    private Snapshot(
        @Nullable AccessToken token,
        long freshUntil,
        long ownFreshUntil,
        long usableUntil,
        long nextRefreshAt,
        @Nullable RuntimeException failure,
        long failFastUntil,
        long obtainedAt) {
      this.token = token;
      this.freshUntil = freshUntil;
      this.ownFreshUntil = ownFreshUntil;
      this.usableUntil = usableUntil;
      this.nextRefreshAt = nextRefreshAt;
      this.failure = failure;
      this.failFastUntil = failFastUntil;
      this.obtainedAt = obtainedAt;
    }

    /** The token as an already completed stage; for a snapshot with a token. */
    CompletionStage<AccessToken> stage() {
      CompletionStage<AccessToken> made = stage;
      if (made == null) {
        // Callers can't complete or obtrude a minimal stage, so one can serve them all. A race
        // makes
        // two equal ones; either serves.
        made = CompletableFuture.completedStage(token);
        stage = made;
      }
      return made;
    }

    static Snapshot fresh(
        AccessToken token,
        long freshUntil,
        long ownFreshUntil,
        long usableUntil,
        long refreshAt,
        long obtainedAt) {
      return new Snapshot(
          token, freshUntil, ownFreshUntil, usableUntil, refreshAt, null, 0, obtainedAt);
    }

    /**
     * A token served after reading the clock, due for a refresh attempt from {@code nextRefreshAt}.
     */
    static Snapshot due(AccessToken token, long usableUntil, long nextRefreshAt, long obtainedAt) {
      return new Snapshot(
          token, Long.MIN_VALUE, Long.MIN_VALUE, usableUntil, nextRefreshAt, null, 0, obtainedAt);
    }

    static Snapshot failed(RuntimeException failure, long failFastUntil) {
      return new Snapshot(null, Long.MIN_VALUE, Long.MIN_VALUE, 0, 0, failure, failFastUntil, 0);
    }
  }
}
