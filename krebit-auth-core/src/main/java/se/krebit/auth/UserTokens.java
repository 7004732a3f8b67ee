package se.krebit.auth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.oauth2.sdk.GrantType;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.internal.CoarseClock;
import se.krebit.auth.internal.DefaultScheduler;
import se.krebit.auth.internal.Durations;
import se.krebit.auth.spi.Scheduler;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenStore;

/**
 * Signed-in users' access tokens, apart from sign-in: a {@link TokenSource} per subject, built from
 * the client, its token endpoint and the {@link TokenStore} where sign-ins left the users' tokens;
 * no redirect URI. Each source refreshes with rotation, one redemption per refresh token across
 * every node sharing the store. {@link AuthorizationCodeFlow} serves its users through one of
 * these; build your own where users are served but never signed in (a worker, a command line).
 *
 * <pre>{@code
 * UserTokens users = UserTokens.builder()
 *     .tenant(Tenant.organization("acme"))
 *     .client(ClientCredentials.of(clientId, clientSecret))
 *     .endpoint(endpoint)
 *     .tokenStore(jdbcStore)
 *     .build();
 * String header = users.forSubject(userId).token().authorizationHeader();
 * }</pre>
 *
 * <p>Memory follows the active users: a source unused for the {@linkplain Builder#idleTimeout idle
 * timeout} is released by one sweep task for all users and rebuilt from the store on the next
 * {@link #forSubject}. Releasing loses nothing a new source would not find in the store: a source
 * with a token request in flight, a failure backing off or a rotated refresh token not yet written
 * is kept. Should an application keep a released source and go on calling it, it still serves
 * correctly: it and its successor coordinate through the store's lease like two nodes. Thread-safe.
 */
public final class UserTokens {
  /** How long a subject's source is kept unused by default before it is released. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

  /**
   * How long a node may hold a refresh lease by default: longer than a token request with retries.
   */
  public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(60);

  /**
   * The fewest and most milliseconds between sweeps: a quarter of the idle timeout, within these.
   */
  private static final long MIN_SWEEP_MILLIS = 10;

  private static final long MAX_SWEEP_MILLIS = 30_000;
  private static final Logger LOG = LoggerFactory.getLogger(UserTokens.class);

  private final Tenant tenant;
  private final ClientCredentials client;
  private final SubjectTokenSource.Shared settings;
  private final Clock clock;
  private final CoarseClock coarse;
  private final long idleMillis;
  private final long sweepMillis;
  private final ConcurrentMap<String, SubjectTokenSource> sources = new ConcurrentHashMap<>();
  private final AtomicBoolean sweepArmed = new AtomicBoolean();

  private UserTokens(Builder b) {
    this.tenant = requireNonNull(b.tenant, "tenant");
    this.client = requireNonNull(b.client, "client");
    TokenEndpoint endpoint =
        ObservedEndpoint.wrap(requireNonNull(b.endpoint, "endpoint"), b.listener);
    TokenStore store = requireNonNull(b.store, "tokenStore");
    this.clock = b.clock;
    this.coarse = CoarseClock.forClock(clock);
    Scheduler scheduler = b.scheduler != null ? b.scheduler : DefaultScheduler.forClock(clock);
    TokenCache.Wiring caches =
        new TokenCache.Wiring(
            clock,
            coarse,
            null,
            b.executor,
            b.policy,
            GrantType.REFRESH_TOKEN.getValue(),
            b.listener);
    this.settings =
        new SubjectTokenSource.Shared(client, endpoint, store, caches, scheduler, b.leaseDuration);
    this.idleMillis = b.idleTimeout.toMillis();
    this.sweepMillis = Math.max(MIN_SWEEP_MILLIS, Math.min(MAX_SWEEP_MILLIS, idleMillis / 4));
  }

  /** A builder; tenant, client, endpoint and token store are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The token source of a signed-in subject: cached, refreshed ahead of expiry with rotation. The
   * same instance is returned for the same subject while it is in use; call this on each request
   * rather than keeping the source, so that an idle user's source can be released.
   *
   * <p>Its {@code token()} throws {@link ReauthorizationRequiredException} when the user has to
   * sign in (again).
   *
   * @throws IllegalArgumentException if {@code subject} is blank, longer than 255 or has control
   *     characters
   */
  public TokenSource forSubject(String subject) {
    return source(
        requireNonNull(subject, "subject")); // a new subject is validated before it is kept
  }

  /**
   * Signs {@code subject} out: deletes its stored tokens and forgets its cached token on this node.
   *
   * @return whether tokens were stored for it
   */
  public boolean signOut(String subject) {
    TokenKey key = TokenKey.of(tenant, client, requireNonNull(subject, "subject"));
    boolean existed = settings.store().delete(key);
    SubjectTokenSource source = sources.remove(subject);
    if (source != null) {
      source.reset();
    }
    return existed;
  }

  /**
   * How many subjects' token sources are held now: those used within the idle timeout, and any
   * still busy. Watch it to size that timeout.
   */
  public int activeSubjects() {
    return sources.size();
  }

  /** After {@code subject} signed in anew: its held source, if any, forgets what it cached. */
  void signedIn(String subject) {
    SubjectTokenSource source = sources.get(subject);
    if (source != null) {
      source.reset();
    }
  }

  /**
   * The source of {@code subject}: the one in use, or a new one that reads the store on its first
   * call.
   */
  SubjectTokenSource source(String subject) {
    while (true) {
      SubjectTokenSource source = sources.get(subject);
      if (source == null) {
        TokenKey key = TokenKey.of(tenant, client, subject);
        source = sources.computeIfAbsent(subject, s -> new SubjectTokenSource(key, settings));
        armSweep();
      }
      source.touch(now());
      // Noted as used, then still held: a sweep that removes it from now on sees the use and puts
      // it
      // back (see releaseIdle), so two sources of one user on this node stay a rare race, never a
      // rule.
      if (sources.get(subject) == source) {
        return source;
      }
    }
  }

  /**
   * Releases every source unused for the idle timeout that has nothing to lose; returns how many.
   */
  int releaseIdle() {
    long now = now();
    int released = 0;
    for (var entry : sources.entrySet()) {
      SubjectTokenSource source = entry.getValue();
      long usedAt = source.usedAt();
      if (source.isReleasableAt(now, idleMillis) && sources.remove(entry.getKey(), source)) {
        if (source.usedAt() != usedAt) {
          sources.putIfAbsent(entry.getKey(), source); // a caller took it just now: keep it
        } else {
          released++;
        }
      }
    }
    return released;
  }

  /** The time lookups are noted at: the coarse clock's, or the clock's while that is unknown. */
  private long now() {
    long coarseNow = coarse.millis();
    return coarseNow != CoarseClock.UNKNOWN ? coarseNow : clock.millis();
  }

  private void armSweep() {
    if (sweepArmed.compareAndSet(false, true)) {
      schedule(new WeakReference<>(this), settings.scheduler(), clock, sweepMillis);
    }
  }

  /**
   * One task for all users; it holds this registry weakly, so an abandoned flow is collected with
   * its users.
   */
  private static void schedule(
      WeakReference<UserTokens> ref, Scheduler scheduler, Clock clock, long delayMillis) {
    scheduler.schedule(
        Instant.ofEpochMilli(clock.millis() + delayMillis),
        () -> {
          UserTokens registry = ref.get();
          if (registry == null) {
            return;
          }
          try {
            int released = registry.releaseIdle();
            if (released > 0) {
              LOG.debug(
                  "Released the token sources of {} idle subjects; {} remain",
                  released,
                  registry.activeSubjects());
            }
          } finally {
            registry.sweepArmed.set(false);
            if (!registry.sources.isEmpty()) {
              registry.armSweep();
            }
          }
        });
  }

  @Override
  public String toString() {
    return "UserTokens[tenant="
        + tenant.id()
        + ", client="
        + client.clientId()
        + ", active="
        + sources.size()
        + "]";
  }

  /** Configures {@link UserTokens}. Not thread-safe; build once, share the result. */
  public static final class Builder {
    private @Nullable Tenant tenant;
    private @Nullable ClientCredentials client;
    private @Nullable TokenEndpoint endpoint;
    private @Nullable TokenStore store;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration leaseDuration = DEFAULT_LEASE_DURATION;
    private Clock clock = Clock.systemUTC();
    private @Nullable Scheduler scheduler;
    private Executor executor = TokenRequestPool.shared();
    private RefreshPolicy policy = RefreshPolicy.ofDefaults();
    private TokenListener listener = TokenListener.NONE;

    private Builder() {}

    /** The tenant the users signed in at. Required. */
    public Builder tenant(Tenant tenant) {
      this.tenant = requireNonNull(tenant, "tenant");
      return this;
    }

    /** The application's client id and secret, the ones the users signed in with. Required. */
    public Builder client(ClientCredentials client) {
      this.client = requireNonNull(client, "client");
      return this;
    }

    /** Where refresh tokens are redeemed. Required. */
    public Builder endpoint(TokenEndpoint endpoint) {
      this.endpoint = requireNonNull(endpoint, "endpoint");
      return this;
    }

    /** Where the users' tokens are, as sign-in stored them. Required; share one between nodes. */
    public Builder tokenStore(TokenStore store) {
      this.store = requireNonNull(store, "store");
      return this;
    }

    /**
     * How long a subject's token source stays in memory unused; default {@link
     * #DEFAULT_IDLE_TIMEOUT}. A released source is rebuilt from the token store on the next {@link
     * UserTokens#forSubject} (one store read), so memory follows the users active within this time.
     * Shorter saves heap, longer saves store reads; one task sweeps for all users.
     */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = positive(idleTimeout, "idleTimeout");
      return this;
    }

    /**
     * How long a node may hold a subject's refresh lease before others may take it over; default
     * {@link #DEFAULT_LEASE_DURATION}. Keep it above the longest token request, retries included.
     */
    public Builder refreshLeaseDuration(Duration leaseDuration) {
      this.leaseDuration = positive(leaseDuration, "refreshLeaseDuration");
      return this;
    }

    /**
     * The clock for token lifetimes and leases; default system UTC. See {@link
     * ClientCredentialsTokenSource.Builder#clock}.
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Runs the sweep for idle users and the retries of writing rotated tokens that the store
     * missed; default a shared daemon thread reading {@link #clock}. Users' tokens need no timer: a
     * call finds them due.
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Runs token requests; default {@link TokenRequestPool#shared()}. See {@link
     * AuthorizationCodeFlow.Builder#executor}.
     */
    public Builder executor(Executor executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    /** Refresh timing for the subjects' sources; default {@link RefreshPolicy#ofDefaults()}. */
    public Builder refreshPolicy(RefreshPolicy policy) {
      this.policy = requireNonNull(policy, "policy");
      return this;
    }

    /** Hears refreshes and waits, for metrics; default {@link TokenListener#NONE}. */
    public Builder listener(TokenListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * @throws NullPointerException if the tenant, client, endpoint or token store is missing
     */
    public UserTokens build() {
      return new UserTokens(this);
    }

    private static Duration positive(Duration value, String name) {
      return Durations.positive(name, value, IllegalArgumentException::new);
    }
  }
}
