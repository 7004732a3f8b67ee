package se.krebit.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import se.krebit.api.KrebitClient;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.Tenant;
import se.krebit.auth.TokenKey;
import se.krebit.auth.TokenSource;
import se.krebit.auth.UserTokens;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.auth.feign.KrebitAuthConfig;
import se.krebit.http.HttpConfig;
import se.krebit.auth.memory.InMemoryTokenStore;
import se.krebit.auth.spi.TokenEndpoint;
import se.krebit.auth.spi.TokenStore;
import se.krebit.testkit.FakeKrebitServer;

/**
 * What one command talks to and keeps tokens in: a configured tenant, or with {@code --fake} a fake
 * Krebit server started for this command; and the token endpoint, token sources, sign-in flow, API
 * client and token store on it, each made when first needed (so {@code krebit token} never opens the
 * store, and {@code krebit logout} never needs the secret).
 *
 * <p>Closing it waits for token requests still in flight, so that a refresh that rotated a user's
 * refresh token has stored the new one before the process exits; with a token store on disk, an
 * {@link ExitGuard} also stores what the store refused, on a signal too. Then it stops the fake.
 */
final class Session implements AutoCloseable {
  /** The fake's app, and the user it signs in when {@code krebit login --fake} runs. */
  static final String FAKE_CLIENT_ID = "krebit-cli";

  private final Tenant tenant;
  private final String clientId;
  private final @Nullable ConfigSources settings;
  private final @Nullable SecretOptions secrets;
  private final @Nullable FakeKrebitServer fake;
  private final CliEnvironment env;
  private final PrintWriter err;
  private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "krebit-token-request");
    thread.setDaemon(true);
    return thread;
  });
  private @Nullable KrebitAuthConfig config;
  private @Nullable TokenEndpoint endpoint;
  private @Nullable TokenStore store;
  private @Nullable ExitGuard exitGuard;

  private Session(
      Tenant tenant, String clientId, @Nullable ConfigSources settings, @Nullable SecretOptions secrets,
      @Nullable FakeKrebitServer fake, CliEnvironment env, PrintWriter err) {
    this.tenant = tenant;
    this.clientId = clientId;
    this.settings = settings;
    this.secrets = secrets;
    this.fake = fake;
    this.env = env;
    this.err = err;
  }

  /**
   * The session the options ask for: a fake with {@code --fake}, else the configured tenant.
   *
   * @param secrets where the secret comes from; null for a command that never needs it
   */
  static Session open(TenantOptions options, @Nullable SecretOptions secrets, CliEnvironment env, PrintWriter err) {
    return options.fake
        ? fake(Optional.empty(), Optional.ofNullable(options.tokenPath), env, err)
        : configured(ConfigSources.load(options, env), secrets, env, err);
  }

  /** The configured tenant and client. */
  static Session configured(ConfigSources settings, @Nullable SecretOptions secrets, CliEnvironment env, PrintWriter err) {
    return new Session(settings.tenant(), settings.clientId(), settings, secrets, null, env, err);
  }

  /**
   * A fake Krebit server with one app, started now.
   *
   * @param signIn the redirect URI to register and the user to approve at once, for {@code login}
   * @param tokenPath where the fake serves its token endpoint, and the client asks, if not the default
   */
  static Session fake(Optional<FakeSignIn> signIn, Optional<String> tokenPath, CliEnvironment env, PrintWriter err) {
    FakeKrebitServer.Builder builder = FakeKrebitServer.builder().app(FAKE_CLIENT_ID, randomSecret(), "reader");
    signIn.ifPresent(s -> builder
        .redirectUri(FAKE_CLIENT_ID, s.redirectUri().toString())
        .userRoles(s.subject(), "signer")
        .autoApprove(s.subject()));
    // checked by the tenant's rules first, so a bad path is a configuration error, not the fake's
    Optional<String> path = tokenPath.map(p -> Tenant.organization("check").withTokenPath(p).tokenEndpoint().getRawPath());
    path.ifPresent(builder::tokenPaths);
    FakeKrebitServer server = builder.build().start();
    Tenant tenant = path.map(p -> server.tenant().withTokenPath(p)).orElse(server.tenant());
    return new Session(tenant, FAKE_CLIENT_ID, null, null, server, env, err);
  }

  /** For {@code login --fake}: the loopback redirect URI to register, and who approves. */
  record FakeSignIn(URI redirectUri, String subject) {}

  boolean isFake() {
    return fake != null;
  }

  Tenant tenant() {
    return tenant;
  }

  /** The tenant as people name it: the organization, or the base URL of a fake or a proxy. */
  String tenantName() {
    return tenant.id().contains("/") ? tenant.baseUri().toString() : tenant.id();
  }

  /** The key of {@code subject}'s tokens in the store. */
  TokenKey tokenKey(String subject) {
    return new TokenKey(tenant.id(), clientId, subject);
  }

  /** App-only tokens of the configured client. */
  TokenSource appTokens() {
    return ClientCredentialsTokenSource.builder()
        .endpoint(endpoint())
        .client(credentials())
        .executor(executor)
        .build();
  }

  /** The stored tokens of a user signed in with {@code krebit login}, refreshed when needed. */
  TokenSource userTokens(String subject) {
    return UserTokens.builder()
        .tenant(tenant)
        .client(credentials())
        .endpoint(endpoint())
        .tokenStore(store())
        .executor(executor)
        .build()
        .forSubject(subject);
  }

  /** The sign-in flow for a callback at {@code redirectUri}, keeping tokens in the store. */
  AuthorizationCodeFlow flow(URI redirectUri) {
    return AuthorizationCodeFlow.builder()
        .tenant(tenant)
        .client(credentials())
        .endpoint(endpoint())
        .redirectUri(redirectUri)
        .tokenStore(store())
        .executor(executor)
        .build();
  }

  /** The API, called with tokens from {@code tokens}. */
  KrebitClient api(TokenSource tokens) {
    return KrebitClient.builder().tenant(tenant).tokenSource(tokens).http(http()).build();
  }

  /** Where signed-in users' tokens are kept; opened (and created) on first use. */
  TokenStore store() {
    if (store == null) {
      if (settings == null) {
        store = new InMemoryTokenStore();
      } else {
        LocalTokenStore local = LocalStore.open(settings.storeDir(env), settings.storeKey(), settings.storeWait(), err);
        store = local;
        exitGuard = ExitGuard.arm(executor, local, settings.storeWait(), storeDescription(), err);
      }
    }
    return store;
  }

  /** Where {@link #store()} keeps tokens, for messages. */
  String storeDescription() {
    return settings == null
        ? "memory (--fake: forgotten when krebit exits)"
        : "the encrypted H2 database " + LocalStore.databaseFile(settings.storeDir(env));
  }

  private TokenEndpoint endpoint() {
    if (endpoint == null) {
      endpoint = fake != null
          ? FeignTokenEndpoint.builder().tenant(tenant).build()
          : FeignTokenEndpoint.builder().config(config()).build();
    }
    return endpoint;
  }

  private ClientCredentials credentials() {
    return fake != null ? fake.credentials(FAKE_CLIENT_ID) : config().credentials();
  }

  private HttpConfig http() {
    return fake != null ? HttpConfig.ofDefaults() : config().http();
  }

  private KrebitAuthConfig config() {
    if (config == null) {
      if (settings == null || secrets == null) {
        throw new IllegalStateException("this command reads no client secret");
      }
      config = settings.authConfig(settings.clientSecret(secrets, env.stdin()));
    }
    return config;
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Waits for the token requests in flight and, with a token store on disk, stores what it refused
   * before ({@link ExitGuard}); stops the fake.
   *
   * @throws CliException with {@link ExitCode#REFRESH_TOKEN_NOT_STORED} if a refresh token Krebit
   *     issued could not be stored
   */
  @Override
  public void close() {
    try {
      if (exitGuard != null) {
        exitGuard.finish();
      } else {
        ExitGuard.awaitRequests(executor);
      }
    } finally {
      if (fake != null) {
        fake.close();
      }
    }
  }
}
