package se.krebit.spring.boot;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import se.krebit.auth.feign.KrebitAuthConfig;

/**
 * The {@code krebit.*} settings: each is named as the system property of {@link
 * KrebitAuthConfig#fromEnvironment()} ({@code krebit.client.id}), so Boot's relaxed binding also
 * reads the same environment variable ({@code KREBIT_CLIENT_ID}), and each is read by the same
 * code, with the same checks and errors, through {@link #toKeys()}. The client secret never appears
 * in {@link #toString()}.
 */
@ConfigurationProperties("krebit")
public class KrebitProperties {
  /**
   * The tenant: the organization ({@code acme}, for https://acme.krebit.se) or a base URI.
   * Required.
   */
  private @Nullable String tenant;

  private final Client client = new Client();
  private final Redirect redirect = new Redirect();
  private final Token token = new Token();
  private final Url authorize = new Url();
  private final Request request = new Request();
  private final Timeout connect = new Timeout();
  private final Timeout read = new Timeout();
  private final Max max = new Max();
  private final Log log = new Log();
  private final Expires expires = new Expires();
  private final Interceptor interceptor = new Interceptor();

  public @Nullable String getTenant() {
    return tenant;
  }

  public void setTenant(@Nullable String tenant) {
    this.tenant = tenant;
  }

  public Client getClient() {
    return client;
  }

  public Redirect getRedirect() {
    return redirect;
  }

  public Token getToken() {
    return token;
  }

  /**
   * {@code krebit.authorize.url}: the authorization endpoint; default {@code /oauth/authorize}
   * under the tenant.
   */
  public Url getAuthorize() {
    return authorize;
  }

  public Request getRequest() {
    return request;
  }

  /** {@code krebit.connect.timeout}: how long a connection may take to open. */
  public Timeout getConnect() {
    return connect;
  }

  /** {@code krebit.read.timeout}: the deadline of a whole call, retries included. */
  public Timeout getRead() {
    return read;
  }

  public Max getMax() {
    return max;
  }

  public Log getLog() {
    return log;
  }

  public Expires getExpires() {
    return expires;
  }

  /**
   * {@code krebit.interceptor.*}: the interceptors for RestClient, RestTemplate and WebClient;
   * Spring only.
   */
  public Interceptor getInterceptor() {
    return interceptor;
  }

  /**
   * The settings as {@link KrebitAuthConfig#fromEnvironment(Map, Map)}'s system properties, the set
   * ones only: durations as ISO-8601, enums by name, redirect URIs comma-separated.
   */
  public Map<String, String> toKeys() {
    Map<String, String> keys = new LinkedHashMap<>();
    put(keys, "krebit.tenant", tenant);
    put(keys, "krebit.client.id", client.id);
    put(keys, "krebit.client.secret", client.secret);
    put(keys, "krebit.client.authentication", client.authentication);
    if (!redirect.uris.isEmpty()) {
      keys.put(
          "krebit.redirect.uris",
          redirect.uris.stream().map(URI::toString).collect(Collectors.joining(",")));
    }
    put(keys, "krebit.token.path", token.path);
    put(keys, "krebit.token.url", token.url);
    put(keys, "krebit.authorize.url", authorize.url);
    put(keys, "krebit.request.format", request.format);
    put(keys, "krebit.connect.timeout", connect.timeout);
    put(keys, "krebit.read.timeout", read.timeout);
    put(keys, "krebit.max.attempts", max.attempts);
    put(keys, "krebit.max.retry.after", max.retry.after);
    put(keys, "krebit.log.level", log.level);
    put(keys, "krebit.expires.in.when.absent", expires.in.when.absent);
    return keys;
  }

  /** The configuration these settings describe. */
  KrebitAuthConfig toConfig() {
    return KrebitAuthConfig.fromEnvironment(Map.of(), toKeys());
  }

  private static void put(Map<String, String> keys, String key, @Nullable Object value) {
    if (value != null) {
      keys.put(key, value.toString());
    }
  }

  @Override
  public String toString() {
    Map<String, String> keys = toKeys();
    keys.computeIfPresent("krebit.client.secret", (key, value) -> "[redacted]");
    return "KrebitProperties" + keys;
  }

  /** {@code krebit.client.*}: the OAuth client. */
  public static class Client {
    /** The OAuth client id. Required. */
    private @Nullable String id;

    /**
     * The client secret. Required; prefer the environment variable KREBIT_CLIENT_SECRET or a secret
     * store.
     */
    private @Nullable String secret;

    /** How the client authenticates to the token endpoint: BODY (default) or BASIC. */
    private @Nullable String authentication;

    public @Nullable String getId() {
      return id;
    }

    public void setId(@Nullable String id) {
      this.id = id;
    }

    public @Nullable String getSecret() {
      return secret;
    }

    public void setSecret(@Nullable String secret) {
      this.secret = secret;
    }

    public @Nullable String getAuthentication() {
      return authentication;
    }

    public void setAuthentication(@Nullable String authentication) {
      this.authentication = authentication;
    }

    @Override
    public String toString() {
      return "Client[" + id + "]";
    }
  }

  /** {@code krebit.redirect.*}: sign-in. */
  public static class Redirect {
    /** The redirect URIs for sign-in, exactly as registered; none: no sign-in flow. */
    private List<URI> uris = new ArrayList<>();

    public List<URI> getUris() {
      return uris;
    }

    public void setUris(List<URI> uris) {
      this.uris = new ArrayList<>(uris);
    }
  }

  /** {@code krebit.token.*}: the token endpoint. */
  public static class Token {
    /**
     * The token endpoint's path under the tenant; default /oauth/token, then /api/oauth/token once
     * after a 404.
     */
    private @Nullable String path;

    /** The token endpoint's whole URL, for another authorization server; not with the path. */
    private @Nullable URI url;

    public @Nullable String getPath() {
      return path;
    }

    public void setPath(@Nullable String path) {
      this.path = path;
    }

    public @Nullable URI getUrl() {
      return url;
    }

    public void setUrl(@Nullable URI url) {
      this.url = url;
    }
  }

  /** A URL setting ({@code krebit.authorize.url}). */
  public static class Url {
    /** The URL. */
    private @Nullable URI url;

    public @Nullable URI getUrl() {
      return url;
    }

    public void setUrl(@Nullable URI url) {
      this.url = url;
    }
  }

  /** {@code krebit.request.*}: token requests. */
  public static class Request {
    /** The token request format: JSON (default, the guide's) or FORM (RFC 6749's). */
    private @Nullable String format;

    public @Nullable String getFormat() {
      return format;
    }

    public void setFormat(@Nullable String format) {
      this.format = format;
    }
  }

  /** A timeout setting ({@code krebit.connect.timeout}, {@code krebit.read.timeout}). */
  public static class Timeout {
    /** The timeout; default HttpConfig's. */
    private @Nullable Duration timeout;

    public @Nullable Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(@Nullable Duration timeout) {
      this.timeout = timeout;
    }
  }

  /** {@code krebit.max.*}: retries. */
  public static class Max {
    /** How many times a call is tried in all; default HttpConfig's. */
    private @Nullable Integer attempts;

    private final Retry retry = new Retry();

    public @Nullable Integer getAttempts() {
      return attempts;
    }

    public void setAttempts(@Nullable Integer attempts) {
      this.attempts = attempts;
    }

    public Retry getRetry() {
      return retry;
    }
  }

  /** {@code krebit.max.retry.*}. */
  public static class Retry {
    /** The longest Retry-After honoured; default HttpConfig's. */
    private @Nullable Duration after;

    public @Nullable Duration getAfter() {
      return after;
    }

    public void setAfter(@Nullable Duration after) {
      this.after = after;
    }
  }

  /** {@code krebit.log.*}. */
  public static class Log {
    /** What the HTTP log shows, redacted: NONE (default), BASIC, HEADERS or FULL. */
    private @Nullable String level;

    public @Nullable String getLevel() {
      return level;
    }

    public void setLevel(@Nullable String level) {
      this.level = level;
    }
  }

  /** {@code krebit.expires.in.when.absent}: named as KREBIT_EXPIRES_IN_WHEN_ABSENT. */
  public static class Expires {
    private final In in = new In();

    public In getIn() {
      return in;
    }
  }

  /** {@code krebit.expires.in.*}. */
  public static class In {
    private final When when = new When();

    public When getWhen() {
      return when;
    }
  }

  /** {@code krebit.expires.in.when.*}. */
  public static class When {
    /** The lifetime of a token whose response has no expires_in; default 5 min. */
    private @Nullable Duration absent;

    public @Nullable Duration getAbsent() {
      return absent;
    }

    public void setAbsent(@Nullable Duration absent) {
      this.absent = absent;
    }
  }

  /** {@code krebit.interceptor.*}. */
  public static class Interceptor {
    /**
     * Whether a request of any method is sent again after a 401 with a new token; default false:
     * only idempotent ones (GET, HEAD, OPTIONS, PUT, DELETE, TRACE), since the server may have
     * acted on the rest.
     */
    private boolean retryAnyMethod;

    public boolean isRetryAnyMethod() {
      return retryAnyMethod;
    }

    public void setRetryAnyMethod(boolean retryAnyMethod) {
      this.retryAnyMethod = retryAnyMethod;
    }
  }
}
