package se.krebit.http.internal;

import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.internal.TlsParameters;
import se.krebit.http.HttpConfig;

/**
 * Builds the JDK {@link HttpClient} under Feign: TLS 1.3 and 1.2 only, host name verification on,
 * no redirects (a request carrying a secret or token must never be replayed to another host),
 * HTTP/1.1 (it spares plain-HTTP test servers an h2c upgrade).
 */
public final class TlsHttpClients {
  private TlsHttpClients() {}

  /**
   * The client {@code config} describes: its TLS context, connect timeout, proxy and authenticator,
   * then its customiser.
   *
   * @throws KrebitConfigurationException as {@link #create(SSLContext, Duration)}, or if the
   *     customiser changed the TLS context, the protocols or the redirect policy
   */
  public static HttpClient create(HttpConfig config) {
    SSLContext context =
        config.sslContext().orElseGet(() -> TlsParameters.jvmDefault("set sslContext"));
    HttpClient.Builder builder = builder(context, config.connectTimeout());
    config.proxy().ifPresent(builder::proxy);
    config.authenticator().ifPresent(builder::authenticator);
    if (config.httpClientCustomizer().isEmpty()) {
      return build(builder);
    }
    config.httpClientCustomizer().get().accept(builder);
    HttpClient client = build(builder);
    // Checked on the client built, as HttpClient.Builder has no getters. A refused client is
    // dropped
    // unused: its selector thread ends when it is collected.
    if (client.sslContext() != context
        || !Set.copyOf(Arrays.asList(client.sslParameters().getProtocols()))
            .equals(Set.copyOf(TlsParameters.PROTOCOLS))
        || client.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new KrebitConfigurationException(
          "httpClientCustomizer must not change TLS or redirects: set HttpConfig.sslContext for a TLS context;"
              + " only TLS 1.3 and 1.2 are used and redirects are never followed");
    }
    return client;
  }

  /**
   * @param sslContext the context to use; null for the JVM's default
   * @param connectTimeout the TCP and TLS connect timeout
   * @throws KrebitConfigurationException if the context supports neither TLS 1.3 nor TLS 1.2, or
   *     the JDK can't create a client (no descriptor left for its selector)
   */
  public static HttpClient create(@Nullable SSLContext sslContext, Duration connectTimeout) {
    SSLContext context =
        sslContext != null ? sslContext : TlsParameters.jvmDefault("set sslContext");
    return build(builder(context, connectTimeout));
  }

  private static HttpClient.Builder builder(SSLContext context, Duration connectTimeout) {
    return HttpClient.newBuilder()
        .sslContext(context)
        .sslParameters(TlsParameters.strict(context, "sslContext"))
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        // A customiser may set its own; steps then hop to its threads, as under plain sendAsync.
        .executor(ExchangeExecutor.shared());
  }

  private static HttpClient build(HttpClient.Builder builder) {
    try {
      return builder.build();
    } catch (UncheckedIOException e) {
      // The JDK opens a selector per client: this fails when the process is out of descriptors.
      throw new KrebitConfigurationException(
          "the JDK could not create an HTTP client ("
              + e.getCause().getClass().getSimpleName()
              + "); is the process out of file descriptors?");
    }
  }
}
