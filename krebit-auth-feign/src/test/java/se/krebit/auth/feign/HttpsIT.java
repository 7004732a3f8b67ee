package se.krebit.auth.feign;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.http.HttpConfig;
import se.krebit.testkit.TestCertificate;

/** Token requests over real TLS to a server with a self-signed certificate made for this test. */
class HttpsIT {
  @TempDir static Path dir;
  private static WireMockServer server;
  private static TestCertificate certificate;

  @BeforeAll
  static void startHttpsServer() {
    certificate = TestCertificate.create(dir, "dns:localhost", "ip:127.0.0.1");
    server =
        new WireMockServer(
            wireMockConfig()
                .dynamicPort()
                .dynamicHttpsPort()
                .keystorePath(certificate.keystore().toString())
                .keystoreType("PKCS12")
                .keystorePassword(certificate.password())
                .keyManagerPassword(certificate.password()));
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
  void exchangesOverTlsWithATrustedSelfSignedCertificate() {
    FeignTokenEndpoint endpoint =
        TestEndpoints.at("https://localhost:" + server.httpsPort())
            .http(
                HttpConfig.from(TestEndpoints.FAST)
                    .sslContext(certificate.trustingContext())
                    .build())
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
}
