package se.krebit.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import se.krebit.auth.CompletedAuthorization;
import se.krebit.testkit.FakeKrebitExtension;
import se.krebit.testkit.FakeKrebitServer;

/**
 * {@code krebit login}'s loopback listener, which any program on the machine can reach: forged and
 * early callbacks are ignored, and a connection that stalls holds nothing up. Over real sockets; the
 * read timeout in a krebit process of its own, where it applies.
 */
class LoginListenerIT {
  @RegisterExtension static final FakeKrebitExtension KREBIT = TestFake.extension();
  private static final String PORT = Integer.toString(TestFake.LOGIN_PORT);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path home;
  private final List<Socket> stalled = new ArrayList<>();
  private Cli cli;
  private CliProcess processes;

  @BeforeEach
  void configure(FakeKrebitServer server) {
    server.consent().approveAs(TestFake.USER);
    cli = new Cli(home).configuredFor(server, TestFake.CLIENT_ID, TestFake.SECRET);
    processes = new CliProcess(home)
        .env(ConfigSources.TENANT, server.baseUri().toString())
        .env(ConfigSources.CLIENT_ID, TestFake.CLIENT_ID)
        .env(ConfigSources.CLIENT_SECRET, TestFake.SECRET);
  }

  @AfterEach
  void closeStalledConnectionsAndProcesses() throws IOException {
    for (Socket socket : stalled) {
      socket.close();
    }
    processes.stopAll();
  }

  @Test
  void forgedCallbacksAreIgnoredAndTheRealOneStillSignsIn() {
    List<Integer> forgedStatuses = new ArrayList<>();
    ScriptedBrowser browser = new ScriptedBrowser();
    cli.browser(authorize -> {
      URI callback = Cli.callback(TestFake.LOGIN_PORT);
      for (String forged : List.of("?state=forged&code=stolen", "?state=forged&error=access_denied",
          "?state=forged", "?code=stolen", "?error=access_denied&error_description=gotcha")) {
        forgedStatuses.add(get(URI.create(callback + forged)).statusCode());
      }
      return browser.open(authorize);
    });

    Cli.Run login = cli.run("login", "--subject", "alice", "--port", PORT, "--timeout", "60s");

    assertThat(login.exitCode()).as(login.err()).isZero();
    assertThat(forgedStatuses).containsOnly(400);
    assertThat(login.err().lines().toList()).hasSize(5).allSatisfy(line -> assertThat(line)
        .startsWith("krebit login: ignored a request to /callback that belongs to no sign-in begun here (")
        .endsWith("); still waiting for the sign-in."));
    assertThat(browser.page).contains("You are signed in to Krebit as alice");
    assertThat(cli.run("token", "--subject", "alice").exitCode()).isZero();
  }

  @Test
  void aCallbackBeforeTheSignInBeganIsIgnored() {
    StringWriter err = new StringWriter();
    try (LoopbackReceiver receiver = LoopbackReceiver.start(0, new PrintWriter(err, true))) {
      URI callback = URI.create(receiver.redirectUri() + "?state=early&code=early");

      HttpResponse<String> early = get(callback);
      receiver.completeWith(uri -> new CompletedAuthorization("alice", Optional.empty(), Set.of()));
      HttpResponse<String> real = get(callback);

      assertThat(early.statusCode()).isEqualTo(400);
      assertThat(real.statusCode()).isEqualTo(200);
      assertThat(receiver.await(Duration.ofSeconds(10)).subject()).isEqualTo("alice");
      assertThat(err.toString()).contains("ignored a request to /callback before the sign-in began");
    }
  }

  @Test
  void aStalledConnectionDoesNotHoldUpTheSignIn() {
    ScriptedBrowser browser = new ScriptedBrowser();
    cli.browser(authorize -> {
      stall(TestFake.LOGIN_PORT);
      return browser.open(authorize);
    });

    Cli.Run login = cli.run("login", "--subject", "alice", "--port", PORT, "--timeout", "30s");

    assertThat(login.exitCode()).as(login.err()).isZero();
    assertThat(browser.pageStatus).isEqualTo(200);
  }

  @Test
  void aStalledConnectionIsClosedAfterTheReadTimeout() throws Exception {
    CliProcess.Running login = processes.start("login", "--subject", "alice", "--port", PORT, "--no-browser");
    URI signIn = LoginProcess.awaitSignInUrl(login); // listening now
    Socket socket = stall(TestFake.LOGIN_PORT);
    socket.setSoTimeout((int) LoopbackReceiver.READ_TIMEOUT.multipliedBy(3).toMillis());
    long started = System.nanoTime();

    int read = readOrTimeOut(socket.getInputStream());
    Duration closedAfter = Duration.ofNanos(System.nanoTime() - started);

    assertThat(read).as("krebit closed the stalled connection").isEqualTo(-1);
    assertThat(closedAfter).isBetween(LoopbackReceiver.READ_TIMEOUT.minusSeconds(1),
        LoopbackReceiver.READ_TIMEOUT.multipliedBy(2));
    new ScriptedBrowser().open(signIn);
    CliProcess.Result result = login.finish();
    assertThat(result.exitCode()).as(result.stderr()).isZero();
  }

  /** Opens a connection to the listener and sends half a request line, and no more. */
  private Socket stall(int port) {
    try {
      Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
      stalled.add(socket);
      socket.getOutputStream().write("GET /callback?sta".getBytes(US_ASCII));
      socket.getOutputStream().flush();
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first byte read, -1 once the other end closed the connection, or -2 if the read timed out. */
  private static int readOrTimeOut(InputStream in) {
    try {
      return in.read();
    } catch (SocketTimeoutException e) {
      return -2;
    } catch (IOException reset) {
      return -1;
    }
  }

  private static HttpResponse<String> get(URI uri) {
    try {
      return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
