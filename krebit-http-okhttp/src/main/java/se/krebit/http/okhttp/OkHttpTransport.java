package se.krebit.http.okhttp;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.Authenticator;
import java.net.ProxySelector;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Krebit's transport on OkHttp: one shared {@link OkHttpClient} per configuration, with the same rules
 * as the default JDK transport (TLS 1.3 and 1.2 only, no redirects, one deadline for the whole call,
 * bodies capped, a per-client proxy and proxy authenticator, failures that quote nothing a server
 * sent). Variants, such as another connect timeout, are derived with OkHttp's {@code newBuilder()} and
 * share the connection pool and dispatcher. Thread-safe.
 */
public final class OkHttpTransport {
  /** The connect timeout unless set: 5 seconds, as the JDK transport's. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final OkHttpClient client;

  private OkHttpTransport(OkHttpClient client) {
    this.client = client;
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** This transport with another connect timeout, sharing the connection pool and dispatcher. */
  public OkHttpTransport withConnectTimeout(Duration connectTimeout) {
    return new OkHttpTransport(client.newBuilder().connectTimeout(requireNonNull(connectTimeout, "connectTimeout")).build());
  }

  OkHttpClient client() {
    return client;
  }

  BoundedExchange.Received send(String method, URI uri, Map<String, List<String>> headers, byte @Nullable [] body,
      int maxBodyBytes, Duration deadline) throws IOException {
    return BoundedExchange.send(client, method, uri, headers, body, maxBodyBytes, deadline);
  }

  @Override
  public String toString() {
    return "OkHttpTransport[connectTimeout=" + client.connectTimeoutMillis() + " ms]";
  }

  /** Configures an {@link OkHttpTransport}; every setting has a default. */
  public static final class Builder {
    private @Nullable SSLContext sslContext;
    private @Nullable X509TrustManager trustManager;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private @Nullable ProxySelector proxy;
    private @Nullable Authenticator authenticator;

    private Builder() {}

    /**
     * The TLS context and its trust manager (OkHttp asks for both); by default the JVM's. The
     * context decides whom to trust; the trust manager serves OkHttp's chain cleaning only.
     */
    public Builder sslContext(SSLContext sslContext, X509TrustManager trustManager) {
      this.sslContext = requireNonNull(sslContext, "sslContext");
      this.trustManager = requireNonNull(trustManager, "trustManager");
      return this;
    }

    /** How long to wait for a connection (TCP and TLS); {@link #DEFAULT_CONNECT_TIMEOUT} unless set. */
    public Builder connectTimeout(Duration connectTimeout) {
      requireNonNull(connectTimeout, "connectTimeout");
      if (connectTimeout.isNegative() || connectTimeout.isZero()) {
        throw new IllegalArgumentException("connectTimeout must be positive");
      }
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** The proxy selector of this client (corporate egress); direct connections unless set. */
    public Builder proxy(ProxySelector proxy) {
      this.proxy = requireNonNull(proxy, "proxy");
      return this;
    }

    /** Answers this client's proxy challenges (407); never the process-wide default authenticator. */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = requireNonNull(authenticator, "authenticator");
      return this;
    }

    /** The transport, with its one shared client. */
    public OkHttpTransport build() {
      return new OkHttpTransport(OkHttpClients.create(sslContext, trustManager, connectTimeout, proxy, authenticator));
    }
  }
}
