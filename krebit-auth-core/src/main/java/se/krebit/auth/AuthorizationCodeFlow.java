package se.krebit.auth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.internal.Durations;
import se.krebit.auth.memory.InMemoryStateRepository;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.AuthorizationCodeGrant;
import se.krebit.auth.spi.PendingAuthorization;
import se.krebit.auth.spi.Scheduler;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.spi.StoredTokens;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenRecord;
import se.krebit.auth.spi.TokenResponse;
import se.krebit.auth.spi.TokenStore;

/**
 * Signs users in with the authorization-code grant (with PKCE and a one-time {@code state}) and
 * serves each signed-in user's access tokens, refreshing them with refresh-token rotation.
 *
 * <p>{@link #begin} gives the URL to send the browser to; {@link #complete} takes the callback,
 * checks it, exchanges the code and stores the user's tokens; {@link #forSubject} gives that user's
 * {@link TokenSource}. Pending requests live in the {@link StateRepository} and tokens in the
 * {@link TokenStore}; share both between nodes (JDBC, Vault) and any node can complete any sign-in
 * and refresh any user, each refresh token being redeemed once. Thread-safe.
 *
 * <pre>{@code
 * AuthorizationCodeFlow flow = AuthorizationCodeFlow.builder()
 *     .tenant(Tenant.organization("acme"))
 *     .client(ClientCredentials.of(clientId, clientSecret))
 *     .endpoint(endpoint)
 *     .redirectUri(URI.create("https://app.example/oauth/callback"))
 *     .build();
 * // GET /login
 * response.sendRedirect(flow.begin(userId).uri().toString()); // the one registered redirect URI
 * // GET /oauth/callback?code=…&state=…
 * CompletedAuthorization done = flow.complete(requestUri);
 * // later, on any request of that user
 * String header = flow.forSubject(done.subject()).token().authorizationHeader();
 * }</pre>
 */
public final class AuthorizationCodeFlow {
  /** How long a begun sign-in may take by default. */
  public static final Duration DEFAULT_STATE_TTL = Duration.ofMinutes(10);

  /**
   * How long a node may hold a refresh lease by default: longer than a token request with retries.
   */
  public static final Duration DEFAULT_LEASE_DURATION = UserTokens.DEFAULT_LEASE_DURATION;

  private static final int STATE_BYTES = 32;
  private static final int STORE_ATTEMPTS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationCodeFlow.class);

  private final Tenant tenant;
  private final ClientCredentials client;
  private final TokenEndpoint endpoint;
  private final TokenStore store;
  private final StateRepository states;
  private final Set<URI> redirectUris;
  private final boolean pkce;
  private final Duration stateTtl;
  private final ReturnToPolicy returnToPolicy;
  private final Clock clock;
  private final CallbackReader callbacks = new CallbackReader();
  private final UserTokens users;

  private AuthorizationCodeFlow(Builder b) {
    this.tenant = requireNonNull(b.tenant, "tenant");
    this.client = requireNonNull(b.client, "client");
    this.endpoint = ObservedEndpoint.wrap(requireNonNull(b.endpoint, "endpoint"), b.listener);
    if (b.redirectUris.isEmpty()) {
      throw new KrebitConfigurationException(
          "at least one redirect URI must be registered with the flow");
    }
    // Registration order kept: the error naming the registered URIs lists them as the caller gave
    // them.
    this.redirectUris =
        java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(b.redirectUris));
    this.clock = b.clock;
    this.store = b.store != null ? b.store : new InMemoryTokenStore();
    this.states = b.states != null ? b.states : new InMemoryStateRepository(clock);
    this.pkce = b.pkce;
    this.stateTtl = b.stateTtl;
    this.returnToPolicy = new ReturnToPolicy(b.returnToOrigins);
    // The users' settings went straight to b.users; the endpoint is observed by the users' tokens
    // themselves.
    this.users =
        b.users
            .tenant(tenant)
            .client(client)
            .endpoint(b.endpoint)
            .tokenStore(store)
            .clock(clock)
            .listener(b.listener)
            .build();
  }

  /** A builder; tenant, client, endpoint and at least one redirect URI are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Begins a sign-in for {@code subject}, with the default scope, to come back to the flow's one
   * registered redirect URI.
   *
   * @throws KrebitConfigurationException if several redirect URIs are registered: then name one
   *     with {@link #begin(URI, String)}; the message lists the registered ones
   */
  public AuthorizationRedirect begin(String subject) {
    return begin(subject, Set.of(), Optional.empty());
  }

  /**
   * Begins a sign-in as {@link #begin(URI, String, Set, Optional)} does, to come back to the flow's
   * one registered redirect URI.
   *
   * @throws KrebitConfigurationException if several redirect URIs are registered: then name one
   *     with {@link #begin(URI, String, Set, Optional)}; the message lists the registered ones
   */
  public AuthorizationRedirect begin(String subject, Set<String> scope, Optional<String> returnTo) {
    return begin(onlyRedirectUri(), subject, scope, returnTo);
  }

  private URI onlyRedirectUri() {
    if (redirectUris.size() != 1) {
      throw new KrebitConfigurationException(
          "this flow has "
              + redirectUris.size()
              + " registered redirect URIs "
              + redirectUris
              + "; name the one to come back to with begin(redirectUri, subject, ...)");
    }
    return redirectUris.iterator().next();
  }

  /**
   * Begins a sign-in for {@code subject}, to come back to {@code redirectUri}, with the default
   * scope.
   */
  public AuthorizationRedirect begin(URI redirectUri, String subject) {
    return begin(redirectUri, subject, Set.of(), Optional.empty());
  }

  /**
   * Begins a sign-in: saves a pending request under a fresh 256-bit {@code state} (with a PKCE
   * verifier unless PKCE is off) and returns the authorize URL to send the browser to.
   *
   * @param redirectUri one of the flow's registered redirect URIs, exactly
   * @param subject your application's stable identifier for the user
   * @param scope the scope to ask for; empty for the client's default
   * @param returnTo where to send the user after sign-in: a relative path or a URI on an
   *     allow-listed origin
   * @throws KrebitConfigurationException if {@code redirectUri} is not registered
   * @throws InvalidReturnToException if {@code returnTo} could lead off-site
   */
  public AuthorizationRedirect begin(
      URI redirectUri, String subject, Set<String> scope, Optional<String> returnTo) {
    requireNonNull(redirectUri, "redirectUri");
    requireNonNull(scope, "scope");
    requireNonNull(returnTo, "returnTo");
    TokenKey.of(tenant, client, requireNonNull(subject, "subject")); // validates the subject
    if (!redirectUris.contains(redirectUri)) {
      throw new KrebitConfigurationException(
          "redirect URI "
              + redirectUri
              + " is not registered with this flow (registered: "
              + redirectUris
              + "); register it with the flow and with your Krebit application, exactly as sent");
    }
    Optional<String> safeReturnTo = returnTo.map(returnToPolicy::check);
    State state = new State(STATE_BYTES);
    Optional<CodeVerifier> verifier = pkce ? Optional.of(new CodeVerifier()) : Optional.empty();
    Instant now = clock.instant();
    PendingAuthorization pending =
        new PendingAuthorization(
            state.getValue(),
            redirectUri,
            subject,
            verifier.map(CodeVerifier::getValue),
            safeReturnTo,
            scope,
            now,
            now.plus(stateTtl));
    states.save(pending);
    AuthorizationRequest.Builder request =
        new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(client.clientId()))
            .endpointURI(tenant.authorizationEndpoint())
            .redirectionURI(redirectUri)
            .state(state);
    if (!scope.isEmpty()) {
      request.scope(new Scope(scope.toArray(String[]::new)));
    }
    verifier.ifPresent(v -> request.codeChallenge(v, CodeChallengeMethod.S256));
    return new AuthorizationRedirect(request.build().toURI(), pending.expiresAt());
  }

  /**
   * Completes a sign-in from the callback URI the browser was redirected to: consumes its {@code
   * state} once, exchanges the code (with the PKCE verifier) and stores the user's tokens.
   *
   * @param callbackUri the full request URI of the callback, query included
   * @throws AuthorizationCallbackException saying why the callback can't complete a sign-in
   * @throws OAuthErrorException if Krebit refused the code
   */
  public CompletedAuthorization complete(URI callbackUri) {
    requireNonNull(callbackUri, "callbackUri");
    CallbackReader.Callback callback = callbacks.read(callbackUri);
    PendingAuthorization pending = callbacks.consume(states, callback, callbackUri);
    String code = callbacks.codeOf(callback);
    Instant requestedAt = clock.instant();
    TokenResponse response =
        endpoint.exchange(
            client,
            new AuthorizationCodeGrant(code, pending.redirectUri(), pending.codeVerifier()));
    TokenSet tokens = response.toTokenSet(requestedAt);
    TokenKey key = TokenKey.of(tenant, client, pending.subject());
    storeNewSignIn(key, tokens);
    users.signedIn(pending.subject());
    LOG.info(
        "Subject '{}' signed in: token {}, refresh token {}, request_id {}",
        pending.subject(),
        tokens.accessToken().fingerprint(),
        tokens.refreshToken().map(RefreshToken::fingerprint).orElse("none"),
        response.requestId().orElse("none"));
    return new CompletedAuthorization(pending.subject(), pending.returnTo(), tokens.scope());
  }

  /**
   * The token source of a signed-in subject: cached, refreshed ahead of expiry with rotation, one
   * redemption per refresh token across all nodes sharing the store; see {@link
   * UserTokens#forSubject}. One unused for the {@linkplain Builder#subjectIdleTimeout idle timeout}
   * is released and the next call builds it anew from the store. Call this on each request rather
   * than keeping the source.
   *
   * <p>Its {@code token()} throws {@link ReauthorizationRequiredException} when the user has to
   * sign in again.
   */
  public TokenSource forSubject(String subject) {
    return users.forSubject(subject);
  }

  /**
   * The signed-in users' tokens this flow serves {@link #forSubject} from: the same, for code that
   * serves users and never signs them in.
   */
  public UserTokens userTokens() {
    return users;
  }

  /**
   * How many subjects' token sources this flow holds now; see {@link UserTokens#activeSubjects()}.
   */
  public int activeSubjects() {
    return users.activeSubjects();
  }

  /**
   * Signs {@code subject} out: deletes its stored tokens and forgets its cached token on this node.
   *
   * @return whether tokens were stored for it
   */
  public boolean signOut(String subject) {
    return users.signOut(subject);
  }

  /** A new sign-in replaces whatever is stored, lease and re-authorization mark included. */
  private void storeNewSignIn(TokenKey key, TokenSet tokens) {
    for (int attempt = 0; attempt < STORE_ATTEMPTS; attempt++) {
      long version = store.load(key).map(StoredTokens::version).orElse(0L);
      if (store.compareAndSet(key, version, TokenRecord.of(tokens)).isPresent()) {
        return;
      }
    }
    throw new TokenStoreException(
        "Could not store the tokens of subject '" + key.subject() + "': the record kept changing",
        true,
        null);
  }

  @Override
  public String toString() {
    return "AuthorizationCodeFlow[tenant="
        + tenant.id()
        + ", client="
        + client.clientId()
        + ", pkce="
        + pkce
        + "]";
  }

  /** Configures an {@link AuthorizationCodeFlow}. Not thread-safe; build once, share the flow. */
  public static final class Builder {
    private @Nullable Tenant tenant;
    private @Nullable ClientCredentials client;
    private @Nullable TokenEndpoint endpoint;
    private final Set<URI> redirectUris = new java.util.LinkedHashSet<>();
    private @Nullable TokenStore store;
    private @Nullable StateRepository states;
    private boolean pkce = true;
    private Duration stateTtl = DEFAULT_STATE_TTL;
    private final Set<URI> returnToOrigins = new java.util.LinkedHashSet<>();
    private Clock clock = Clock.systemUTC();
    private TokenListener listener = TokenListener.NONE;
    // What only the signed-in users' tokens use (lease, idle timeout, scheduler, executor, policy)
    // goes here at once.
    private final UserTokens.Builder users = UserTokens.builder();

    private Builder() {}

    /** The tenant users sign in at. Required. */
    public Builder tenant(Tenant tenant) {
      this.tenant = requireNonNull(tenant, "tenant");
      return this;
    }

    /** The application's client id and secret. Required. */
    public Builder client(ClientCredentials client) {
      this.client = requireNonNull(client, "client");
      return this;
    }

    /** Where codes and refresh tokens are exchanged. Required. */
    public Builder endpoint(TokenEndpoint endpoint) {
      this.endpoint = requireNonNull(endpoint, "endpoint");
      return this;
    }

    /**
     * Registers a redirect URI, exactly as registered with the Krebit application. At least one is
     * required; {@code begin} accepts only these.
     */
    public Builder redirectUri(URI redirectUri) {
      requireNonNull(redirectUri, "redirectUri");
      if (!redirectUri.isAbsolute() || redirectUri.getRawFragment() != null) {
        throw new KrebitConfigurationException(
            "redirect URI must be absolute and have no fragment");
      }
      SecureUri.requireHttpsOrLoopback("redirect URI", redirectUri);
      this.redirectUris.add(redirectUri);
      return this;
    }

    /** Where tokens are kept; default in memory. Share one store between nodes. */
    public Builder tokenStore(TokenStore store) {
      this.store = requireNonNull(store, "store");
      return this;
    }

    /** Where pending sign-ins are kept; default in memory. Share one between nodes. */
    public Builder stateRepository(StateRepository states) {
      this.states = requireNonNull(states, "states");
      return this;
    }

    /** Whether to use PKCE (S256); default on. Turn off only for a server that rejects it. */
    public Builder pkce(boolean pkce) {
      this.pkce = pkce;
      return this;
    }

    /** How long a begun sign-in may take; default {@link #DEFAULT_STATE_TTL}. */
    public Builder stateTtl(Duration stateTtl) {
      this.stateTtl = Durations.positive("stateTtl", stateTtl, IllegalArgumentException::new);
      return this;
    }

    /**
     * How long a node may hold a subject's refresh lease before others may take it over; default
     * {@link #DEFAULT_LEASE_DURATION}. Keep it above the longest token request, retries included.
     */
    public Builder refreshLeaseDuration(Duration leaseDuration) {
      users.refreshLeaseDuration(leaseDuration);
      return this;
    }

    /**
     * How long a subject's token source stays in memory unused; see {@link
     * UserTokens.Builder#idleTimeout}.
     */
    public Builder subjectIdleTimeout(Duration idleTimeout) {
      users.idleTimeout(idleTimeout);
      return this;
    }

    /**
     * Allows absolute {@code returnTo} URIs on this origin (scheme, host, port); paths are always
     * allowed.
     */
    public Builder allowReturnToOrigin(URI origin) {
      requireNonNull(origin, "origin");
      if (origin.getHost() == null) {
        throw new IllegalArgumentException("returnTo origin must name a host: " + origin);
      }
      this.returnToOrigins.add(origin);
      return this;
    }

    /**
     * The clock for token lifetimes, state expiry and leases; default system UTC. See {@link
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
      users.scheduler(scheduler);
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
      users.executor(executor);
      return this;
    }

    /** Refresh timing for the subjects' sources; default {@link RefreshPolicy#ofDefaults()}. */
    public Builder refreshPolicy(RefreshPolicy policy) {
      users.refreshPolicy(policy);
      return this;
    }

    /**
     * Hears code exchanges, refreshes and waits, for metrics; default {@link TokenListener#NONE}.
     */
    public Builder listener(TokenListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * @throws KrebitConfigurationException if no redirect URI is registered
     */
    public AuthorizationCodeFlow build() {
      return new AuthorizationCodeFlow(this);
    }
  }
}
