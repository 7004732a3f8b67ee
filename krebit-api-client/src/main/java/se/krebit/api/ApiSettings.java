package se.krebit.api;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.TokenSource;
import se.krebit.http.HttpConfig;

/**
 * The immutable configuration of one {@link KrebitClient}, as validated by its builder.
 *
 * @param apiBase the API root, ending with {@code /}
 * @param listener hears every call from its start
 */
record ApiSettings(
    URI apiBase,
    TokenSource tokenSource,
    HttpConfig transport,
    Clock clock,
    ApiCallListener listener) {

  /** The API root without its trailing slash: Feign's target URL. */
  String target() {
    String base = apiBase.toString();
    return base.substring(0, base.length() - 1);
  }

  ApiSettings withTokenSource(TokenSource tokens) {
    return new ApiSettings(apiBase, tokens, transport, clock, listener);
  }

  HttpConfig http() {
    return transport;
  }

  int maxResponseBytes() {
    return transport.maxResponseBytes();
  }

  Duration connectTimeout() {
    return transport.connectTimeout();
  }

  Duration callTimeout() {
    return transport.callTimeout();
  }

  /** The TLS context; null for the JVM's default. */
  @Nullable SSLContext sslContext() {
    return transport.sslContext().orElse(null);
  }
}
