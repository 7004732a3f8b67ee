package se.krebit.api;

import feign.Logger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.TokenSource;
import se.krebit.http.TransportOptions;

/**
 * The immutable configuration of one {@link KrebitClient}, as validated by its builder: transport
 * settings it leaves unset resolve to the client's {@code DEFAULT_*} constants.
 *
 * @param apiBase the API root, ending with {@code /}
 */
record ApiSettings(
    URI apiBase, TokenSource tokenSource, TransportOptions transport, int maxResponseBytes, Clock clock) {

  /** The API root without its trailing slash: Feign's target URL. */
  String target() {
    String base = apiBase.toString();
    return base.substring(0, base.length() - 1);
  }

  ApiSettings withTokenSource(TokenSource tokens) {
    return new ApiSettings(apiBase, tokens, transport, maxResponseBytes, clock);
  }

  Duration connectTimeout() {
    return transport.connectTimeout().orElse(KrebitClient.DEFAULT_CONNECT_TIMEOUT);
  }

  Duration readTimeout() {
    return transport.readTimeout().orElse(KrebitClient.DEFAULT_READ_TIMEOUT);
  }

  int maxAttempts() {
    return transport.maxAttempts().orElse(KrebitClient.DEFAULT_MAX_ATTEMPTS);
  }

  Duration initialBackoff() {
    return transport.initialBackoff().orElse(KrebitClient.DEFAULT_INITIAL_BACKOFF);
  }

  Duration maxBackoff() {
    return transport.maxBackoff().orElse(KrebitClient.DEFAULT_MAX_BACKOFF);
  }

  Duration maxRetryAfter() {
    return transport.maxRetryAfter().orElse(KrebitClient.DEFAULT_MAX_RETRY_AFTER);
  }

  /** The TLS context; null for the JVM's default. */
  @Nullable SSLContext sslContext() {
    return transport.sslContext().orElse(null);
  }

  Logger.Level logLevel() {
    return transport.logLevel().orElse(KrebitClient.DEFAULT_LOG_LEVEL);
  }
}
