package se.krebit.http;

import static java.util.Objects.requireNonNull;

import feign.Logger;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.http.internal.Checks;

/**
 * HTTP settings shared by every Krebit connection of an application: timeouts, retries, TLS
 * context and wire log level. A setting left unset keeps the default of the component it is applied
 * to ({@code FeignTokenEndpoint.Builder#transport}, and the API client's builder), whose own
 * {@code DEFAULT_*} constants document it.
 *
 * <p>Immutable and thread-safe. Each setter checks its value at once and names the setting in its
 * {@link KrebitConfigurationException}.
 *
 * <pre>{@code
 * TransportOptions transport = TransportOptions.builder()
 *     .connectTimeout(Duration.ofSeconds(3))
 *     .maxAttempts(2)
 *     .build();
 * }</pre>
 */
public final class TransportOptions {
  private static final TransportOptions DEFAULTS = new Builder().build();

  private final @Nullable Duration connectTimeout;
  private final @Nullable Duration readTimeout;
  private final @Nullable Integer maxAttempts;
  private final @Nullable Duration initialBackoff;
  private final @Nullable Duration maxBackoff;
  private final @Nullable Duration maxRetryAfter;
  private final @Nullable SSLContext sslContext;
  private final Logger.@Nullable Level logLevel;

  private TransportOptions(Builder b) {
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRetryAfter = b.maxRetryAfter;
    this.sslContext = b.sslContext;
    this.logLevel = b.logLevel;
  }

  /** No setting made: every component keeps its defaults. */
  public static TransportOptions defaults() {
    return DEFAULTS;
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to derive a variant. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Time to connect, TLS handshake included. */
  public Optional<Duration> connectTimeout() {
    return Optional.ofNullable(connectTimeout);
  }

  /** The longest wait for the whole response, from the request sent to the body's last byte. */
  public Optional<Duration> readTimeout() {
    return Optional.ofNullable(readTimeout);
  }

  /** Attempts per call, the first included. */
  public OptionalInt maxAttempts() {
    return maxAttempts == null ? OptionalInt.empty() : OptionalInt.of(maxAttempts);
  }

  /** Backoff before the first retry. */
  public Optional<Duration> initialBackoff() {
    return Optional.ofNullable(initialBackoff);
  }

  /** Cap of the computed backoff. */
  public Optional<Duration> maxBackoff() {
    return Optional.ofNullable(maxBackoff);
  }

  /** The longest {@code Retry-After} waited for before retrying. */
  public Optional<Duration> maxRetryAfter() {
    return Optional.ofNullable(maxRetryAfter);
  }

  /** The TLS context; only TLS 1.3 and 1.2 are ever used from it. */
  public Optional<SSLContext> sslContext() {
    return Optional.ofNullable(sslContext);
  }

  /** Feign's wire log level; every level but NONE logs the same redacted lines. */
  public Optional<Logger.Level> logLevel() {
    return Optional.ofNullable(logLevel);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("TransportOptions[");
    append(text, "connectTimeout", connectTimeout);
    append(text, "readTimeout", readTimeout);
    append(text, "maxAttempts", maxAttempts);
    append(text, "initialBackoff", initialBackoff);
    append(text, "maxBackoff", maxBackoff);
    append(text, "maxRetryAfter", maxRetryAfter);
    append(text, "sslContext", sslContext == null ? null : sslContext.getProtocol());
    append(text, "logLevel", logLevel);
    return text.append(']').toString();
  }

  private static void append(StringBuilder text, String name, @Nullable Object value) {
    if (value != null) {
      text.append(text.charAt(text.length() - 1) == '[' ? "" : ", ").append(name).append('=').append(value);
    }
  }

  /** Configures {@link TransportOptions}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Duration connectTimeout;
    private @Nullable Duration readTimeout;
    private @Nullable Integer maxAttempts;
    private @Nullable Duration initialBackoff;
    private @Nullable Duration maxBackoff;
    private @Nullable Duration maxRetryAfter;
    private @Nullable SSLContext sslContext;
    private Logger.@Nullable Level logLevel;

    private Builder() {}

    private Builder(TransportOptions o) {
      connectTimeout = o.connectTimeout;
      readTimeout = o.readTimeout;
      maxAttempts = o.maxAttempts;
      initialBackoff = o.initialBackoff;
      maxBackoff = o.maxBackoff;
      maxRetryAfter = o.maxRetryAfter;
      sslContext = o.sslContext;
      logLevel = o.logLevel;
    }

    /** Connect timeout, TLS handshake included; at least 1 ms. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Checks.timeout("connectTimeout", connectTimeout);
      return this;
    }

    /** The longest wait for the whole response, headers and body; at least 1 ms. */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = Checks.timeout("readTimeout", readTimeout);
      return this;
    }

    /** Attempts per call, the first included: 1 (no retries) to 10. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = Checks.attempts("maxAttempts", maxAttempts);
      return this;
    }

    /** Backoff before the first retry, doubled per retry with jitter; at least 1 ms. */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = Checks.timeout("initialBackoff", initialBackoff);
      return this;
    }

    /** Cap of the computed backoff; at least 1 ms. */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = Checks.timeout("maxBackoff", maxBackoff);
      return this;
    }

    /** The longest {@code Retry-After} waited for in line; zero or more. */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = Checks.notNegative("maxRetryAfter", maxRetryAfter);
      return this;
    }

    /** The TLS context, for example one trusting a private CA. */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = requireNonNull(sslContext, "sslContext");
      return this;
    }

    /** Feign's wire log level; {@link Logger.Level#NONE} turns wire logging off. */
    public Builder logLevel(Logger.Level logLevel) {
      this.logLevel = requireNonNull(logLevel, "logLevel");
      return this;
    }

    /** The options. */
    public TransportOptions build() {
      return new TransportOptions(this);
    }
  }
}
