package se.krebit.api;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.RefreshPolicy;
import se.krebit.auth.Tenant;
import se.krebit.auth.TokenListener;
import se.krebit.auth.TokenSource;
import se.krebit.auth.UserTokens;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.auth.feign.KrebitAuthConfig;
import se.krebit.auth.memory.InMemoryStateRepository;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.StateRepository;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenStore;

/**
 * One application's Krebit, built once from its {@link KrebitAuthConfig} (tenant, client, redirect
 * URIs, HTTP settings): the token endpoint, the application's own tokens, signed-in users' tokens,
 * the sign-in flow and {@link KrebitClient} all derive from it, so the tenant, the client and the
 * HTTP settings are given once. Each is built once and shared; thread-safe.
 *
 * <pre>{@code
 * Krebit krebit = Krebit.of(KrebitAuthConfig.fromEnvironment());   // KREBIT_TENANT, KREBIT_CLIENT_ID, …
 * Me me = krebit.client().me();                                    // as the application
 * Me user = krebit.clientFor(userId).me();                         // as a signed-in user
 * }</pre>
 *
 * <p>The lower-level builders ({@link FeignTokenEndpoint}, {@link ClientCredentialsTokenSource},
 * {@link UserTokens}, {@link AuthorizationCodeFlow}, {@link KrebitClient}) stay the seam for other
 * adapters; {@link Builder#endpoint} takes any {@link TokenEndpoint}.
 */
public final class Krebit {
  private final KrebitAuthConfig config;
  private final TokenEndpoint endpoint;
  private final ClientCredentialsTokenSource appTokens;
  private final @Nullable AuthorizationCodeFlow flow;
  private final UserTokens users;
  private final KrebitClient client;

  private Krebit(Builder b) {
    this.config = b.config;
    this.endpoint =
        b.endpoint != null ? b.endpoint : FeignTokenEndpoint.builder().config(config).build();
    Tenant tenant = config.tenant();
    ClientCredentials credentials = config.credentials();
    this.appTokens =
        ClientCredentialsTokenSource.builder()
            .endpoint(endpoint)
            .client(credentials)
            .clock(b.clock)
            .listener(b.listener)
            .refreshPolicy(b.refreshPolicy)
            .build();
    if (config.redirectUris().isEmpty()) {
      this.flow = null;
      this.users =
          UserTokens.builder()
              .tenant(tenant)
              .client(credentials)
              .endpoint(endpoint)
              .tokenStore(b.tokenStore)
              .clock(b.clock)
              .listener(b.listener)
              .refreshPolicy(b.refreshPolicy)
              .build();
    } else {
      AuthorizationCodeFlow.Builder flow =
          AuthorizationCodeFlow.builder()
              .tenant(tenant)
              .client(credentials)
              .endpoint(endpoint)
              .tokenStore(b.tokenStore)
              .stateRepository(b.stateRepository)
              .clock(b.clock)
              .listener(b.listener)
              .refreshPolicy(b.refreshPolicy);
      config.redirectUris().forEach(flow::redirectUri);
      this.flow = flow.build();
      this.users =
          this.flow.userTokens(); // one source per user, whether reached by the flow or not
    }
    this.client =
        KrebitClient.builder()
            .tenant(tenant)
            .tokenSource(appTokens)
            .http(config.http())
            .clock(b.clock)
            .listener(b.apiCallListener)
            .build();
  }

  /** Krebit for {@code config}, with tokens and pending sign-ins in memory and the system clock. */
  public static Krebit of(KrebitAuthConfig config) {
    return builder(config).build();
  }

  /**
   * A builder for {@code config}, to give a durable store, a clock, a listener or a refresh policy.
   */
  public static Builder builder(KrebitAuthConfig config) {
    return new Builder(config);
  }

  /** The configuration this was built from. */
  public KrebitAuthConfig config() {
    return config;
  }

  /** The token endpoint every token source here uses. */
  public TokenEndpoint endpoint() {
    return endpoint;
  }

  /** The application's own tokens (client credentials). */
  public ClientCredentialsTokenSource appTokens() {
    return appTokens;
  }

  /**
   * Signed-in users' tokens, from the token store; the sign-in flow serves its users through these
   * too.
   */
  public UserTokens users() {
    return users;
  }

  /**
   * The sign-in flow, on the configuration's redirect URIs.
   *
   * @throws KrebitConfigurationException if the configuration has no redirect URI
   */
  public AuthorizationCodeFlow signIn() {
    if (flow == null) {
      throw new KrebitConfigurationException(
          "sign-in needs at least one redirect URI: set KrebitAuthConfig.Builder.redirectUris(...), or "
              + KrebitAuthConfig.ENV_REDIRECT_URIS
              + " (system property krebit.redirect.uris), comma-separated");
    }
    return flow;
  }

  /** The API client, calling as the application. */
  public KrebitClient client() {
    return client;
  }

  /**
   * The API client calling as the signed-in user {@code subject}: same settings and connections.
   */
  public KrebitClient clientFor(String subject) {
    return client.withTokenSource(users.forSubject(subject));
  }

  /** The API client calling with {@code tokens}: same settings and connections. */
  public KrebitClient client(TokenSource tokens) {
    return client.withTokenSource(tokens);
  }

  @Override
  public String toString() {
    return "Krebit[" + config.tenant() + ", client " + config.clientId() + "]";
  }

  /** What a {@link Krebit} is built with beside its configuration. Not thread-safe. */
  public static final class Builder {
    private final KrebitAuthConfig config;
    private @Nullable TokenEndpoint endpoint;
    private TokenStore tokenStore = new InMemoryTokenStore();
    private StateRepository stateRepository = new InMemoryStateRepository();
    private Clock clock = Clock.systemUTC();
    private TokenListener listener = TokenListener.NONE;
    private ApiCallListener apiCallListener = ApiCallListener.NONE;
    private RefreshPolicy refreshPolicy = RefreshPolicy.ofDefaults();

    private Builder(KrebitAuthConfig config) {
      this.config = requireNonNull(config, "config");
    }

    /**
     * Users' tokens; default in memory. Give the JDBC or Vault store to share them between nodes.
     */
    public Builder tokenStore(TokenStore tokenStore) {
      this.tokenStore = requireNonNull(tokenStore, "tokenStore");
      return this;
    }

    /** Pending sign-ins; default in memory. Share it between nodes as the token store. */
    public Builder stateRepository(StateRepository stateRepository) {
      this.stateRepository = requireNonNull(stateRepository, "stateRepository");
      return this;
    }

    /** The clock of every token source, the flow and the client; default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Hears every token request and wait, for metrics; default {@link TokenListener#NONE}. */
    public Builder listener(TokenListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Hears every API call of {@link #client()} and {@link #clientFor} from its start, for tracing;
     * default {@link ApiCallListener#NONE}.
     */
    public Builder apiCallListener(ApiCallListener apiCallListener) {
      this.apiCallListener = requireNonNull(apiCallListener, "apiCallListener");
      return this;
    }

    /**
     * When tokens are refreshed and how long callers wait; default {@link
     * RefreshPolicy#ofDefaults()}.
     */
    public Builder refreshPolicy(RefreshPolicy refreshPolicy) {
      this.refreshPolicy = requireNonNull(refreshPolicy, "refreshPolicy");
      return this;
    }

    /**
     * Another token endpoint than the {@link FeignTokenEndpoint} the configuration describes: the
     * seam for another adapter or a test double. The configuration's HTTP settings then apply to
     * the API client only.
     */
    public Builder endpoint(TokenEndpoint endpoint) {
      this.endpoint = requireNonNull(endpoint, "endpoint");
      return this;
    }

    /**
     * @throws KrebitConfigurationException if the secret supplier gives no secret, or a setting is
     *     rejected by what it configures
     */
    public Krebit build() {
      return new Krebit(this);
    }
  }
}
