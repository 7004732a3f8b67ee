package se.krebit.auth.feign;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.http.HttpConfig;

/** Token requests over real TLS to a server with a self-signed certificate made for this test. */
class HttpsIT {
  private static final String PASSWORD = "test-only";
  private static final String ALIAS = "wiremock";

  @TempDir static Path dir;
  private static WireMockServer server;
  private static Path keystore;

  @BeforeAll
  static void startHttpsServer() throws Exception {
    keystore = dir.resolve("server.p12");
    generateSelfSignedKeystore(keystore);
    server =
        new WireMockServer(
            wireMockConfig()
                .dynamicPort()
                .dynamicHttpsPort()
                .keystorePath(keystore.toString())
                .keystoreType("PKCS12")
                .keystorePassword(PASSWORD)
                .keyManagerPassword(PASSWORD));
    server.start();
  }

  @AfterAll
  static void stopServer() {
    server.stop();
  }

  @BeforeEach
  void stubSuccess() {
    server.resetAll();
    server.stubFor(Wire.tokenRequest().willReturn(Wire.success()));
  }

  @Test
  void exchangesOverTlsWithATrustedSelfSignedCertificate() throws Exception {
    FeignTokenEndpoint endpoint =
        TestEndpoints.at("https://localhost:" + server.httpsPort())
            .http(HttpConfig.from(TestEndpoints.FAST).sslContext(trusting(keystore)).build())
            .build();

    assertThat(endpoint.exchange(Wire.GUIDE_CLIENT, Wire.CLIENT_CREDENTIALS).requestId())
        .contains(Wire.REQUEST_ID);
    server.verify(1, Wire.tokenRequests());
  }

  @Test
  void refusesAnUntrustedCertificateOnceAsAConfigurationError() {
    FeignTokenEndpoint endpoint =
        TestEndpoints.at("https://localhost:" + server.httpsPort()).build();

    KrebitConfigurationException error =
        Thrown.by(
            KrebitConfigurationException.class,
            () -> endpoint.exchange(Wire.GUIDE_CLIENT, Wire.CLIENT_CREDENTIALS));

    assertThat(error.getCause()).isInstanceOf(SSLHandshakeException.class);
    assertThat(error).hasMessageContaining("TLS handshake").hasMessageContaining("certificate");
    assertThat(error.isRetryable()).isFalse();
    server.verify(0, Wire.tokenRequests());
  }

  private static void generateSelfSignedKeystore(Path target)
      throws IOException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                ALIAS,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                target.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("keytool.log").toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
    assertThat(process.exitValue())
        .as("keytool exit code, see " + dir.resolve("keytool.log"))
        .isZero();
  }

  /** A TLS context trusting only the certificate in {@code keystore}. */
  private static SSLContext trusting(Path keystore) throws Exception {
    KeyStore serverKeys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      serverKeys.load(in, PASSWORD.toCharArray());
    }
    Certificate certificate = serverKeys.getCertificate(ALIAS);
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry(ALIAS, certificate);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
