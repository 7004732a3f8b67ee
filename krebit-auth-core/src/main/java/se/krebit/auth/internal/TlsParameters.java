package se.krebit.auth.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import se.krebit.auth.KrebitConfigurationException;

/**
 * The TLS parameters of every connection Krebit's adapters open: TLS 1.3 and 1.2 only, host name
 * verification on. JDK-only, so that adapters on any HTTP client can share it. Stateless.
 */
public final class TlsParameters {
  /** The only protocols ever enabled, most preferred first. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private TlsParameters() {}

  /**
   * The JVM's default TLS context, for a client given none.
   *
   * @param remedy the end of the error's message: what to set instead, such as {@code "set
   *     sslContext"}
   * @throws KrebitConfigurationException if the JVM has none
   */
  public static SSLContext jvmDefault(String remedy) {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new KrebitConfigurationException("the JVM has no default TLS context; " + remedy, e);
    }
  }

  /**
   * The default parameters of {@code context}, narrowed to {@link #PROTOCOLS} that it supports,
   * with HTTPS host name verification.
   *
   * @param contextName how the error names the context, such as {@code "sslContext"}
   * @throws KrebitConfigurationException if the context supports neither TLS 1.3 nor TLS 1.2
   */
  public static SSLParameters strict(SSLContext context, String contextName) {
    Set<String> supported = Set.of(context.getSupportedSSLParameters().getProtocols());
    String[] protocols = PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new);
    if (protocols.length == 0) {
      throw new KrebitConfigurationException(
          contextName
              + " must support TLSv1.3 or TLSv1.2; its protocol "
              + context.getProtocol()
              + " supports neither");
    }
    SSLParameters parameters = context.getDefaultSSLParameters();
    parameters.setProtocols(protocols);
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    return parameters;
  }

  /**
   * A TLS context that trusts exactly {@code certificates}: not the JVM's CAs, no client key. For a
   * private CA bundle, or a test's self-signed certificate.
   *
   * @throws GeneralSecurityException if the JVM cannot build it; each caller reports that in its
   *     own documented exception
   */
  public static SSLContext trusting(Collection<? extends Certificate> certificates)
      throws GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      trust.load(null, null);
    } catch (IOException e) {
      throw new KeyStoreException("cannot make an empty trust store", e);
    }
    int i = 0;
    for (Certificate certificate : certificates) {
      trust.setCertificateEntry("trusted-" + i++, certificate);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
