package se.krebit.http.okhttp;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.Authenticator;
import java.net.ProxySelector;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import se.krebit.http.HttpConfig;
import se.krebit.http.HttpTransport;

/**
 * Krebit's transport on OkHttp, chosen with {@code
 * HttpConfig.custom().transport(OkHttpTransport.factory())}: one shared {@link OkHttpClient} per
 * configuration, keeping {@link HttpTransport}'s contract as the default JDK transport does (TLS
 * 1.3 and 1.2 only, no redirects, one deadline for the whole call, no thread per call, bodies
 * capped, failures that quote nothing a server sent). Variants, such as another connect timeout,
 * are derived with OkHttp's {@code newBuilder()} and share the connection pool and dispatcher.
 * Thread-safe.
 */
public final class OkHttpTransport implements HttpTransport {
  private final OkHttpClient client;
  private final int maxBodyBytes;
  private final OkHttpRequests requests = new OkHttpRequests();

  private OkHttpTransport(OkHttpClient client, int maxBodyBytes) {
    this.client = client;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** What {@link HttpConfig.Builder#transport} takes to send through OkHttp. */
  public static HttpTransport.Factory factory() {
    return OkHttpTransport::create;
  }

  /**
   * The OkHttp transport of {@code config}: its TLS context (trust decided by the context; OkHttp
   * gets the JVM's default trust manager for its chain cleaner, used only for certificate pinning,
   * which Krebit does not configure), connect timeout, response cap, proxy and proxy authenticator.
   * The JDK {@code HttpClient.Builder} customiser has no meaning here and is not applied.
   *
   * @throws se.krebit.auth.KrebitConfigurationException if the context has neither TLS 1.3 nor 1.2
   */
  public static OkHttpTransport create(HttpConfig config) {
    Builder builder = new Builder().connectTimeout(config.connectTimeout());
    config.proxy().ifPresent(builder::proxy);
    config.authenticator().ifPresent(builder::authenticator);
    return builder.build(config.sslContext().orElse(null), config.maxResponseBytes());
  }

  @Override
  public Response send(Request request) throws IOException {
    return BoundedExchange.send(client, requests, request, maxBodyBytes);
  }

  /** This transport with another connect timeout, sharing the connection pool and dispatcher. */
  OkHttpTransport withConnectTimeout(Duration connectTimeout) {
    return new OkHttpTransport(
        client
            .newBuilder()
            .connectTimeout(requireNonNull(connectTimeout, "connectTimeout"))
            .build(),
        maxBodyBytes);
  }

  OkHttpClient client() {
    return client;
  }

  @Override
  public String toString() {
    return "OkHttpTransport[connectTimeout="
        + client.connectTimeoutMillis()
        + " ms, maxBodyBytes="
        + maxBodyBytes
        + "]";
  }

  /** The settings of one client, from an {@link HttpConfig} or a test. */
  static final class Builder {
    private Duration connectTimeout = HttpConfig.DEFAULT_CONNECT_TIMEOUT;
    private @Nullable ProxySelector proxy;
    private @Nullable Authenticator authenticator;

    Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout");
      return this;
    }

    Builder proxy(ProxySelector proxy) {
      this.proxy = requireNonNull(proxy, "proxy");
      return this;
    }

    Builder authenticator(Authenticator authenticator) {
      this.authenticator = requireNonNull(authenticator, "authenticator");
      return this;
    }

    OkHttpTransport build(javax.net.ssl.@Nullable SSLContext sslContext, int maxBodyBytes) {
      return new OkHttpTransport(
          OkHttpClients.create(sslContext, null, connectTimeout, proxy, authenticator),
          maxBodyBytes);
    }
  }
}
