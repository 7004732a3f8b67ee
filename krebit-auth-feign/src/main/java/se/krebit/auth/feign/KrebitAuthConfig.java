package se.krebit.auth.feign;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.AuthorizationCodeFlow;
import se.krebit.auth.ClientCredentials;
import se.krebit.auth.ClientSecret;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.Tenant;
import se.krebit.http.HttpConfig;

/**
 * What an application needs to authenticate with Krebit: the tenant, the OAuth client, the redirect
 * URIs of its sign-in callback, and the HTTP settings of its connections. The Guice modules ({@code
 * se.krebit.guice.KrebitAuthModule} and friends, in {@code krebit-guice}) are built from it; so can
 * be anything else.
 *
 * <p>From code, with the secret behind a {@link Supplier} so that it can come from a secret manager
 * and never sits in this object:
 *
 * <pre>{@code
 * KrebitAuthConfig config = KrebitAuthConfig.builder()
 *     .tenant(Tenant.organization("acme"))
 *     .clientId("my-app")
 *     .clientSecret(() -> ClientSecret.of(vault.read("krebit/secret")))
 *     .redirectUri(URI.create("https://app.example/oauth/callback"))   // for sign-in only
 *     .build();
 * }</pre>
 *
 * <p>Or from the environment, a system property overriding the environment variable of the same
 * name (lower case, {@code _} as {@code .}):
 *
 * <table>
 *   <caption>Configuration keys</caption>
 *   <tr><th>Environment variable</th><th>System property</th><th>Value</th></tr>
 *   <tr><td>{@code KREBIT_TENANT}</td><td>{@code krebit.tenant}</td>
 *       <td>required: the organization ({@code acme}) or a base URI ({@code https://…})</td></tr>
 *   <tr><td>{@code KREBIT_CLIENT_ID}</td><td>{@code krebit.client.id}</td><td>required</td></tr>
 *   <tr><td>{@code KREBIT_CLIENT_SECRET}</td><td>{@code krebit.client.secret}</td>
 *       <td>required; prefer the environment: command lines are visible to other users</td></tr>
 *   <tr><td>{@code KREBIT_REDIRECT_URIS}</td><td>{@code krebit.redirect.uris}</td>
 *       <td>comma-separated absolute URIs; needed for sign-in only</td></tr>
 *   <tr><td>{@code KREBIT_CONNECT_TIMEOUT}</td><td>{@code krebit.connect.timeout}</td>
 *       <td>ISO-8601 duration such as {@code PT5S}</td></tr>
 *   <tr><td>{@code KREBIT_READ_TIMEOUT}</td><td>{@code krebit.read.timeout}</td>
 *       <td>ISO-8601 duration</td></tr>
 *   <tr><td>{@code KREBIT_MAX_ATTEMPTS}</td><td>{@code krebit.max.attempts}</td><td>1 to 10</td></tr>
 *   <tr><td>{@code KREBIT_MAX_RETRY_AFTER}</td><td>{@code krebit.max.retry.after}</td>
 *       <td>ISO-8601 duration</td></tr>
 *   <tr><td>{@code KREBIT_LOG_LEVEL}</td><td>{@code krebit.log.level}</td>
 *       <td>Feign's {@code NONE}, {@code BASIC}, {@code HEADERS} or {@code FULL}</td></tr>
 *   <tr><td>{@code KREBIT_TOKEN_PATH}</td><td>{@code krebit.token.path}</td>
 *       <td>the token endpoint's path under the tenant, such as {@code /api/oauth/token}; by default
 *       {@code /oauth/token}, with {@code /api/oauth/token} asked once if that answers 404</td></tr>
 *   <tr><td>{@code KREBIT_TOKEN_URL}</td><td>{@code krebit.token.url}</td>
 *       <td>the token endpoint's whole URL, for another authorization server; not with the path</td></tr>
 *   <tr><td>{@code KREBIT_AUTHORIZE_URL}</td><td>{@code krebit.authorize.url}</td>
 *       <td>the authorization endpoint's whole URL; by default {@code /oauth/authorize} under the tenant</td></tr>
 *   <tr><td>{@code KREBIT_REQUEST_FORMAT}</td><td>{@code krebit.request.format}</td>
 *       <td>{@code JSON} (the guide's; the default) or {@code FORM} (RFC 6749)</td></tr>
 *   <tr><td>{@code KREBIT_CLIENT_AUTHENTICATION}</td><td>{@code krebit.client.authentication}</td>
 *       <td>{@code BODY} (the default) or {@code BASIC}</td></tr>
 *   <tr><td>{@code KREBIT_EXPIRES_IN_WHEN_ABSENT}</td><td>{@code krebit.expires.in.when.absent}</td>
 *       <td>ISO-8601 duration: the lifetime of tokens whose response has no {@code expires_in}</td></tr>
 * </table>
 *
 * <p>A missing or malformed value is a {@link KrebitConfigurationException} naming every key at
 * fault; no message ever contains the secret. Immutable and thread-safe; {@code toString()} shows no
 * secret.
 */
public final class KrebitAuthConfig {
  /** The environment variable of the tenant, {@value}; the class documentation lists every key. */
  public static final String ENV_TENANT = EnvironmentConfig.TENANT;
  /** The environment variable of the OAuth client id, {@value}. */
  public static final String ENV_CLIENT_ID = EnvironmentConfig.CLIENT_ID;
  /** The environment variable of the OAuth client secret, {@value}. */
  public static final String ENV_CLIENT_SECRET = EnvironmentConfig.CLIENT_SECRET;
  /** The environment variable of the redirect URIs, {@value}. */
  public static final String ENV_REDIRECT_URIS = EnvironmentConfig.REDIRECT_URIS;
  /** The environment variable of the connect timeout, {@value}. */
  public static final String ENV_CONNECT_TIMEOUT = EnvironmentConfig.CONNECT_TIMEOUT;
  /** The environment variable of the read timeout, {@value}. */
  public static final String ENV_READ_TIMEOUT = EnvironmentConfig.READ_TIMEOUT;
  /** The environment variable of the maximum number of attempts, {@value}. */
  public static final String ENV_MAX_ATTEMPTS = EnvironmentConfig.MAX_ATTEMPTS;
  /** The environment variable of the longest {@code Retry-After} honoured, {@value}. */
  public static final String ENV_MAX_RETRY_AFTER = EnvironmentConfig.MAX_RETRY_AFTER;
  /** The environment variable of Feign's log level, {@value}. */
  public static final String ENV_LOG_LEVEL = EnvironmentConfig.LOG_LEVEL;
  /** The environment variable of the token endpoint's path under the tenant, {@value}. */
  public static final String ENV_TOKEN_PATH = EnvironmentConfig.TOKEN_PATH;
  /** The environment variable of the token endpoint's whole URL, {@value}. */
  public static final String ENV_TOKEN_URL = EnvironmentConfig.TOKEN_URL;
  /** The environment variable of the authorization endpoint's whole URL, {@value}. */
  public static final String ENV_AUTHORIZE_URL = EnvironmentConfig.AUTHORIZE_URL;
  /** The environment variable of the token request format, {@value}. */
  public static final String ENV_REQUEST_FORMAT = EnvironmentConfig.REQUEST_FORMAT;
  /** The environment variable of the client authentication method, {@value}. */
  public static final String ENV_CLIENT_AUTHENTICATION = EnvironmentConfig.CLIENT_AUTHENTICATION;
  /** The environment variable of the lifetime of tokens without {@code expires_in}, {@value}. */
  public static final String ENV_EXPIRES_IN_WHEN_ABSENT = EnvironmentConfig.EXPIRES_IN_WHEN_ABSENT;

  private final Tenant tenant;
  private final String clientId;
  private final Supplier<ClientSecret> clientSecret;
  private final List<URI> redirectUris;
  private final HttpConfig http;
  private final RequestFormat requestFormat;
  private final ClientAuthentication clientAuthentication;
  private final Duration expiresInWhenAbsent;

  private KrebitAuthConfig(Builder b) {
    this.tenant = requireNonNull(b.tenant);
    this.clientId = requireNonNull(b.clientId);
    this.clientSecret = requireNonNull(b.clientSecret);
    this.redirectUris = List.copyOf(b.redirectUris);
    this.http = b.http;
    this.requestFormat = b.requestFormat;
    this.clientAuthentication = b.clientAuthentication;
    this.expiresInWhenAbsent = b.expiresInWhenAbsent;
  }

  /** A builder; tenant, client id and client secret are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The configuration in this process's environment variables and system properties; see the
   * class documentation for the keys.
   *
   * @throws KrebitConfigurationException naming each key that is missing or malformed
   */
  public static KrebitAuthConfig fromEnvironment() {
    return fromEnvironment(System.getenv(), asMap(System.getProperties()));
  }

  /**
   * The configuration in {@code environment}, each key overridden by its system property in {@code
   * systemProperties}: for tests and for configuration that comes from elsewhere.
   *
   * @throws KrebitConfigurationException naming each key that is missing or malformed
   */
  public static KrebitAuthConfig fromEnvironment(
      Map<String, String> environment, Map<String, String> systemProperties) {
    return new EnvironmentConfig(
            requireNonNull(environment, "environment"),
            requireNonNull(systemProperties, "systemProperties"))
        .read();
  }

  /**
   * The tenant alone, with the endpoints {@code KREBIT_TOKEN_PATH}, {@code KREBIT_TOKEN_URL} and
   * {@code KREBIT_AUTHORIZE_URL} set: for tools that need to know where Krebit is before, or
   * without, the client secret.
   *
   * @throws KrebitConfigurationException naming each of those keys, or {@code KREBIT_TENANT}, that
   *     is missing or malformed
   */
  public static Tenant tenantFromEnvironment(Map<String, String> environment, Map<String, String> systemProperties) {
    return new EnvironmentConfig(
            requireNonNull(environment, "environment"),
            requireNonNull(systemProperties, "systemProperties"))
        .readTenant();
  }

  /** The tenant. */
  public Tenant tenant() {
    return tenant;
  }

  /** The OAuth client id. */
  public String clientId() {
    return clientId;
  }

  /**
   * The client id and a secret from the secret supplier, which is asked anew on each call.
   *
   * @throws KrebitConfigurationException if the client id is malformed or the supplier gives no
   *     secret
   */
  public ClientCredentials credentials() {
    ClientSecret secret = clientSecret.get();
    if (secret == null) {
      throw new KrebitConfigurationException("clientSecret supplier returned no secret");
    }
    return new ClientCredentials(clientId, secret);
  }

  /** The redirect URIs of the sign-in callback, in order; empty for app-only use. */
  public List<URI> redirectUris() {
    return redirectUris;
  }

  /** The HTTP settings of every Krebit connection: token endpoint and API. */
  public HttpConfig http() {
    return http;
  }

  /** How token requests put their parameters on the wire. */
  public RequestFormat requestFormat() {
    return requestFormat;
  }

  /** How token requests authenticate the client. */
  public ClientAuthentication clientAuthentication() {
    return clientAuthentication;
  }

  /** The lifetime of a token whose response has no {@code expires_in}. */
  public Duration expiresInWhenAbsent() {
    return expiresInWhenAbsent;
  }

  @Override
  public String toString() {
    return "KrebitAuthConfig[tenant="
        + tenant.id()
        + ", clientId="
        + clientId
        + ", clientSecret=redacted, redirectUris="
        + redirectUris
        + ", tokenEndpoint="
        + tenant.tokenEndpoint()
        + ", "
        + requestFormat
        + ", "
        + clientAuthentication
        + ", expiresInWhenAbsent="
        + expiresInWhenAbsent
        + ", "
        + http
        + "]";
  }

  private static Map<String, String> asMap(Properties properties) {
    Map<String, String> map = new HashMap<>();
    properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
    return map;
  }

  /**
   * Configures a {@link KrebitAuthConfig}. Each setter checks its value at once and names the
   * setting in its {@link KrebitConfigurationException}. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable Tenant tenant;
    private @Nullable String clientId;
    private @Nullable Supplier<ClientSecret> clientSecret;
    private final Set<URI> redirectUris = new LinkedHashSet<>();
    private HttpConfig http = HttpConfig.ofDefaults();
    private RequestFormat requestFormat = FeignTokenEndpoint.DEFAULT_REQUEST_FORMAT;
    private ClientAuthentication clientAuthentication = FeignTokenEndpoint.DEFAULT_CLIENT_AUTHENTICATION;
    private Duration expiresInWhenAbsent = FeignTokenEndpoint.DEFAULT_EXPIRES_IN_WHEN_ABSENT;

    private Builder() {}

    /**
     * The tenant, with its endpoints: {@code Tenant.organization("acme")}, or {@code
     * ….withTokenPath("/api/oauth/token")} to pin a token path. Required.
     */
    public Builder tenant(Tenant tenant) {
      this.tenant = requireNonNull(tenant, "tenant");
      return this;
    }

    /** The OAuth client id, as shown under {@code /developer/my-apps}. Required. */
    public Builder clientId(String clientId) {
      this.clientId = requireNonNull(clientId, "clientId");
      return this;
    }

    /**
     * Where the client secret comes from: asked when the token source and the sign-in flow are
     * created (with {@code Stage.PRODUCTION}, at injector creation), so a secret manager is read at
     * start-up and the secret is kept by those objects, not here. Required.
     */
    public Builder clientSecret(Supplier<ClientSecret> clientSecret) {
      this.clientSecret = requireNonNull(clientSecret, "clientSecret");
      return this;
    }

    /**
     * Registers a redirect URI of the sign-in callback, exactly as registered with the Krebit
     * application: absolute, {@code https} (plain {@code http} only to a loopback host), no
     * fragment. Needed for the authorization-code flow only.
     */
    public Builder redirectUri(URI redirectUri) {
      requireNonNull(redirectUri, "redirectUri");
      AuthorizationCodeFlow.builder().redirectUri(redirectUri); // the flow's own rules, checked now
      redirectUris.add(redirectUri);
      return this;
    }

    /** {@link #redirectUri} for each of {@code redirectUris}, in order. */
    public Builder redirectUris(Collection<URI> redirectUris) {
      requireNonNull(redirectUris, "redirectUris").forEach(this::redirectUri);
      return this;
    }

    /** Timeouts, retries, size cap, TLS context and log level; default {@link HttpConfig#ofDefaults()}. */
    public Builder http(HttpConfig http) {
      this.http = requireNonNull(http, "http");
      return this;
    }

    /** See {@link FeignTokenEndpoint.Builder#requestFormat}; default JSON, as the guide shows. */
    public Builder requestFormat(RequestFormat requestFormat) {
      this.requestFormat = requireNonNull(requestFormat, "requestFormat");
      return this;
    }

    /** See {@link FeignTokenEndpoint.Builder#clientAuthentication}; default in the body. */
    public Builder clientAuthentication(ClientAuthentication clientAuthentication) {
      this.clientAuthentication = requireNonNull(clientAuthentication, "clientAuthentication");
      return this;
    }

    /** See {@link FeignTokenEndpoint.Builder#expiresInWhenAbsent}; checked the same way. */
    public Builder expiresInWhenAbsent(Duration lifetime) {
      FeignTokenEndpoint.builder().expiresInWhenAbsent(lifetime); // its rules, checked now
      this.expiresInWhenAbsent = lifetime;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws KrebitConfigurationException naming each required setting that is missing
     */
    public KrebitAuthConfig build() {
      List<String> missing = new ArrayList<>();
      if (tenant == null) {
        missing.add("tenant");
      }
      if (clientId == null) {
        missing.add("clientId");
      }
      if (clientSecret == null) {
        missing.add("clientSecret");
      }
      if (!missing.isEmpty()) {
        throw new KrebitConfigurationException(
            "KrebitAuthConfig needs " + String.join(", ", missing) + ": set them on the builder");
      }
      return new KrebitAuthConfig(this);
    }
  }
}
