package se.krebit.auth;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.internal.CoarseClock;
import se.krebit.auth.internal.DefaultScheduler;
import se.krebit.auth.spi.ClientCredentialsGrant;
import se.krebit.auth.spi.Scheduler;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenResponse;

/**
 * App-only access tokens from the client-credentials grant, cached in memory and refreshed ahead of
 * expiry in the background.
 *
 * <p>On the system clock, a cached {@code token()} is two volatile reads: no lock, no allocation,
 * no clock read. It compares with a coarse time that one shared thread keeps current, and never
 * serves a token past its usable life (its expiry less the skew), whatever the refresh timer does:
 * it falls back to reading the clock when that thread falls behind, and near the end of a token's
 * life. When no valid token exists, concurrent callers share one token request. If a refresh fails
 * while the old token is valid, the old token keeps being served and the refresh is retried with
 * backoff; after it really expires, callers get a typed error within {@link
 * RefreshPolicy#acquireTimeout()}. Thread-safe.
 *
 * <pre>{@code
 * TokenSource tokens = ClientCredentialsTokenSource.builder()
 *     .endpoint(endpoint)                                   // e.g. FeignTokenEndpoint
 *     .client(ClientCredentials.of(clientId, clientSecret))
 *     .build();
 * String header = tokens.token().authorizationHeader();
 * }</pre>
 */
public final class ClientCredentialsTokenSource implements TokenSource {
  private static final Logger LOG = LoggerFactory.getLogger(TokenSource.class);

  private final TokenEndpoint endpoint;
  private final ClientCredentials client;
  private final ClientCredentialsGrant grant;
  private final Clock clock;
  private final TokenCache cache;

  private ClientCredentialsTokenSource(Builder builder) {
    this.endpoint =
        ObservedEndpoint.wrap(requireNonNull(builder.endpoint, "endpoint"), builder.listener);
    this.client = requireNonNull(builder.client, "client");
    this.grant = new ClientCredentialsGrant(builder.scope);
    this.clock = builder.clock;
    Scheduler scheduler =
        builder.scheduler != null ? builder.scheduler : DefaultScheduler.forClock(clock);
    this.cache =
        new TokenCache(
            "client '" + client.clientId() + "'",
            this::requestToken,
            new TokenCache.Wiring(
                clock,
                CoarseClock.forClock(clock),
                scheduler,
                builder.executor,
                builder.policy,
                grant.grantType(),
                builder.listener));
  }

  /** A builder; {@link Builder#endpoint} and {@link Builder#client} are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public AccessToken token() {
    return cache.get();
  }

  /** Never blocks: see {@link TokenSource#tokenAsync()}. */
  @Override
  public CompletionStage<AccessToken> tokenAsync() {
    return cache.getAsync();
  }

  /**
   * When the request for the cached token was sent, if a token is cached: its age, for a health
   * check. Never makes a token request and never blocks; the token itself stays inside.
   */
  public Optional<Instant> cachedTokenObtainedAt() {
    return cache.cachedTokenObtainedAt();
  }

  @Override
  public void invalidate(AccessToken rejected) {
    cache.invalidate(requireNonNull(rejected, "rejected"));
  }

  private TokenCache.Fetched requestToken() {
    Instant requestedAt = clock.instant();
    long started = System.nanoTime();
    TokenResponse response = endpoint.exchange(client, grant);
    AccessToken token = response.toTokenSet(requestedAt).accessToken();
    LOG.debug(
        "Obtained app token {} for client '{}': expires in {} s, request_id {}, {} ms",
        token.fingerprint(),
        client.clientId(),
        response.expiresIn().toSeconds(),
        response.requestId().orElse("none"),
        (System.nanoTime() - started) / 1_000_000);
    return new TokenCache.Fetched(token, requestedAt, false);
  }

  @Override
  public String toString() {
    return "ClientCredentialsTokenSource[client=" + client.clientId() + "]";
  }

  /**
   * Configures a {@link ClientCredentialsTokenSource}. Not thread-safe; build once, share the
   * source.
   */
  public static final class Builder {
    private @Nullable TokenEndpoint endpoint;
    private @Nullable ClientCredentials client;
    private Set<String> scope = Set.of();
    private Clock clock = Clock.systemUTC();
    private @Nullable Scheduler scheduler;
    private Executor executor = TokenRequestPool.shared();
    private RefreshPolicy policy = RefreshPolicy.ofDefaults();
    private TokenListener listener = TokenListener.NONE;

    private Builder() {}

    /** Where tokens come from. Required. */
    public Builder endpoint(TokenEndpoint endpoint) {
      this.endpoint = requireNonNull(endpoint, "endpoint");
      return this;
    }

    /** The application's client id and secret. Required. */
    public Builder client(ClientCredentials client) {
      this.client = requireNonNull(client, "client");
      return this;
    }

    /** The scope to ask for; default empty, meaning the client's default scope. */
    public Builder scope(Set<String> scope) {
      this.scope = Set.copyOf(requireNonNull(scope, "scope"));
      return this;
    }

    /**
     * The clock that token lifetimes are measured on; default the system UTC clock. A clock that is
     * also a {@link Scheduler}, like the test clock {@code SettableClock}, also drives the refresh
     * timer unless {@link #scheduler} says otherwise, and decides by itself when the cached token
     * stops being served without reading it (it must run its tasks as its time reaches them). On
     * any other clock but the system one, every call reads the clock.
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Runs the refresh-ahead timer, which starts a refresh before any caller needs one; default a
     * shared daemon thread reading {@link #clock}. A late or dead timer delays refreshes, never
     * lets a token be served past its usable life: callers then refresh it themselves.
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Runs token requests; default {@link TokenRequestPool#shared()}: at most {@value
     * TokenRequestPool#DEFAULT_MAX_THREADS} at once in the JVM. Give a {@link
     * TokenRequestPool#create(int) pool of its own} for another bound. Any executor works: a
     * refresh ahead it rejects is skipped (the valid token stays served), and a request a caller
     * waits for that it rejects runs on the caller's thread.
     */
    public Builder executor(Executor executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    /**
     * When to refresh, how to back off, how long callers wait; default {@link
     * RefreshPolicy#ofDefaults()}.
     */
    public Builder refreshPolicy(RefreshPolicy policy) {
      this.policy = requireNonNull(policy, "policy");
      return this;
    }

    /** Hears token requests and waits, for metrics; default {@link TokenListener#NONE}. */
    public Builder listener(TokenListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * @throws NullPointerException naming {@code endpoint} or {@code client} if either is missing
     */
    public ClientCredentialsTokenSource build() {
      return new ClientCredentialsTokenSource(this);
    }
  }
}
