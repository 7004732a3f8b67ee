package se.krebit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake over HTTPS only, with a certificate made for the test. */
class HttpsFakeIT {
  @TempDir static Path dir;
  private static TestCertificate certificate;
  private static FakeKrebitServer server;

  @BeforeAll
  static void start() {
    certificate = TestCertificate.create(dir, "ip:127.0.0.1", "dns:localhost");
    server =
        FakeKrebitServer.builder()
            .app("demo-client", "demo-secret")
            .https(certificate.keystore(), certificate.password())
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void servesTokensOverHttpsToAClientTrustingTheCertificate() throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(certificate.trustingContext()).build();

    HttpResponse<String> response =
        client.send(tokenRequest(), HttpResponse.BodyHandlers.ofString());

    assertThat(server.baseUri().getScheme()).isEqualTo("https");
    assertThat(server.tenant().tokenEndpoint()).isEqualTo(server.tokenEndpoint());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("access_token");
    assertThat(server.journal().tokenRequestCount()).isEqualTo(1);
  }

  @Test
  void thePemFileHoldsTheCertificateTheServerPresents() throws Exception {
    try (InputStream in = Files.newInputStream(certificate.pem())) {
      List<Certificate> inPem =
          List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
      assertThat(inPem).containsExactly(certificate.certificate());
    }
    assertThat(Files.readString(certificate.pem())).startsWith("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefusedInTheHandshake() {
    HttpClient client = HttpClient.newHttpClient();
    int before = server.journal().tokenRequestCount();

    assertThatThrownBy(() -> client.send(tokenRequest(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
    assertThat(server.journal().tokenRequestCount()).isEqualTo(before);
  }

  @Test
  void theCertificateNamesWhatTheTestAskedFor() {
    assertThat(certificate.subjectAlternativeNames())
        .containsExactly("ip:127.0.0.1", "dns:localhost");
    assertThat(certificate.certificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=localhost");
  }

  private static HttpRequest tokenRequest() {
    return HttpRequest.newBuilder(server.tokenEndpoint())
        .timeout(Http.TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(
            HttpRequest.BodyPublishers.ofString(
                Http.clientCredentialsJson("demo-client", "demo-secret")))
        .build();
  }
}
