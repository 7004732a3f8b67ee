package se.krebit.testkit;

import static java.util.Objects.requireNonNull;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.AccessToken;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.Tenant;
import se.krebit.auth.testing.SettableClock;
import se.krebit.testkit.internal.FakeWireMock;
import se.krebit.testkit.internal.LocalWireMock;

/**
 * A stateful fake of Krebit Sign's authorization server and API, on WireMock, over plain HTTP on
 * {@code 127.0.0.1} (or {@linkplain Builder#https HTTPS only}, with a certificate the test made).
 * It speaks the wire protocol of the Krebit authentication guide:
 *
 * <ul>
 *   <li>{@code GET /oauth/authorize} for the authorization-code flow: checks the client, its
 *       registered redirect URI (exact match), {@code response_type=code}, and PKCE (S256 only),
 *       then answers as the test {@linkplain #consent() scripted} (a redirect with a code, or with
 *       {@code error=access_denied}), or with a consent page for a person in a browser; the {@code
 *       state} goes back byte for byte. A bad client or redirect URI gets an error page, never a
 *       redirect;
 *   <li>{@code POST /oauth/token} (or at the paths set with {@link Builder#tokenPaths}: Krebit's
 *       guides name {@code /api/oauth/token} too) with {@code grant_type} {@code
 *       client_credentials}, {@code authorization_code} or {@code refresh_token}, as JSON (like the
 *       guide) or form-encoded (like RFC 6749), the client authenticated in the body or by HTTP
 *       Basic; it answers {@code {"token_type":"Bearer","expires_in":N,"access_token":"…"}} with
 *       opaque random tokens (plus {@code refresh_token} and {@code scope} for user grants), or an
 *       RFC 6749 §5.2 error ({@code invalid_request}, {@code invalid_client}, {@code
 *       invalid_grant}, {@code invalid_scope}, {@code unsupported_grant_type}). Codes are
 *       single-use, live {@link #CODE_LIFETIME} and are bound to client, redirect URI and PKCE
 *       challenge; refresh tokens rotate (see {@link Builder#refreshTokenRotation}), and reusing a
 *       retired one revokes its whole token family;
 *   <li>{@code GET /api/1.0/me} with the token's identity (the app, or the user who consented) in
 *       the users guide's shape, {@code {"data": {"id", "name", "email", "organization": {"id",
 *       "name"}}}}: a user as {@linkplain Builder#userProfile described}, an app-only token as a
 *       service account ({@code app_<client id>}, without email); {@code roles} after them when the
 *       identity has any (the guide names no member for them: the fake's assumption); 401 with an
 *       RFC 6750 challenge for a missing, malformed, unknown, revoked or expired token (expiry on
 *       {@link #clock()}), and 403 when a role {@linkplain #requireRole required} for the path is
 *       missing;
 *   <li>the signing endpoints of Krebit's quickstart and reference: create a draft, upload a PDF,
 *       list in pages with {@code meta}, get one (and delete a draft, by REST convention), with the
 *       documented validation as 400s; {@link #signings()} shows them and moves them on;
 *   <li>anything a test {@linkplain #stub stubs} under {@code /api/1.0}, behind the same bearer and
 *       role checks; 404 for what nobody stubbed;
 *   <li>a fresh {@code request_id} header on every response, errors and 404s included;
 *   <li>webhook deliveries, signed and retried, to the endpoints a test registers with {@link
 *       #webhooks()}: {@code signing.sent}, {@code signing.cancelled} and {@code
 *       signing.document.completed} as {@link #signings()} move on, and whatever a test emits.
 * </ul>
 *
 * <pre>{@code
 * try (FakeKrebitServer krebit = FakeKrebitServer.builder()
 *     .app("demo-client", "demo-secret", "reader")
 *     .redirectUri("demo-client", "http://127.0.0.1:9999/cb")
 *     .build()
 *     .start()) {
 *   krebit.consent().approveAs("alice", Set.of("signer"));
 *   krebit.failNextTokenRequests(1, InjectedFault.status(503));
 *   // point a client at krebit.tenant() ...
 *   assertThat(krebit.journal().tokenRequestCount()).isEqualTo(2);
 * }
 * }</pre>
 *
 * <p>WireMock's own admin API under {@code /__admin}, with the journal as JSON at {@code
 * /__admin/krebit/journal}, answers only requests with the {@linkplain Builder#adminToken admin
 * token}, and nobody when none was set. Request bodies over {@linkplain Builder#maxRequestBodySize
 * a cap} are answered 413 unread, bodies in a content coding 415, and percent-encoding that does
 * not decode 400 {@code invalid_request}, before WireMock parses them.
 *
 * <p>Thread-safe: requests are served concurrently, and tests may script consent and faults, revoke
 * tokens or read the journal from any thread. Its journal and log show fingerprints, never a token,
 * code, verifier, state or secret.
 */
public final class FakeKrebitServer implements AutoCloseable {
  /** The organization's id unless the builder sets another: the users guide's example's. */
  public static final String DEFAULT_ORGANIZATION_ID = "4e5b18f9-90e8-4be9-8b01-09f1f0fdb9a5";

  /** The organization's name unless the builder sets another: the users guide's example's. */
  public static final String DEFAULT_ORGANIZATION_NAME = "YourCo";

  /** The access token lifetime unless the builder sets another: one hour, as Krebit's. */
  public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(3600);

  /** How long an authorization code may wait for its redemption, on {@link #clock()}: 60 s. */
  public static final Duration CODE_LIFETIME = AuthorizationCodes.LIFETIME;

  private static final String NAME = "the fake Krebit server";

  /**
   * The largest request body it reads unless the builder sets another: 16 MiB, room for a 10 MB
   * document.
   */
  public static final long DEFAULT_MAX_REQUEST_BODY_SIZE = 16L * 1024 * 1024;

  private static final int WIREMOCK_JOURNAL_ENTRIES = 1_000;

  private final FakeKrebitState state;
  private final WireMockServer wireMock;
  private final boolean https;

  private FakeKrebitServer(Builder builder) {
    this.state =
        new FakeKrebitState(
            new FakeKrebitState.Settings(
                new AppRegistry(builder.registeredApps()),
                builder.tokenLifetime,
                builder.clock,
                builder.requiredRoles,
                builder.refresh(),
                builder.userRoles,
                List.copyOf(builder.autoApprove),
                builder.tokenPaths,
                builder.directory()));
    RequestLimits limits =
        new RequestLimits(builder.maxRequestBodySize, state.clock(), state::refused);
    WireMockConfiguration config =
        LocalWireMock.options("se.krebit.testkit.wiremock")
            .extensions(state.responder(), new JournalRoute(state.journal()))
            .adminAuthenticator(new AdminAccess(builder.adminToken))
            .httpServerFactory(new LimitedJettyServer(limits));
    this.https = builder.keystore != null;
    if (builder.keystore != null) {
      config =
          LocalWireMock.keystore(
              config.httpDisabled(true), builder.keystore, builder.keystorePassword);
      config = builder.port == 0 ? config.dynamicHttpsPort() : config.httpsPort(builder.port);
    } else {
      config = builder.port == 0 ? config.dynamicPort() : config.port(builder.port);
    }
    config =
        builder.wireMockJournal
            ? config.maxRequestJournalEntries(WIREMOCK_JOURNAL_ENTRIES)
            : config.disableRequestJournal();
    this.wireMock = new WireMockServer(config);
    wireMock.stubFor(
        WireMock.any(WireMock.anyUrl())
            .atPriority(LocalWireMock.CATCH_ALL_PRIORITY)
            .willReturn(
                Responses.error(
                    404, "not_found", "Nothing is served at this path on the fake Krebit server")));
    FakeWireMock.register(this, wireMock);
  }

  /**
   * A builder with no apps, {@link #DEFAULT_TOKEN_LIFETIME}, refresh-token rotation without grace,
   * refresh tokens that do not expire, the consent page, a fresh clock and a free port.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts listening.
   *
   * @return this server, for chaining
   * @throws IllegalStateException if it is running already
   */
  public FakeKrebitServer start() {
    LocalWireMock.start(wireMock, NAME);
    return this;
  }

  /**
   * Stops listening, and drops webhook retries not yet made. Idempotent. State (tokens, journal) is
   * kept.
   */
  public void stop() {
    LocalWireMock.stop(wireMock);
    state.webhooks().stop();
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** Whether it is listening. */
  public boolean isRunning() {
    return wireMock.isRunning();
  }

  /**
   * The port it listens on.
   *
   * @throws IllegalStateException if it is not running
   */
  public int port() {
    LocalWireMock.requireRunning(wireMock, NAME);
    return https ? wireMock.httpsPort() : wireMock.port();
  }

  /**
   * Its base URI, such as {@code http://127.0.0.1:8089/}, or {@code https://127.0.0.1:8443/} when
   * built {@linkplain Builder#https with a keystore}. Requires it to be running.
   */
  public URI baseUri() {
    return URI.create((https ? "https://" : "http://") + LocalWireMock.HOST + ":" + port() + "/");
  }

  /**
   * Its token endpoint, {@code {base}/oauth/token}, or the first of the {@linkplain
   * Builder#tokenPaths token paths} it was built with. Requires it to be running.
   */
  public URI tokenEndpoint() {
    return baseUri().resolve(state.tokenPaths().get(0).substring(1));
  }

  /** The paths its token endpoint answers at, {@code /oauth/token} unless built otherwise. */
  public List<String> tokenPaths() {
    return state.tokenPaths();
  }

  /** Its authorization endpoint, {@code {base}/oauth/authorize}. Requires it to be running. */
  public URI authorizationEndpoint() {
    return baseUri().resolve(AuthorizeRoute.PATH.substring(1));
  }

  /** The root of its API, {@code {base}/api/1.0/}. Requires it to be running. */
  public URI apiBaseUri() {
    return baseUri().resolve(ApiRoute.PREFIX.substring(1));
  }

  /**
   * The tenant to configure clients with: {@code Tenant.at(baseUri())}. Requires it to be running.
   */
  public Tenant tenant() {
    return Tenant.at(baseUri());
  }

  /** The clock that token lifetimes and the journal are measured on. */
  public SettableClock clock() {
    return state.clock();
  }

  /**
   * The signings created on it, and the test's hand on them: move a draft on to sent, cancelled or
   * completed, as Krebit does through endpoints no saved page shows.
   */
  public FakeSignings signings() {
    return state.signings();
  }

  /** Every request it was asked, since start or the last {@link #reset()}. */
  public RequestJournal journal() {
    return state.journal();
  }

  /** The registered apps, in registration order. */
  public List<RegisteredApp> apps() {
    return List.copyOf(state.apps().all());
  }

  /**
   * The credentials of a registered app, to configure a client with.
   *
   * @throws IllegalArgumentException if no app has that client id
   */
  public ClientCredentials credentials(String clientId) {
    return app(clientId).credentials();
  }

  /** The lifetime of the access tokens it issues. */
  public Duration tokenLifetime() {
    return state.tokenLifetime();
  }

  /**
   * Issues an app-only access token without an HTTP request (and without a journal entry), for
   * tests of API clients that need a valid token to start with.
   *
   * @throws IllegalArgumentException if no app has that client id
   */
  public AccessToken issueToken(String clientId) {
    TokenRegistry.Issued issued =
        state.tokens().issue(new AppPrincipal(app(clientId)), tokenLifetime());
    return new AccessToken(issued.value(), AccessToken.BEARER, issued.token().expiresAt());
  }

  /**
   * Revokes an access token it issued: the API answers 401 {@code invalid_token} for it from now
   * until {@link #reset()}.
   *
   * @param accessToken the token's value
   * @return false if this server issued no such token
   */
  public boolean revoke(String accessToken) {
    return state.tokens().revoke(requireNonNull(accessToken, "accessToken"));
  }

  /** {@link #revoke(String)} for a token as core holds it. */
  public boolean revoke(AccessToken accessToken) {
    return revoke(accessToken.value());
  }

  /**
   * How the user answers authorize requests: scripted approvals and denials, else the consent page.
   * {@link #reset()} forgets what tests scripted.
   */
  public ConsentScript consent() {
    return state.consent();
  }

  /**
   * The fake's webhooks: register an endpoint with its secret, send events to it (signed and
   * retried as Krebit does), and read the journal of deliveries. {@link #reset()} forgets them.
   */
  public FakeWebhooks webhooks() {
    return state.webhooks();
  }

  /**
   * Revokes a token family: the code it came from, and every refresh and access token descended
   * from it, are refused from now until {@link #reset()}, as when a retired refresh token is
   * reused.
   *
   * @param familyId as {@link #tokenFamily} or the journal names it
   * @return false if this server started no such family
   */
  public boolean revokeFamily(String familyId) {
    return state.revokeFamily(requireNonNull(familyId, "familyId"));
  }

  /**
   * Revokes every token family of {@code userId}, with any client, codes not yet redeemed included,
   * until {@link #reset()}. Later consents of the user start new families, which are not revoked.
   *
   * @return how many families this revoked
   */
  public int revokeUser(String userId) {
    return state.revokeUser(requireNonNull(userId, "userId"));
  }

  /**
   * The token family of a code, refresh token or access token this server issued for a user: the id
   * that {@link #revokeFamily}, {@link RequestJournal#refreshRedemptions(String)} and the journal
   * use. Empty for app tokens and for values it never issued.
   */
  public Optional<String> tokenFamily(String codeOrToken) {
    return state.familyOf(requireNonNull(codeOrToken, "codeOrToken"));
  }

  /**
   * Makes {@code path} (exact, any method, for example {@code /api/1.0/me}) answer 403 to an
   * identity without {@code role}, until {@link #reset()}. Several calls for one path require all
   * the roles named. For requirements that outlive {@code reset()}, see {@link
   * Builder#requireRole}.
   */
  public void requireRole(String path, String role) {
    state.roles().require(checkApiPath(path), requireNonNull(role, "role"));
  }

  private static String checkApiPath(String path) {
    if (!ApiRoute.covers(requireNonNull(path, "path"))) {
      throw new IllegalArgumentException(
          "roles guard API paths under " + ApiRoute.PREFIX + ", not " + path);
    }
    return path;
  }

  /**
   * Answers the next {@code times} token requests with {@code fault}, after any faults already
   * scripted for token requests.
   */
  public void failNextTokenRequests(int times, InjectedFault fault) {
    state.tokenFaults().add(times, requireNonNull(fault, "fault"));
  }

  /**
   * Answers the next {@code times} requests under {@code /api/1.0} with {@code fault}, after any
   * faults already scripted for API requests.
   */
  public void failNextApiRequests(int times, InjectedFault fault) {
    state.apiFaults().add(times, requireNonNull(fault, "fault"));
  }

  /**
   * Forgets what tests scripted and saw: scripted faults and consent, consent pages still open, the
   * journal, revocations (of tokens and of token families), the role requirements added by {@link
   * #requireRole}, the signings, and the webhooks (endpoints, events, deliveries and retries not
   * yet made). Keeps the registered apps and their redirect URIs, issued codes and tokens (retired
   * refresh tokens stay retired), the builder's settings, stubs, and the clock's time.
   */
  public void reset() {
    state.reset();
    wireMock.resetRequests();
  }

  /**
   * Stubs a request under {@code /api/1.0} that no documented endpoint of the fake serves, such as
   * adding recipients; the answer gets the fake's bearer and role checks, faults, journal and
   * {@code request_id}, and a path nobody stubbed stays 404:
   *
   * <pre>{@code
   * krebit.stub("POST", "/api/1.0/signings/{id}/send").respond(202);
   * krebit.stub("GET", "/api/1.0/documents").respond(200, "[]");
   * }</pre>
   *
   * <p>{@code GET /api/1.0/me} and the signing endpoints the fake serves answer as the fake does,
   * stubbed or not. {@link #reset()} keeps stubs.
   *
   * @param method the HTTP method, in capitals
   * @param path under {@code /api/1.0/}; each {@code {name}} in it stands for one path segment
   * @throws IllegalArgumentException for a method not in capitals, a path outside the API or with a
   *     query, or {@code /api/1.0/me}
   */
  public ApiStub stub(String method, String path) {
    return ApiStub.of(wireMock, method, path);
  }

  private RegisteredApp app(String clientId) {
    return state
        .apps()
        .find(requireNonNull(clientId, "clientId"))
        .orElseThrow(
            () -> new IllegalArgumentException("no app is registered as '" + clientId + "'"));
  }

  @Override
  public String toString() {
    return "FakeKrebitServer["
        + (isRunning() ? baseUri() : "stopped")
        + ", "
        + state.apps().all().size()
        + " apps]";
  }

  /**
   * Configures a {@link FakeKrebitServer}. Not thread-safe; {@link #build()} copies what it needs.
   */
  public static final class Builder {
    private final List<RegisteredApp> apps = new ArrayList<>();
    private final Map<String, Set<String>> requiredRoles = new LinkedHashMap<>();
    private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
    private final Map<String, List<String>> redirectUris = new LinkedHashMap<>();
    private final Map<String, Set<String>> userRoles = new LinkedHashMap<>();
    private final List<String> autoApprove = new ArrayList<>();
    private RefreshTokenRotation rotation = RefreshTokenRotation.ROTATE;
    private Duration refreshReuseGrace = Duration.ZERO;
    private Optional<Duration> refreshTokenLifetime = Optional.empty();
    private SettableClock clock = SettableClock.startingNow();
    private int port;
    private List<String> tokenPaths = List.of(TokenRoute.PATH);
    private UserDirectory.Organization organization =
        new UserDirectory.Organization(DEFAULT_ORGANIZATION_ID, DEFAULT_ORGANIZATION_NAME);
    private final Map<String, UserDirectory.Profile> profiles = new LinkedHashMap<>();
    private boolean wireMockJournal = true;
    private Optional<String> adminToken = Optional.empty();
    private long maxRequestBodySize = DEFAULT_MAX_REQUEST_BODY_SIZE;
    private @Nullable Path keystore;
    private String keystorePassword = "";

    private Builder() {}

    /** Registers {@code app}. */
    public Builder app(RegisteredApp app) {
      apps.add(requireNonNull(app, "app"));
      return this;
    }

    /** Registers the app {@code clientId} with {@code secret} and {@code roles}. */
    public Builder app(String clientId, String secret, String... roles) {
      return app(RegisteredApp.of(clientId, secret, roles));
    }

    /**
     * Registers {@code redirectUri} for the app {@code clientId} (registered before or after this
     * call), as {@link RegisteredApp#withRedirectUris} does: authorize requests must name one of
     * the app's redirect URIs exactly.
     *
     * @throws IllegalArgumentException if the URI is not absolute or has a fragment; {@link
     *     #build()} throws it if no app is registered as {@code clientId}
     */
    public Builder redirectUri(String clientId, String redirectUri) {
      requireNonNull(clientId, "clientId");
      String checked = RegisteredApp.checkRedirectUri(redirectUri);
      redirectUris.computeIfAbsent(clientId, id -> new ArrayList<>()).add(checked);
      return this;
    }

    /**
     * Gives the user {@code userId} these roles (in addition to any given before) when it approves
     * on the consent page, is {@linkplain #autoApprove auto-approved}, or is approved by {@link
     * ConsentScript#approveAs(String)}.
     */
    public Builder userRoles(String userId, String... roles) {
      Set<String> checked =
          new ConsentDecision.Approve(userId, Set.copyOf(Arrays.asList(roles))).roles();
      userRoles.computeIfAbsent(userId, id -> new LinkedHashSet<>()).addAll(checked);
      return this;
    }

    /**
     * Describes the user {@code userId} as {@code GET /api/1.0/me} shows it; without a profile a
     * user's name is its id and its email {@code id@example.com}. The id is what consent is given
     * as ({@link ConsentScript#approveAs}, {@link #autoApprove}): Krebit's are UUIDs.
     */
    public Builder userProfile(String userId, String name, String email) {
      ConsentScript.checkUserId(userId);
      profiles.put(userId, new UserDirectory.Profile(name, email));
      return this;
    }

    /**
     * The organization every identity belongs to; default {@link #DEFAULT_ORGANIZATION_ID} and
     * {@link #DEFAULT_ORGANIZATION_NAME}, the users guide's example.
     */
    public Builder organization(String id, String name) {
      this.organization = new UserDirectory.Organization(id, name);
      return this;
    }

    /**
     * Approves authorize requests as {@code userId}, with its {@linkplain #userRoles roles}, at
     * once, instead of showing the consent page: what the standalone server's {@code
     * --auto-approve} does. Called for several users, each request is approved as the one its
     * {@code login_hint} names, or as the first user without one; a {@code login_hint} naming
     * anyone else gets the consent page. Unlike a {@link ConsentScript} decision, {@code reset()}
     * comes back to it.
     */
    public Builder autoApprove(String userId) {
      String checked = ConsentScript.checkUserId(userId);
      if (!autoApprove.contains(checked)) {
        autoApprove.add(checked);
      }
      return this;
    }

    /** What refreshing does to the refresh token; default {@link RefreshTokenRotation#ROTATE}. */
    public Builder refreshTokenRotation(RefreshTokenRotation rotation) {
      this.rotation = requireNonNull(rotation, "rotation");
      return this;
    }

    /**
     * With rotation, how long after a rotation the refresh token it retired is still accepted,
     * once; default zero, for never. Such a replay answers a new access token and the refresh token
     * the rotation issued, without rotating again, so a client that lost a refresh answer and
     * retries stays on its family's line. A second replay, a replay after the grace, or an older
     * token is reuse, which revokes the family. Without rotation there is nothing to replay.
     */
    public Builder refreshReuseGrace(Duration grace) {
      requireNonNull(grace, "grace");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("refreshReuseGrace must not be negative, was " + grace);
      }
      this.refreshReuseGrace = grace;
      return this;
    }

    /**
     * How long a refresh token can be redeemed, from its issue, on the server's clock; by default
     * until its family is revoked. With rotation, each new refresh token gets the full lifetime.
     */
    public Builder refreshTokenLifetime(Duration lifetime) {
      requireNonNull(lifetime, "lifetime");
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException(
            "refreshTokenLifetime must be positive, was " + lifetime);
      }
      this.refreshTokenLifetime = Optional.of(lifetime);
      return this;
    }

    /**
     * Makes {@code path} (exact, any method) require {@code role} for the server's whole life:
     * unlike {@link FakeKrebitServer#requireRole}, {@link FakeKrebitServer#reset()} keeps it.
     */
    public Builder requireRole(String path, String role) {
      requireNonNull(role, "role");
      requiredRoles.computeIfAbsent(checkApiPath(path), p -> new LinkedHashSet<>()).add(role);
      return this;
    }

    /** How long access tokens live: whole seconds, at least one. */
    public Builder tokenLifetime(Duration lifetime) {
      requireNonNull(lifetime, "lifetime");
      if (lifetime.getNano() != 0 || lifetime.getSeconds() < 1) {
        throw new IllegalArgumentException(
            "tokenLifetime must be a whole number of seconds, at least 1, was " + lifetime);
      }
      this.tokenLifetime = lifetime;
      return this;
    }

    /**
     * The clock for token expiry and the journal; by default a new one at the real current time.
     */
    public Builder clock(SettableClock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The paths the token endpoint answers at, instead of {@code /oauth/token}: Krebit's guides
     * name {@code /oauth/token} in one version and {@code /api/oauth/token} in the other, so a
     * client can be tested against either or both. Any other path, the one left out included,
     * answers 404.
     *
     * @throws IllegalArgumentException if none is given, or one does not start with {@code /}, has
     *     a query, or is under the API or the authorization endpoint
     */
    public Builder tokenPaths(String... paths) {
      if (paths.length == 0) {
        throw new IllegalArgumentException("give at least one token path");
      }
      for (String path : paths) {
        requireNonNull(path, "path");
        if (!path.startsWith("/")
            || path.contains("?")
            || path.contains("#")
            || ApiRoute.covers(path)
            || AuthorizeRoute.covers(path)) {
          throw new IllegalArgumentException(
              "a token path starts with '/', has no query, and is neither under "
                  + ApiRoute.PREFIX
                  + " nor the authorization endpoint; got "
                  + path);
        }
      }
      this.tokenPaths = List.copyOf(new LinkedHashSet<>(Arrays.asList(paths)));
      return this;
    }

    /** The port to listen on; 0, the default, picks a free one. */
    public Builder port(int port) {
      this.port = LocalWireMock.checkPort(port);
      return this;
    }

    /**
     * Serves HTTPS only, with the key and certificate in a PKCS#12 keystore, for example one from
     * {@link TestCertificate}: the certificate should name {@code 127.0.0.1}, where the server
     * listens, unless the test wants a host name mismatch. The server negotiates what the JVM's TLS
     * defaults allow (TLS 1.3 and 1.2 on current JDKs).
     */
    public Builder https(Path pkcs12Keystore, String password) {
      this.keystore = requireNonNull(pkcs12Keystore, "pkcs12Keystore");
      this.keystorePassword = requireNonNull(password, "password");
      return this;
    }

    /**
     * Opens the admin API under {@code /__admin} (WireMock's own routes, such as {@code mappings},
     * and the request journal as JSON at {@code /__admin/krebit/journal}) to requests that carry
     * {@code Authorization: Bearer <token>}. Without a token, the default, it answers every request
     * 401: no local process can stop the fake or change its stubs.
     *
     * @param token at least 16 printable ASCII characters without spaces
     */
    public Builder adminToken(String token) {
      this.adminToken = Optional.of(AdminAccess.checkToken(requireNonNull(token, "token")));
      return this;
    }

    /**
     * The largest request body it reads, in bytes; a larger one is answered 413 without being read
     * on. Default {@link FakeKrebitServer#DEFAULT_MAX_REQUEST_BODY_SIZE}.
     */
    public Builder maxRequestBodySize(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxRequestBodySize must be positive, was " + bytes);
      }
      this.maxRequestBodySize = bytes;
      return this;
    }

    /** Whether WireMock keeps its own request log; the standalone server turns it off. */
    Builder wireMockJournal(boolean enabled) {
      this.wireMockJournal = enabled;
      return this;
    }

    /**
     * A server, not yet started.
     *
     * @throws IllegalArgumentException if a redirect URI names an unregistered app
     */
    public FakeKrebitServer build() {
      return new FakeKrebitServer(this);
    }

    private List<RegisteredApp> registeredApps() {
      for (String clientId : redirectUris.keySet()) {
        if (apps.stream().noneMatch(app -> app.clientId().equals(clientId))) {
          throw new IllegalArgumentException(
              "a redirect URI is given for '" + clientId + "', but no app is registered so");
        }
      }
      return apps.stream()
          .map(
              app ->
                  app.withRedirectUris(
                      redirectUris.getOrDefault(app.clientId(), List.of()).toArray(String[]::new)))
          .toList();
    }

    private UserDirectory directory() {
      return new UserDirectory(organization, profiles);
    }

    private RefreshSettings refresh() {
      return new RefreshSettings(rotation, refreshReuseGrace, refreshTokenLifetime);
    }
  }
}
