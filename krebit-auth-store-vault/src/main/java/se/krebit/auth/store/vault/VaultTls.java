package se.krebit.auth.store.vault;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.internal.TlsParameters;

/**
 * The JDK {@link HttpClient} the Vault driver sends through: TLS 1.3 and 1.2 only, host name
 * verification on, no redirects (a request carrying the Vault token must never be replayed to
 * another host), HTTP/1.1 as the driver and Vault Agent expect.
 */
final class VaultTls {
  private VaultTls() {}

  static HttpClient httpClient(@Nullable SSLContext sslContext, Duration connectTimeout) {
    SSLContext context =
        sslContext != null ? sslContext : TlsParameters.jvmDefault("give the Vault CA bundle");
    return HttpClient.newBuilder()
        .sslContext(context)
        .sslParameters(TlsParameters.strict(context, "the Vault TLS context"))
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** A context trusting exactly the certificates in {@code pem} (one or more PEM blocks). */
  static SSLContext trusting(String pem) {
    try {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem.getBytes(US_ASCII)));
      if (certificates.isEmpty()) {
        throw new KrebitConfigurationException("the Vault CA bundle holds no PEM certificate");
      }
      return TlsParameters.trusting(certificates);
    } catch (GeneralSecurityException e) {
      throw new KrebitConfigurationException(
          "the Vault CA bundle is not a valid set of PEM certificates (-----BEGIN CERTIFICATE----- blocks)",
          e);
    }
  }
}
