package se.krebit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.krebit.auth.ClientCredentialsTokenSource;
import se.krebit.auth.KrebitConfigurationException;
import se.krebit.auth.Tenant;
import se.krebit.auth.TokenSource;
import se.krebit.auth.feign.FeignTokenEndpoint;
import se.krebit.http.HttpConfig;
import se.krebit.testkit.FakeKrebitServer;
import se.krebit.testkit.TestCertificate;

/**
 * TLS of the token endpoint and the API client against servers on loopback with certificates made
 * for the test: TLS 1.2 and 1.3 are accepted; a server offering only TLS 1.0/1.1, a certificate for
 * another host and plain http to a host that is not loopback are refused, with a typed error that
 * is not retried.
 */
class TlsIT {
  @TempDir static Path dir;
  private static TestCertificate loopback;
  private static FakeKrebitServer plainFake;

  @BeforeAll
  static void start() {
    loopback = TestCertificate.create(dir, "ip:127.0.0.1", "dns:localhost");
    plainFake =
        FakeKrebitServer.builder()
            .app(TestClients.CLIENT_ID, TestClients.SECRET, TestClients.ROLE)
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    plainFake.close();
  }

  private static HttpConfig transport(SSLContext trusting) {
    return TestClients.fast().sslContext(trusting).build();
  }

  private static TokenSource appTokens(Tenant tenant, SSLContext trusting) {
    return ClientCredentialsTokenSource.builder()
        .endpoint(FeignTokenEndpoint.builder().tenant(tenant).http(transport(trusting)).build())
        .client(plainFake.credentials(TestClients.CLIENT_ID))
        .build();
  }

  private static KrebitClient client(Tenant tenant, SSLContext trusting) {
    return KrebitClient.builder()
        .tenant(tenant)
        .tokenSource(appTokens(tenant, trusting))
        .http(transport(trusting))
        .build();
  }

  /** A client whose calls fail before its token is ever sent. */
  private static KrebitClient clientWithUnsentToken(Tenant tenant, SSLContext trusting) {
    return KrebitClient.builder()
        .tenant(tenant)
        .tokenSource(new FixedTokenSource("token-never-sent"))
        .http(transport(trusting))
        .build();
  }

  /** An HTTPS fake presenting {@code certificate}, started. */
  private static FakeKrebitServer httpsFake(TestCertificate certificate) {
    return FakeKrebitServer.builder()
        .app(TestClients.CLIENT_ID, TestClients.SECRET)
        .https(certificate.keystore(), certificate.password())
        .build()
        .start();
  }

  /** {@code failure} as the configuration error a refused TLS connection is: never retryable. */
  private static KrebitConfigurationException notRetryableConfigurationError(Throwable failure) {
    assertThat(failure).isInstanceOf(KrebitConfigurationException.class);
    KrebitConfigurationException error = (KrebitConfigurationException) failure;
    assertThat(error.isRetryable()).isFalse();
    return error;
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void aServerSpeakingOnlyThisVersionIsAccepted(String protocol) throws Exception {
    plainFake.reset();
    try (TlsRelay relay = new TlsRelay(loopback, plainFake.port(), protocol)) {
      Me me = client(Tenant.at(relay.baseUri()), loopback.trustingContext()).me();

      assertThat(me.id()).isEqualTo("app_" + TestClients.CLIENT_ID);
      assertThat(relay.negotiatedProtocols()).isNotEmpty().containsOnly(protocol);
      assertThat(relay.failedHandshakes()).isEmpty();
      assertThat(plainFake.journal().tokenRequestCount()).isEqualTo(1);
      assertThat(plainFake.journal().apiRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void theHttpsFakeServesTheWholeStack() {
    try (FakeKrebitServer https = httpsFake(loopback)) {
      Me me = client(https.tenant(), loopback.trustingContext()).me();

      assertThat(https.baseUri().getScheme()).isEqualTo("https");
      assertThat(me.id()).isEqualTo("app_" + TestClients.CLIENT_ID);
      assertThat(https.journal().tokenRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void aServerOfferingOnlyTls10And11IsRefusedOnceAsAConfigurationError() throws Exception {
    try (LegacyServer legacy = LegacyServer.start(loopback)) {
      Tenant tenant = Tenant.at(legacy.baseUri());

      Throwable failure = catchThrowable(appTokens(tenant, loopback.trustingContext())::token);

      KrebitConfigurationException error = notRetryableConfigurationError(failure);
      assertThat(error)
          .hasMessageContaining("TLS handshake")
          .hasMessageContaining("TLS 1.2 or 1.3");
      assertThat(error.getCause()).isInstanceOf(SSLHandshakeException.class);
      assertThat(legacy.connectionsTried()).as("no retries").isEqualTo(1);
    }
  }

  @Test
  void aCertificateForAnotherHostIsRefusedOnceAsAConfigurationError() {
    TestCertificate elsewhere = TestCertificate.create(dir, "dns:other.example");
    try (FakeKrebitServer https = httpsFake(elsewhere)) {
      Throwable failure =
          catchThrowable(appTokens(https.tenant(), elsewhere.trustingContext())::token);

      KrebitConfigurationException error = notRetryableConfigurationError(failure);
      assertThat(error).hasMessageContaining("host name");
      assertThat(error.getCause()).isInstanceOf(SSLHandshakeException.class);
      assertThat(https.journal().tokenRequestCount()).isZero();
    }
  }

  @Test
  void theApiClientRefusesAServerOfferingOnlyTls10And11OnceAsAConfigurationError()
      throws Exception {
    try (LegacyServer legacy = LegacyServer.start(loopback)) {
      KrebitClient krebit =
          clientWithUnsentToken(Tenant.at(legacy.baseUri()), loopback.trustingContext());

      Throwable failure = catchThrowable(krebit::me);

      KrebitConfigurationException error = notRetryableConfigurationError(failure);
      assertThat(error)
          .hasMessageContaining("TLS handshake")
          .hasMessageNotContaining("token-never-sent");
      assertThat(error.getCause()).isInstanceOf(SSLHandshakeException.class);
      assertThat(legacy.connectionsTried()).as("no retries").isEqualTo(1);
    }
  }

  @Test
  void theApiClientRefusesACertificateForAnotherHostOnceAsAConfigurationError() {
    TestCertificate elsewhere = TestCertificate.create(dir, "dns:other.example");
    try (FakeKrebitServer https = httpsFake(elsewhere)) {
      KrebitClient krebit = clientWithUnsentToken(https.tenant(), elsewhere.trustingContext());

      Throwable failure = catchThrowable(krebit::me);

      KrebitConfigurationException error = notRetryableConfigurationError(failure);
      assertThat(error).hasMessageContaining("host name");
      assertThat(https.journal().apiRequestCount()).isZero();
    }
  }

  @Test
  void plainHttpToAHostThatIsNotLoopbackIsRefusedBeforeAnyConnection() throws Exception {
    try (CountingListener listener = new CountingListener()) {
      URI notLoopback = URI.create("http://0.0.0.0:" + listener.port() + "/");
      // Control: on Linux 0.0.0.0 reaches the listener, so a client that tried would be counted.
      assertThatThrownBy(
              () ->
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(notLoopback).build(),
                          HttpResponse.BodyHandlers.discarding()))
          .isInstanceOf(IOException.class);
      await().atMost(Duration.ofSeconds(5)).until(() -> listener.accepted() > 0);
      int controlConnections = listener.accepted(); // the JDK client may try a GET twice

      assertThatThrownBy(() -> Tenant.at(notLoopback))
          .isInstanceOf(KrebitConfigurationException.class)
          .hasMessageContaining("must use https");
      assertThatThrownBy(
              () -> FeignTokenEndpoint.builder().tokenEndpoint(notLoopback.resolve("oauth/token")))
          .isInstanceOf(KrebitConfigurationException.class)
          .hasMessageContaining("must use https");
      assertThatThrownBy(() -> KrebitClient.builder().baseUri(notLoopback.resolve("api/1.0/")))
          .isInstanceOf(KrebitConfigurationException.class)
          .hasMessageContaining("must use https");
      assertThatThrownBy(() -> Tenant.parse("http://acme.krebit.se"))
          .isInstanceOf(KrebitConfigurationException.class)
          .hasMessageContaining("must use https");

      assertThat(listener.accepted())
          .as("only the control connected")
          .isEqualTo(controlConnections);
    }
  }

  /** A loopback listener that counts connections and closes them. */
  private static final class CountingListener implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final AtomicInteger accepted = new AtomicInteger();

    CountingListener() throws IOException {
      Thread thread =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try {
                    Socket connection = socket.accept();
                    accepted.incrementAndGet();
                    connection.close();
                  } catch (IOException e) {
                    return;
                  }
                }
              },
              "counting-listener");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    int accepted() {
      return accepted.get();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** {@link LegacyTlsServer} in a JVM of its own, and what it reports. */
  static final class LegacyServer implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> startup = new LinkedBlockingQueue<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final int port;

    private LegacyServer(Process process) throws InterruptedException {
      this.process = process;
      Thread reader = new Thread(this::read, "legacy-tls-output");
      reader.setDaemon(true);
      reader.start();
      String selfCheck = startup.poll(60, TimeUnit.SECONDS);
      assertThat(selfCheck)
          .as("the legacy server's self-check, output so far: %s", lines)
          .isIn("SELF_CHECK TLSv1", "SELF_CHECK TLSv1.1");
      String port = startup.poll(10, TimeUnit.SECONDS);
      assertThat(port).as("the legacy server's port").startsWith("PORT ");
      this.port = Integer.parseInt(port.substring(5));
    }

    static LegacyServer start(TestCertificate certificate)
        throws IOException, InterruptedException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process process =
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  LegacyTlsServer.class.getName(),
                  certificate.keystore().toString(),
                  certificate.password())
              .redirectErrorStream(true)
              .start();
      return new LegacyServer(process);
    }

    URI baseUri() {
      return URI.create("https://127.0.0.1:" + port + "/");
    }

    /**
     * Connections of the client under test, once each has ended its handshake one way or the other.
     */
    int connectionsTried() {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  count("ACCEPTED") > 0
                      && count("ACCEPTED")
                          == count("HANDSHAKE_FAILED") + count("HANDSHAKE_COMPLETED"));
      assertThat(count("HANDSHAKE_COMPLETED"))
          .as("completed handshakes; output: %s", lines)
          .isZero();
      return (int) count("ACCEPTED");
    }

    private long count(String prefix) {
      return lines.stream().filter(line -> line.startsWith(prefix)).count();
    }

    private void read() {
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          lines.add(line);
          if (line.startsWith("SELF_CHECK") || line.startsWith("PORT ")) {
            startup.add(line);
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }

    @Override
    public void close() throws IOException {
      process.getOutputStream().close();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
