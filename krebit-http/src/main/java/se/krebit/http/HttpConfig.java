package se.krebit.http;

import static java.util.Objects.requireNonNull;

import feign.Logger;
import java.net.Authenticator;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.http.internal.JdkHttpTransport;

/**
 * How Krebit talks HTTP: timeouts, retries, size cap, TLS context and wire logging, the same for
 * token requests and API calls. Every setting has one value here, resolved from the {@code
 * DEFAULT_*} constants when not set; build with {@link #custom()}, derive with {@link #from}.
 *
 * <p>Immutable and thread-safe. Each setter checks its value at once and names the setting in its
 * {@link KrebitConfigurationException}.
 *
 * <pre>{@code
 * HttpConfig http = HttpConfig.custom()
 *     .connectTimeout(Duration.ofSeconds(3))
 *     .maxAttempts(2)
 *     .build();
 * }</pre>
 */
public final class HttpConfig {
  /** Time to connect, TLS handshake included: 5 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * The deadline of one exchange, request sent to the response body's last byte: 30 s. Long enough
   * for a document upload on a slow link; a token request that hangs this long holds up the callers
   * waiting for it, so a service that refreshes on the request path may want less.
   */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

  /** Attempts per call, the first included: 3. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** Wait before the first retry, doubled per retry with ±50 % jitter: 200 ms. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);

  /** Cap of the computed backoff: 5 s. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

  /** Longest {@code Retry-After} waited for before retrying: 10 s. */
  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(10);

  /**
   * Largest response body read: 1 MiB. A token response is a few hundred bytes, a page of signings
   * some kilobytes: the cap only bounds what a broken or hostile server can make us hold.
   */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

  /** Wire log level: BASIC, one redacted line per exchange at SLF4J DEBUG. */
  public static final Logger.Level DEFAULT_LOG_LEVEL = Logger.Level.BASIC;

  /** The smallest response cap that may be set: 1 KiB. */
  public static final int MIN_RESPONSE_BYTES = 1024;

  /** The largest response cap that may be set: 64 MiB. */
  public static final int MAX_RESPONSE_BYTES_LIMIT = 64 * 1024 * 1024;

  /** The JDK {@code HttpClient}: the transport unless another is set. */
  private static final HttpTransport.Factory JDK = JdkHttpTransport::create;

  private static final HttpConfig DEFAULTS = new Builder().build();

  private final Duration connectTimeout;
  private final Duration callTimeout;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final int maxResponseBytes;
  private final @Nullable SSLContext sslContext;
  private final Logger.Level logLevel;
  private final HttpTransport.Factory transport;
  private final @Nullable ProxySelector proxy;
  private final @Nullable Authenticator authenticator;
  private final @Nullable Consumer<HttpClient.Builder> httpClientCustomizer;

  private HttpConfig(Builder b) {
    this.connectTimeout = b.connectTimeout;
    this.callTimeout = b.callTimeout;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRetryAfter = b.maxRetryAfter;
    this.maxResponseBytes = b.maxResponseBytes;
    this.sslContext = b.sslContext;
    this.logLevel = b.logLevel;
    this.transport = b.transport;
    this.proxy = b.proxy;
    this.authenticator = b.authenticator;
    this.httpClientCustomizer = b.httpClientCustomizer;
  }

  /** Every setting at its default. */
  public static HttpConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder custom() {
    return new Builder();
  }

  /** A builder starting from {@code base}'s settings, to derive a variant. */
  public static Builder from(HttpConfig base) {
    return new Builder(requireNonNull(base, "base"));
  }

  /** Time to connect, TLS handshake included. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The deadline of one exchange, from the request sent to the response body's last byte. */
  public Duration callTimeout() {
    return callTimeout;
  }

  /** Attempts per call, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Backoff before the first retry. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** Cap of the computed backoff. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** The longest {@code Retry-After} waited for before retrying. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /** The largest response body read; a larger one is an unusable response. */
  public int maxResponseBytes() {
    return maxResponseBytes;
  }

  /** The TLS context; empty for the JVM's. Only TLS 1.3 and 1.2 are ever used from it. */
  public Optional<SSLContext> sslContext() {
    return Optional.ofNullable(sslContext);
  }

  /** Feign's wire log level; every level but NONE logs the same redacted lines. */
  public Logger.Level logLevel() {
    return logLevel;
  }

  /** What sends the requests: the JDK {@code HttpClient} unless another transport was set. */
  public HttpTransport.Factory transport() {
    return transport;
  }

  /** The proxies to connect through, per URI; empty for the JVM-wide default selector. */
  public Optional<ProxySelector> proxy() {
    return Optional.ofNullable(proxy);
  }

  /**
   * Answers servers' and proxies' authentication challenges (a 407 from a corporate proxy); empty
   * for none.
   */
  public Optional<Authenticator> authenticator() {
    return Optional.ofNullable(authenticator);
  }

  /** Applied last to the JDK transport's {@code HttpClient.Builder}; empty for none. */
  public Optional<Consumer<HttpClient.Builder>> httpClientCustomizer() {
    return Optional.ofNullable(httpClientCustomizer);
  }

  @Override
  public String toString() {
    return "HttpConfig[connectTimeout="
        + connectTimeout
        + ", callTimeout="
        + callTimeout
        + ", maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", maxRetryAfter="
        + maxRetryAfter
        + ", maxResponseBytes="
        + maxResponseBytes
        + ", sslContext="
        + (sslContext == null ? "default" : sslContext.getProtocol())
        + ", logLevel="
        + logLevel
        + ", transport="
        + (transport == JDK ? "jdk" : "custom")
        + (proxy == null ? "" : ", proxy=set")
        + (authenticator == null ? "" : ", authenticator=set")
        + (httpClientCustomizer == null ? "" : ", httpClientCustomizer=set")
        + "]";
  }

  /** Configures an {@link HttpConfig}. Not thread-safe. */
  public static final class Builder {
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;
    private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private @Nullable SSLContext sslContext;
    private Logger.Level logLevel = DEFAULT_LOG_LEVEL;
    private HttpTransport.Factory transport = JDK;
    private @Nullable ProxySelector proxy;
    private @Nullable Authenticator authenticator;
    private @Nullable Consumer<HttpClient.Builder> httpClientCustomizer;

    private Builder() {}

    private Builder(HttpConfig c) {
      connectTimeout = c.connectTimeout;
      callTimeout = c.callTimeout;
      maxAttempts = c.maxAttempts;
      initialBackoff = c.initialBackoff;
      maxBackoff = c.maxBackoff;
      maxRetryAfter = c.maxRetryAfter;
      maxResponseBytes = c.maxResponseBytes;
      sslContext = c.sslContext;
      logLevel = c.logLevel;
      transport = c.transport;
      proxy = c.proxy;
      authenticator = c.authenticator;
      httpClientCustomizer = c.httpClientCustomizer;
    }

    /**
     * Connect timeout, TLS handshake included; at least 1 ms; default {@link
     * #DEFAULT_CONNECT_TIMEOUT}.
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Checks.timeout("connectTimeout", connectTimeout);
      return this;
    }

    /**
     * The deadline of one exchange, from the request sent to the response body's last byte (not a
     * per-read timeout); at least 1 ms; default {@link #DEFAULT_CALL_TIMEOUT}.
     */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = Checks.timeout("callTimeout", callTimeout);
      return this;
    }

    /**
     * Attempts per call, the first included: 1 (no retries) to 10; default {@value
     * #DEFAULT_MAX_ATTEMPTS}.
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = Checks.attempts("maxAttempts", maxAttempts);
      return this;
    }

    /**
     * Backoff before the first retry, doubled per retry with jitter; at least 1 ms; default {@link
     * #DEFAULT_INITIAL_BACKOFF}.
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = Checks.timeout("initialBackoff", initialBackoff);
      return this;
    }

    /**
     * Cap of the computed backoff; at least 1 ms, not below the initial backoff; default {@link
     * #DEFAULT_MAX_BACKOFF}.
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = Checks.timeout("maxBackoff", maxBackoff);
      return this;
    }

    /**
     * The longest {@code Retry-After} waited for in line; a server asking for more gets no retry
     * and the error carries its {@code Retry-After}. Zero or more; default {@link
     * #DEFAULT_MAX_RETRY_AFTER}.
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = Checks.notNegative("maxRetryAfter", maxRetryAfter);
      return this;
    }

    /**
     * The largest response body read; a larger one is an unusable response. 1 KiB to 64 MiB;
     * default {@value #DEFAULT_MAX_RESPONSE_BYTES}.
     */
    public Builder maxResponseBytes(int maxResponseBytes) {
      this.maxResponseBytes =
          Checks.inRange(
              "maxResponseBytes", maxResponseBytes, MIN_RESPONSE_BYTES, MAX_RESPONSE_BYTES_LIMIT);
      return this;
    }

    /**
     * The TLS context, for example one trusting a private CA; default the JVM's. Whatever it
     * enables, only TLS 1.3 and 1.2 are used.
     */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = requireNonNull(sslContext, "sslContext");
      return this;
    }

    /**
     * Feign's wire log level; {@link Logger.Level#NONE} turns wire logging off. Every other level
     * logs the same redacted line (method, URL without query, status, elapsed time, {@code
     * request_id}) at SLF4J DEBUG: {@code FULL} adds no headers or bodies. Default {@link
     * #DEFAULT_LOG_LEVEL}.
     */
    public Builder logLevel(Logger.Level logLevel) {
      this.logLevel = requireNonNull(logLevel, "logLevel");
      return this;
    }

    /**
     * What sends the requests, for example an optional module's OkHttp transport; default the JDK
     * {@code HttpClient}. The factory is called once per client built from this configuration, and
     * its transport must keep {@link HttpTransport}'s contract.
     */
    public Builder transport(HttpTransport.Factory transport) {
      this.transport = requireNonNull(transport, "transport");
      return this;
    }

    /**
     * The proxies to connect through, for example {@code ProxySelector.of(address)} for a corporate
     * egress proxy, for this configuration's clients only; default the JVM-wide {@code
     * ProxySelector.getDefault()} (the {@code https.proxyHost} system properties). HTTPS goes
     * through the proxy in a {@code CONNECT} tunnel, so TLS still ends at the Krebit server.
     */
    public Builder proxy(ProxySelector proxy) {
      this.proxy = requireNonNull(proxy, "proxy");
      return this;
    }

    /**
     * Answers authentication challenges, such as a proxy's 407; default none. Only this
     * configuration's clients ask it, never the JVM-wide default authenticator. The JDK refuses
     * Basic for HTTPS tunnels unless the system property {@code
     * jdk.http.auth.tunneling.disabledSchemes} allows it.
     */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = requireNonNull(authenticator, "authenticator");
      return this;
    }

    /**
     * Changes the JDK transport's {@code HttpClient.Builder} after every setting here is applied:
     * an executor, a local address, a cookie handler. It may not change TLS (set {@link
     * #sslContext}) nor redirects: the transport refuses a client whose TLS context, protocols (TLS
     * 1.3 and 1.2 only) or redirect policy (never) differ from its own, with a {@link
     * KrebitConfigurationException}. Another transport ignores it.
     */
    public Builder httpClientCustomizer(Consumer<HttpClient.Builder> customizer) {
      this.httpClientCustomizer = requireNonNull(customizer, "httpClientCustomizer");
      return this;
    }

    /**
     * The configuration.
     *
     * @throws KrebitConfigurationException if {@code maxBackoff} is below {@code initialBackoff}
     */
    public HttpConfig build() {
      Checks.backoffOrder(initialBackoff, maxBackoff);
      return new HttpConfig(this);
    }
  }
}
