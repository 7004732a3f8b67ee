package se.krebit.http.okhttp;

import java.net.Authenticator;
import java.net.ProxySelector;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.TlsVersion;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.internal.TlsParameters;

/**
 * Builds the one {@link OkHttpClient} of a configuration with Krebit's transport policy: TLS 1.3
 * and 1.2 only (the versions of {@link TlsParameters#PROTOCOLS}) with the context's cipher suites,
 * cleartext allowed only because the caller has already refused plain HTTP to anything but
 * loopback, HTTP/1.1, no redirects, no silent retry, and the proxy and authenticator given.
 * Stateless.
 */
final class OkHttpClients {
  /**
   * TLS 1.3 and 1.2 with whatever suites the context enables, as the JDK transport; OkHttp's own
   * lists would refuse suites the JDK accepts, and the two transports must agree on what connects.
   */
  static final ConnectionSpec TLS =
      new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS)
          .allEnabledCipherSuites()
          .tlsVersions(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2)
          .build();

  private OkHttpClients() {}

  /**
   * @param sslContext the TLS context; null for the JVM's default
   * @param trustManager the context's trust manager, which OkHttp wants beside the socket factory;
   *     null for the JVM's default. The trust decision is always the context's, made in its
   *     handshake; OkHttp uses this one only to clean chains for certificate pinning, which Krebit
   *     does not configure.
   * @param proxy the proxy selector; null for a direct connection
   * @param authenticator answers proxy challenges (407); null for none
   */
  static OkHttpClient create(
      @Nullable SSLContext sslContext,
      @Nullable X509TrustManager trustManager,
      Duration connectTimeout,
      @Nullable ProxySelector proxy,
      @Nullable Authenticator authenticator) {
    SSLContext context =
        sslContext != null ? sslContext : TlsParameters.jvmDefault("set sslContext");
    X509TrustManager trust = trustManager != null ? trustManager : defaultTrustManager();
    // Fails early, as the JDK transport does, when the context speaks neither TLS 1.3 nor 1.2.
    TlsParameters.strict(context, "sslContext");
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .sslSocketFactory(context.getSocketFactory(), trust)
            .connectionSpecs(List.of(TLS, ConnectionSpec.CLEARTEXT))
            .protocols(List.of(Protocol.HTTP_1_1))
            .connectTimeout(connectTimeout)
            // The call deadline is set per call (Call.timeout()); these would only cut it shorter.
            .readTimeout(Duration.ZERO)
            .writeTimeout(Duration.ZERO)
            // A token request carries a secret: never replay it to another host, and never resend
            // it
            // behind the caller's retry policy, which knows what is safe to repeat.
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false);
    if (proxy != null) {
      builder.proxySelector(proxy);
    }
    if (authenticator != null) {
      builder.proxyAuthenticator(new ProxyAuthentication(authenticator));
    }
    return builder.build();
  }

  private static X509TrustManager defaultTrustManager() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new KrebitConfigurationException(
          "the JVM's default trust managers include no X509TrustManager");
    } catch (NoSuchAlgorithmException | KeyStoreException e) {
      throw new KrebitConfigurationException("the JVM's default trust manager is unavailable", e);
    }
  }
}
